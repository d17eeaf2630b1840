package dev.kiln.registry.auth;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * Finds and keeps registry credentials the way Docker's tools do, so that an existing
 * {@code docker login} works: {@code KILN_REGISTRY_AUTH} first, then config.json's
 * {@code credHelpers} entry for the host, then its {@code credsStore}, then inline {@code auths}.
 * New logins go to the host's helper when one is configured, else inline into config.json.
 */
public final class CredentialStore {

    private final Map<String, String> env;
    private final Redactor redactor;
    private final Map<String, Credential> overrides;

    public CredentialStore(Map<String, String> env, Redactor redactor) {
        this(env, redactor, Map.of());
    }

    private CredentialStore(Map<String, String> env, Redactor redactor, Map<String, Credential> overrides) {
        this.env = Map.copyOf(env);
        this.redactor = redactor;
        this.overrides = Map.copyOf(overrides);
    }

    /** This store, but answering {@code host} with {@code credential} (to check a login before saving it). */
    public CredentialStore withOverride(String host, Credential credential) {
        redactor.register(credential);
        Map<String, Credential> more = new java.util.HashMap<>(overrides);
        more.put(RegistryHostNames.normalize(host), credential);
        return new CredentialStore(env, redactor, more);
    }

    /** The credential for {@code host}, registered with the redactor; empty means anonymous. */
    public Optional<Credential> lookup(String host) throws CredentialException {
        Optional<Credential> found = Optional.ofNullable(overrides.get(RegistryHostNames.normalize(host)));
        if (found.isEmpty()) {
            found = EnvCredentials.parse(env.get(EnvCredentials.VARIABLE)).forHost(host);
        }
        if (found.isEmpty()) {
            DockerConfig config = DockerConfig.load(DockerConfig.location(env));
            Optional<String> helper = config.helperFor(host);
            if (helper.isPresent()) {
                found = CredentialHelper.find(helper.get(), env).get(serverKey(host));
            }
            if (found.isEmpty()) {
                found = config.inlineCredential(host);
            }
        }
        found.ifPresent(redactor::register);
        return found;
    }

    /** Stores a credential for {@code host}; returns where it went (for the login message). */
    public String store(String host, Credential.UserPassword credential) throws CredentialException, IOException {
        redactor.register(credential);
        DockerConfig config = DockerConfig.load(DockerConfig.location(env));
        Optional<String> helper = config.helperFor(host);
        if (helper.isPresent()) {
            CredentialHelper program = CredentialHelper.find(helper.get(), env);
            program.store(serverKey(host), credential);
            config.putMarker(host);
            config.save();
            return program.name();
        }
        config.putInline(host, credential);
        config.save();
        return config.file().toString();
    }

    /** Removes the credential for {@code host} from its helper and config.json; returns whether any existed. */
    public boolean erase(String host) throws CredentialException, IOException {
        DockerConfig config = DockerConfig.load(DockerConfig.location(env));
        Optional<String> helper = config.helperFor(host);
        boolean had = false;
        if (helper.isPresent()) {
            CredentialHelper program = CredentialHelper.find(helper.get(), env);
            had = program.get(serverKey(host)).isPresent();
            program.erase(serverKey(host));
        }
        if (config.removeEntries(host)) {
            had = true;
            config.save();
        }
        return had;
    }

    /** The server name helpers are asked about (Docker Hub under its historical URL). */
    private static String serverKey(String host) {
        return RegistryHostNames.storeKey(host);
    }
}
