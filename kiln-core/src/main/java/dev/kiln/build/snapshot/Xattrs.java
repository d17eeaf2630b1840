package dev.kiln.build.snapshot;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * Extended attributes of a tree, read once: attr's {@code getfattr -R} dumps every namespace
 * (security.capability from setcap matters) in one process; without it only {@code user.*} is read,
 * through Java. Overlay's own bookkeeping ({@code *.overlay.*}) is never part of a layer.
 */
final class Xattrs {

    private final Map<String, Map<String, byte[]>> byPath;
    private final boolean complete;

    private Xattrs(Map<String, Map<String, byte[]>> byPath, boolean complete) {
        this.byPath = byPath;
        this.complete = complete;
    }

    /** Reads all xattrs under {@code root} (paths as absolute strings). */
    static Xattrs readTree(Path root) throws IOException {
        return dump(root, true);
    }

    private static Xattrs dump(Path root, boolean recursive) throws IOException {
        Path getfattr = find();
        if (getfattr == null) {
            return new Xattrs(Map.of(), false);
        }
        List<String> command = new ArrayList<>(List.of(getfattr.toString(), "-h", "-d", "-m", "-", "-e", "hex",
                "--absolute-names", root.toAbsolutePath().toString()));
        if (recursive) {
            command.add(1, "-R");
        }
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        process.getOutputStream().close();
        Map<String, Map<String, byte[]>> result = new HashMap<>();
        try (InputStream in = process.getInputStream()) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String current = null;
            for (String line : text.split("\n")) {
                if (line.startsWith("# file: ")) {
                    current = unescape(line.substring("# file: ".length()));
                } else if (current != null && line.contains("=0x")) {
                    int eq = line.indexOf("=0x");
                    String name = line.substring(0, eq);
                    if (!isOverlayBookkeeping(name)) {
                        result.computeIfAbsent(current, k -> new TreeMap<>())
                                .put(name, HexFormat.of().parseHex(line.substring(eq + 3)));
                    }
                } else if (current != null && line.indexOf('=') > 0 && !line.startsWith("#")) {
                    // an empty value is printed as name="" in hex mode too
                    String name = line.substring(0, line.indexOf('='));
                    if (!isOverlayBookkeeping(name)) {
                        result.computeIfAbsent(current, k -> new TreeMap<>()).put(name, new byte[0]);
                    }
                }
            }
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading xattrs", e);
        }
        return new Xattrs(result, true);
    }

    /** The xattrs of one path, read on its own. */
    static Map<String, byte[]> readOne(Path path) throws IOException {
        if (find() == null) {
            return userOnly(path);
        }
        Xattrs one = dump(path, false);
        return one.of(path);
    }

    /** The xattrs of one path (empty for none). */
    Map<String, byte[]> of(Path path) throws IOException {
        if (complete) {
            return byPath.getOrDefault(path.toAbsolutePath().toString(), Map.of());
        }
        return userOnly(path);
    }

    static boolean isOverlayBookkeeping(String name) {
        return name.startsWith("trusted.overlay.") || name.startsWith("user.overlay.");
    }

    private static Map<String, byte[]> userOnly(Path path) throws IOException {
        if (Files.isSymbolicLink(path)) {
            return Map.of();
        }
        UserDefinedFileAttributeView view = Files.getFileAttributeView(path, UserDefinedFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        if (view == null) {
            return Map.of();
        }
        Map<String, byte[]> values = new TreeMap<>();
        try {
            for (String name : view.list()) {
                if (isOverlayBookkeeping("user." + name)) {
                    continue;
                }
                ByteBuffer buffer = ByteBuffer.allocate(view.size(name));
                view.read(name, buffer);
                values.put("user." + name, java.util.Arrays.copyOf(buffer.array(), buffer.position()));
            }
        } catch (java.nio.file.FileSystemException unsupported) {
            return Map.of();
        }
        return values;
    }

    /** getfattr escapes unusual bytes in names as backslash and three octal digits. */
    private static String unescape(String text) {
        if (text.indexOf('\\') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] raw = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '\\' && isOctal(raw, i + 1) && isOctal(raw, i + 2) && isOctal(raw, i + 3)) {
                bytes.write(((raw[i + 1] - '0') << 6) | ((raw[i + 2] - '0') << 3) | (raw[i + 3] - '0'));
                i += 3;
            } else {
                bytes.write(raw[i]);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isOctal(byte[] raw, int i) {
        return i < raw.length && raw[i] >= '0' && raw[i] <= '7';
    }

    private static Path find() {
        for (String dir : new String[] {"/usr/bin", "/bin", "/usr/local/bin"}) {
            Path candidate = Path.of(dir, "getfattr");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
