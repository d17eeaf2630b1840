package dev.kiln.tar;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Reads the {@code user.*} and {@code security.*} xattrs (file capabilities such as ping's
 * {@code cap_net_raw}) of a whole tree with one run of attr's {@code getfattr}: Java can only read
 * {@code user.*}, and only by opening every file. Runs in the background while the tree is walked.
 * Without getfattr, {@link #available()} is false and callers list {@code user.*} through Java.
 */
final class XattrScan {

    private final CompletableFuture<Map<String, Map<String, byte[]>>> result;

    private final boolean available;

    private XattrScan(CompletableFuture<Map<String, Map<String, byte[]>>> result, boolean available) {
        this.result = result;
        this.available = available;
    }

    static XattrScan start(Path root) {
        Path getfattr = NativeFs.find("getfattr");
        if (getfattr == null) {
            return new XattrScan(CompletableFuture.completedFuture(Map.of()), false);
        }
        Path absolute = root.toAbsolutePath().normalize();
        CompletableFuture<Map<String, Map<String, byte[]>>> future = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                future.complete(run(getfattr, absolute));
            } catch (RuntimeException e) {
                future.completeExceptionally(e);
            }
        }, "kiln-xattr-scan");
        thread.setDaemon(true);
        thread.start();
        return new XattrScan(future, true);
    }

    /** Whether the scan covers {@code user.*} too (getfattr was found). */
    boolean available() {
        return available;
    }

    /** Xattrs by path relative to the root (only paths that have any). */
    Map<String, Map<String, byte[]>> result() throws IOException {
        try {
            return result.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw new IOException("reading xattrs failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private static Map<String, Map<String, byte[]>> run(Path getfattr, Path root) {
        try {
            Process p = new ProcessBuilder(List.of(getfattr.toString(), "-R", "-P", "-h", "--absolute-names", "-d",
                    "-e", "hex", "-m", "^(user|security)\\.", root.toString()))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().close();
            byte[] output;
            try (InputStream in = p.getInputStream()) {
                ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                in.transferTo(buffer);
                output = buffer.toByteArray();
            }
            p.waitFor();
            // getfattr exits non-zero when some file vanished or is unreadable; what it printed still holds.
            return parse(new String(output, StandardCharsets.ISO_8859_1), root.toString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        }
    }

    static Map<String, Map<String, byte[]>> parse(String output, String root) {
        Map<String, Map<String, byte[]>> all = new HashMap<>();
        String current = null;
        for (String line : output.split("\n")) {
            if (line.startsWith("# file: ")) {
                String path = unescape(line.substring("# file: ".length()));
                current = path.equals(root) ? "" : path.startsWith(root + "/") ? path.substring(root.length() + 1) : null;
            } else if (current != null && line.contains("=")) {
                int eq = line.indexOf('=');
                String name = unescape(line.substring(0, eq));
                String value = line.substring(eq + 1).trim();
                if (value.startsWith("0x")) {
                    all.computeIfAbsent(current, k -> new HashMap<>()).put(name,
                            HexFormat.of().parseHex(value.substring(2)));
                }
            }
        }
        return all;
    }

    /** getfattr writes unusual bytes of names as backslash and three octal digits. */
    static String unescape(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 3 < text.length() + 0 && isOctal(text, i + 1)) {
                bytes.write(Integer.parseInt(text.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                bytes.write(c); // ISO-8859-1 decoding kept every byte as one char
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isOctal(String text, int from) {
        if (from + 3 > text.length()) {
            return false;
        }
        for (int i = from; i < from + 3; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '7') {
                return false;
            }
        }
        return true;
    }
}
