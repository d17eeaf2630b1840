package dev.kiln.registry.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.KilnException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A {@code docker-credential-NAME} program, run as a process per the credential-helper protocol:
 * {@code get} reads the server on stdin and prints {@code {"ServerURL","Username","Secret"}};
 * {@code store} reads that JSON; {@code erase} reads the server. A {@code Username} of
 * {@code <token>} means the secret is an identity token. The helper's output is never quoted in
 * errors, since it may hold the secret.
 */
public final class CredentialHelper {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_SECONDS = 60;
    private static final String TOKEN_USER = "<token>";

    private final String name;
    private final Path program;

    private CredentialHelper(String name, Path program) {
        this.name = name;
        this.program = program;
    }

    /** Finds {@code docker-credential-NAME} on the environment's {@code PATH}. */
    public static CredentialHelper find(String name, Map<String, String> env) throws CredentialException {
        String executable = "docker-credential-" + name;
        String path = env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, executable);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return new CredentialHelper(name, candidate);
            }
        }
        throw new CredentialException(KilnException.Kind.FAILURE,
                "credential helper " + executable + " (configured in config.json) is not on PATH");
    }

    public String name() {
        return "docker-credential-" + name;
    }

    /** The credential for {@code server}, or empty when the helper has none. */
    public Optional<Credential> get(String server) throws CredentialException {
        Result result = run("get", server);
        if (result.exit() != 0) {
            if (result.stdout().toLowerCase(java.util.Locale.ROOT).contains("credentials not found")) {
                return Optional.empty();
            }
            throw failure("get", result);
        }
        try {
            JsonNode node = JSON.readTree(result.stdout());
            String user = node.path("Username").asText("");
            String secret = node.path("Secret").asText("");
            if (secret.isEmpty()) {
                return Optional.empty();
            }
            if (TOKEN_USER.equals(user)) {
                return Optional.of(new Credential.IdentityToken("", secret));
            }
            return Optional.of(new Credential.UserPassword(user, secret));
        } catch (IOException e) {
            throw new CredentialException(KilnException.Kind.FAILURE, name() + " get: output is not the expected JSON");
        }
    }

    /** Stores a credential for {@code server}. */
    public void store(String server, Credential credential) throws CredentialException {
        ObjectNode node = JSON.createObjectNode();
        node.put("ServerURL", server);
        if (credential instanceof Credential.UserPassword user) {
            node.put("Username", user.username());
            node.put("Secret", user.password());
        } else if (credential instanceof Credential.IdentityToken token) {
            node.put("Username", TOKEN_USER);
            node.put("Secret", token.token());
        }
        Result result = run("store", node.toString());
        if (result.exit() != 0) {
            throw failure("store", result);
        }
    }

    /** Erases the credential for {@code server}; a helper that had none is not an error. */
    public void erase(String server) throws CredentialException {
        Result result = run("erase", server);
        if (result.exit() != 0 && !result.stdout().toLowerCase(java.util.Locale.ROOT).contains("not found")) {
            throw failure("erase", result);
        }
    }

    private CredentialException failure(String action, Result result) {
        return new CredentialException(KilnException.Kind.FAILURE,
                name() + " " + action + " failed with exit code " + result.exit());
    }

    private record Result(int exit, String stdout) {
    }

    private Result run(String action, String input) throws CredentialException {
        Process process;
        try {
            process = new ProcessBuilder(program.toString(), action).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new CredentialException(KilnException.Kind.FAILURE, name() + ": cannot start: " + e.getMessage());
        }
        try {
            CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // A helper that does not read its input is judged by its exit code.
            }
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new CredentialException(KilnException.Kind.FAILURE,
                        name() + " " + action + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            return new Result(process.exitValue(), new String(output.join(), StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new CredentialException(KilnException.Kind.FAILURE, name() + " " + action + " interrupted");
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
