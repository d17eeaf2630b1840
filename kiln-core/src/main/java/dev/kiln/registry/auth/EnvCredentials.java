package dev.kiln.registry.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Credentials from the {@code KILN_REGISTRY_AUTH} environment variable, for CI where writing a
 * config.json is a chore. Two forms:
 * <ul>
 *   <li>lines of {@code HOST=USER:SECRET} (the first {@code =} ends the host, the first {@code :}
 *       after it ends the user, so secrets may hold both), e.g.
 *       {@code ghcr.io=ci-bot:ghp_xxx};</li>
 *   <li>a JSON object shaped like config.json's {@code auths}:
 *       {@code {"ghcr.io":{"auth":"base64(user:secret)"}}} (also {@code username}/{@code password} or
 *       {@code identitytoken}).</li>
 * </ul>
 * It wins over config.json for the hosts it names.
 */
public final class EnvCredentials {

    public static final String VARIABLE = "KILN_REGISTRY_AUTH";

    private final Map<String, Credential> byHost;

    private EnvCredentials(Map<String, Credential> byHost) {
        this.byHost = Map.copyOf(byHost);
    }

    public static EnvCredentials parse(String value) throws CredentialException {
        Map<String, Credential> byHost = new HashMap<>();
        if (value == null || value.isBlank()) {
            return new EnvCredentials(byHost);
        }
        String text = value.strip();
        if (text.startsWith("{")) {
            JsonNode root;
            try {
                root = new ObjectMapper().readTree(text);
            } catch (IOException e) {
                throw new CredentialException(VARIABLE + ": invalid JSON (expected {\"HOST\":{\"auth\":\"...\"}})");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                String where = VARIABLE + ": entry for " + RegistryHostNames.normalize(entry.getKey());
                Optional<Credential> credential = DockerConfig.fromAuthEntry(entry.getValue(), where);
                if (credential.isEmpty()) {
                    throw new CredentialException(where + ": no auth, username/password or identitytoken");
                }
                byHost.put(RegistryHostNames.normalize(entry.getKey()), credential.get());
            }
            return new EnvCredentials(byHost);
        }
        int lineNumber = 0;
        for (String line : text.split("\\R")) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            int equals = line.indexOf('=');
            int colon = equals < 0 ? -1 : line.indexOf(':', equals + 1);
            if (equals <= 0 || colon < 0 || colon == equals + 1) {
                throw new CredentialException(VARIABLE + ": line " + lineNumber
                        + ": expected HOST=USER:SECRET");
            }
            String host = RegistryHostNames.normalize(line.substring(0, equals));
            byHost.put(host, new Credential.UserPassword(line.substring(equals + 1, colon), line.substring(colon + 1)));
        }
        return new EnvCredentials(byHost);
    }

    public Optional<Credential> forHost(String host) {
        return Optional.ofNullable(byHost.get(RegistryHostNames.normalize(host)));
    }
}
