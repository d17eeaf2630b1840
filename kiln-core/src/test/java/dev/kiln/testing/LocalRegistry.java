package dev.kiln.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's real distribution registry ({@code docker-registry serve CONFIG}) on a free loopback port,
 * with its own storage directory and generated config: open, htpasswd basic auth (bcrypt entries made
 * by {@code htpasswd -B}) or token auth against a {@link TokenServer}. Deletes are enabled. Starting
 * waits until {@code /v2/} answers; {@link #close()} stops the process and removes its files.
 */
public final class LocalRegistry implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final Path dir;
    private final Path config;
    private final Path log;
    private final int port;
    private Process process;

    private LocalRegistry(Path dir, Path config, Path log, int port) {
        this.dir = dir;
        this.config = config;
        this.log = log;
        this.port = port;
    }

    /** A registry anyone may pull from and push to. */
    public static LocalRegistry open() throws IOException {
        return launch(Files.createTempDirectory("kiln-registry-"), "");
    }

    /** A registry behind HTTP basic auth with the given users and passwords (bcrypt htpasswd file). */
    public static LocalRegistry htpasswd(Map<String, String> users) throws IOException {
        Path htpasswd = Tools.require("htpasswd");
        Path dir = Files.createTempDirectory("kiln-registry-");
        Path file = dir.resolve("htpasswd");
        StringBuilder entries = new StringBuilder();
        for (Map.Entry<String, String> user : users.entrySet()) {
            entries.append(run(htpasswd.toString(), "-Bbn", user.getKey(), user.getValue()).strip()).append('\n');
        }
        Files.writeString(file, entries.toString(), StandardCharsets.UTF_8);
        return launch(dir, "auth:\n  htpasswd:\n    realm: kiln-test\n    path: " + file + "\n");
    }

    /** A registry that accepts bearer tokens issued by {@code tokens} (whose certificate it trusts). */
    public static LocalRegistry tokenAuth(TokenServer tokens) throws IOException {
        Path dir = Files.createTempDirectory("kiln-registry-");
        Path bundle = dir.resolve("token-ca.pem");
        Files.writeString(bundle, tokens.certificatePem(), StandardCharsets.US_ASCII);
        String auth = "auth:\n"
                + "  token:\n"
                + "    realm: " + tokens.realm() + "\n"
                + "    service: " + tokens.service() + "\n"
                + "    issuer: " + tokens.issuer() + "\n"
                + "    rootcertbundle: " + bundle + "\n";
        return launch(dir, auth);
    }

    private static LocalRegistry launch(Path dir, String authSection) throws IOException {
        Path binary = Tools.require("docker-registry");
        IOException last = null;
        // A free port can be taken between probing and binding; try a few.
        for (int attempt = 0; attempt < 5; attempt++) {
            int port = freePort();
            Path config = dir.resolve("config.yml");
            Path log = dir.resolve("registry.log");
            Files.writeString(config, config(dir.resolve("storage"), port, authSection), StandardCharsets.UTF_8);
            LocalRegistry registry = new LocalRegistry(dir, config, log, port);
            try {
                registry.startProcess(binary);
                return registry;
            } catch (IOException e) {
                registry.stopProcess();
                last = e;
            }
        }
        deleteTree(dir);
        throw last;
    }

    private static String config(Path storage, int port, String authSection) {
        return "version: 0.1\n"
                + "log:\n"
                + "  level: info\n"
                + "  accesslog:\n"
                + "    disabled: false\n"
                + "storage:\n"
                + "  filesystem:\n"
                + "    rootdirectory: " + storage + "\n"
                + "  delete:\n"
                + "    enabled: true\n"
                + "  maintenance:\n"
                + "    uploadpurging:\n"
                + "      enabled: false\n"
                + "http:\n"
                + "  addr: 127.0.0.1:" + port + "\n"
                + "  secret: " + UUID.randomUUID() + "\n"
                + authSection;
    }

    private void startProcess(Path binary) throws IOException {
        process = new ProcessBuilder(binary.toString(), "serve", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("docker-registry exited with " + process.exitValue() + ": " + logTail());
            }
            if (answers()) {
                return;
            }
            sleep(50);
        }
        throw new IOException("docker-registry did not answer on port " + port + " within " + START_TIMEOUT + ": " + logTail());
    }

    private boolean answers() {
        try {
            HttpURLConnection connection = (HttpURLConnection) new URL(url() + "/v2/").openConnection();
            connection.setConnectTimeout(500);
            connection.setReadTimeout(1000);
            int code = connection.getResponseCode();
            connection.disconnect();
            return code == 200 || code == 401;
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code 127.0.0.1:PORT}, the registry host as references name it. */
    public String host() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://" + host();
    }

    /** The registry's storage root (for tests that look at what landed). */
    public Path storage() {
        return dir.resolve("storage");
    }

    /** The registry's combined output so far, for failure messages. */
    public String logTail() {
        try {
            if (!Files.exists(log)) {
                return "(no log)";
            }
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** Every request line the registry logged, e.g. to assert that a blob was mounted, not uploaded. */
    public List<String> requestLog() throws IOException {
        List<String> requests = new ArrayList<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            int method = line.indexOf("http.request.method=");
            int uri = line.indexOf("http.request.uri=");
            if (method >= 0 && uri >= 0 && line.contains("response completed")) {
                requests.add(field(line, method + "http.request.method=".length()) + " "
                        + field(line, uri + "http.request.uri=".length()));
            }
        }
        return requests;
    }

    private static String field(String line, int start) {
        if (line.charAt(start) == '"') {
            int end = line.indexOf('"', start + 1);
            return line.substring(start + 1, end);
        }
        int end = line.indexOf(' ', start);
        return line.substring(start, end < 0 ? line.length() : end);
    }

    /** Whether the process still runs. */
    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Kills the registry for good (the port stops answering), as a crashed registry would. */
    public void kill() {
        stopProcess();
    }

    private void stopProcess() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stopProcess();
        try {
            deleteTree(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String run(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(command[0] + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return out;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

}
