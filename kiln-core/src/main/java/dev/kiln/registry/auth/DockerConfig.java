package dev.kiln.registry.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Docker's client configuration file ({@code $DOCKER_CONFIG/config.json}, else
 * {@code ~/.docker/config.json}): the {@code auths} map (base64 {@code auth}, or {@code username} and
 * {@code password}, or {@code identitytoken}), the default {@code credsStore} and per-registry
 * {@code credHelpers}. Unknown keys are kept when the file is written back, atomically and mode 0600.
 */
public final class DockerConfig {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;
    private final ObjectNode root;

    private DockerConfig(Path file, ObjectNode root) {
        this.file = file;
        this.root = root;
    }

    /** Where the file lives for this environment ({@code DOCKER_CONFIG}, then {@code HOME}). */
    public static Path location(Map<String, String> env) {
        String dir = env.get("DOCKER_CONFIG");
        if (dir != null && !dir.isBlank()) {
            return Path.of(dir, "config.json");
        }
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        return Path.of(home, ".docker", "config.json");
    }

    /** Reads the file; a missing file is an empty configuration. */
    public static DockerConfig load(Path file) throws CredentialException {
        if (!Files.exists(file)) {
            return new DockerConfig(file, JSON.createObjectNode());
        }
        try {
            JsonNode node = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
            if (node == null || node.isMissingNode()) {
                return new DockerConfig(file, JSON.createObjectNode());
            }
            if (!(node instanceof ObjectNode object)) {
                throw new CredentialException(file + ": not a JSON object");
            }
            return new DockerConfig(file, object);
        } catch (JsonProcessingException e) {
            // Jackson's message may quote file content, which can hold secrets: name the place only.
            throw new CredentialException(file + ": invalid JSON at line " + e.getLocation().getLineNr());
        } catch (IOException e) {
            throw new CredentialException(file + ": cannot read: " + e.getClass().getSimpleName());
        }
    }

    public Path file() {
        return file;
    }

    /** The helper named for this host in {@code credHelpers}, else {@code credsStore}. */
    public Optional<String> helperFor(String host) {
        JsonNode helpers = root.path("credHelpers");
        for (Iterator<Map.Entry<String, JsonNode>> it = helpers.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (RegistryHostNames.normalize(entry.getKey()).equals(RegistryHostNames.normalize(host))
                    && !entry.getValue().asText().isBlank()) {
                return Optional.of(entry.getValue().asText());
            }
        }
        String store = root.path("credsStore").asText("");
        return store.isBlank() ? Optional.empty() : Optional.of(store);
    }

    /** The credential stored inline in {@code auths} for this host, if any. */
    public Optional<Credential> inlineCredential(String host) throws CredentialException {
        JsonNode entry = authEntry(host);
        if (entry == null) {
            return Optional.empty();
        }
        return fromAuthEntry(entry, file + ": auths entry for " + RegistryHostNames.normalize(host));
    }

    /** Reads one {@code auths} entry: {@code identitytoken}, base64 {@code auth}, or {@code username}+{@code password}. */
    static Optional<Credential> fromAuthEntry(JsonNode entry, String where) throws CredentialException {
        String user = entry.path("username").asText("");
        String identity = entry.path("identitytoken").asText("");
        String auth = entry.path("auth").asText("");
        if (!auth.isEmpty()) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(auth.strip()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new CredentialException(where + ": 'auth' is not valid base64");
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw new CredentialException(where + ": 'auth' does not decode to user:password");
            }
            user = decoded.substring(0, colon);
            if (identity.isEmpty()) {
                return Optional.of(new Credential.UserPassword(user, decoded.substring(colon + 1)));
            }
        }
        if (!identity.isEmpty()) {
            return Optional.of(new Credential.IdentityToken(user, identity));
        }
        String password = entry.path("password").asText("");
        if (!user.isEmpty() && !password.isEmpty()) {
            return Optional.of(new Credential.UserPassword(user, password));
        }
        return Optional.empty();
    }

    private JsonNode authEntry(String host) {
        String wanted = RegistryHostNames.normalize(host);
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("auths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (RegistryHostNames.normalize(entry.getKey()).equals(wanted)) {
                return entry.getValue();
            }
        }
        return null;
    }

    /** Stores {@code credential} inline under {@code auths} (replacing entries spelled differently for the same host). */
    public void putInline(String host, Credential.UserPassword credential) {
        removeEntries(host);
        ObjectNode entry = auths().putObject(RegistryHostNames.storeKey(host));
        entry.put("auth", credential.base64());
    }

    /** Marks {@code host} as kept by a helper: an empty {@code auths} entry, as Docker writes. */
    public void putMarker(String host) {
        removeEntries(host);
        auths().putObject(RegistryHostNames.storeKey(host));
    }

    /** Removes every {@code auths} entry for {@code host}; returns whether there was one. */
    public boolean removeEntries(String host) {
        String wanted = RegistryHostNames.normalize(host);
        boolean removed = false;
        for (Iterator<Map.Entry<String, JsonNode>> it = auths().fields(); it.hasNext(); ) {
            if (RegistryHostNames.normalize(it.next().getKey()).equals(wanted)) {
                it.remove();
                removed = true;
            }
        }
        return removed;
    }

    private ObjectNode auths() {
        JsonNode auths = root.get("auths");
        if (auths instanceof ObjectNode object) {
            return object;
        }
        return root.putObject("auths");
    }

    /** Writes the file back atomically (see {@link dev.kiln.AtomicFile}), private to its owner: it holds credentials. */
    public void save() throws IOException {
        dev.kiln.AtomicFile.writePrivate(file, JSON.writeValueAsBytes(root));
    }
}
