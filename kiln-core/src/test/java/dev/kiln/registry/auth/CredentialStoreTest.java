package dev.kiln.registry.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** config.json, credential helpers (a real helper script run as a process) and KILN_REGISTRY_AUTH. */
class CredentialStoreTest {

    @TempDir
    Path tmp;

    private Map<String, String> env(String... more) {
        java.util.HashMap<String, String> env = new java.util.HashMap<>();
        env.put("DOCKER_CONFIG", tmp.resolve("docker").toString());
        env.put("PATH", tmp.resolve("bin") + ":/usr/bin:/bin");
        for (int i = 0; i < more.length; i += 2) {
            env.put(more[i], more[i + 1]);
        }
        return env;
    }

    private void config(String json) throws Exception {
        Files.createDirectories(tmp.resolve("docker"));
        Files.writeString(tmp.resolve("docker/config.json"), json);
    }

    /** A docker-credential-test helper keeping one credential per server in files under tmp/helper. */
    private void helper() throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path store = Files.createDirectories(tmp.resolve("helper"));
        Path script = bin.resolve("docker-credential-test");
        Files.writeString(script, "#!/bin/sh\n"
                + "store=" + store + "\n"
                + "case \"$1\" in\n"
                + "  get) read -r server; f=\"$store/$(echo \"$server\" | tr '/:' '__')\";\n"
                + "       if [ -f \"$f\" ]; then cat \"$f\"; else echo 'credentials not found in native keychain'; exit 1; fi ;;\n"
                + "  store) json=$(cat); server=$(echo \"$json\" | sed 's/.*\"ServerURL\":\"\\([^\"]*\\)\".*/\\1/');\n"
                + "       printf '%s' \"$json\" > \"$store/$(echo \"$server\" | tr '/:' '__')\" ;;\n"
                + "  erase) read -r server; rm -f \"$store/$(echo \"$server\" | tr '/:' '__')\" ;;\n"
                + "  *) exit 2 ;;\n"
                + "esac\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void inlineAuthIsDecodedAndDockerHubAliasesShareOneEntry() throws Exception {
        String auth = Base64.getEncoder().encodeToString("bob:pa:ss".getBytes(StandardCharsets.UTF_8));
        config("{\"auths\":{\"https://index.docker.io/v1/\":{\"auth\":\"" + auth + "\"},"
                + "\"http://reg.example:5000/v2/\":{\"username\":\"u\",\"password\":\"p\"}}}");
        CredentialStore store = new CredentialStore(env(), new Redactor());
        assertThat(store.lookup("registry-1.docker.io")).hasValue(new Credential.UserPassword("bob", "pa:ss"));
        assertThat(store.lookup("docker.io")).hasValue(new Credential.UserPassword("bob", "pa:ss"));
        assertThat(store.lookup("reg.example:5000")).hasValue(new Credential.UserPassword("u", "p"));
        assertThat(store.lookup("other.example")).isEmpty();
    }

    @Test
    void identityTokenEntriesBecomeIdentityTokens() throws Exception {
        config("{\"auths\":{\"reg.example\":{\"auth\":\"" + Base64.getEncoder().encodeToString("me:".getBytes())
                + "\",\"identitytoken\":\"refresh-123\"}}}");
        assertThat(new CredentialStore(env(), new Redactor()).lookup("reg.example"))
                .hasValue(new Credential.IdentityToken("me", "refresh-123"));
    }

    @Test
    void loginStoresInlineAtomicallyKeepingOtherKeysAndLogoutRemovesIt() throws Exception {
        config("{\"psFormat\":\"table\",\"auths\":{\"keep.example\":{\"auth\":\"a2VlcDprZWVw\"}}}");
        CredentialStore store = new CredentialStore(env(), new Redactor());
        String where = store.store("127.0.0.1:5000", new Credential.UserPassword("alice", "wonder"));
        assertThat(where).endsWith("config.json");
        Path file = tmp.resolve("docker/config.json");
        var root = new ObjectMapper().readTree(file.toFile());
        assertThat(root.path("psFormat").asText()).isEqualTo("table");
        assertThat(root.path("auths").path("keep.example").path("auth").asText()).isEqualTo("a2VlcDprZWVw");
        assertThat(store.lookup("127.0.0.1:5000")).hasValue(new Credential.UserPassword("alice", "wonder"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var files = Files.list(file.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("config.json");
        }
        assertThat(store.erase("127.0.0.1:5000")).isTrue();
        assertThat(store.lookup("127.0.0.1:5000")).isEmpty();
        assertThat(store.erase("127.0.0.1:5000")).isFalse();
    }

    @Test
    void credHelpersAndCredsStoreRunTheHelperProcess() throws Exception {
        helper();
        config("{\"credsStore\":\"test\",\"auths\":{}}");
        CredentialStore store = new CredentialStore(env(), new Redactor());
        assertThat(store.lookup("reg.example")).isEmpty();
        assertThat(store.store("reg.example", new Credential.UserPassword("carol", "helper-secret"))).isEqualTo("docker-credential-test");
        assertThat(store.lookup("reg.example")).hasValue(new Credential.UserPassword("carol", "helper-secret"));
        // The secret went to the helper, not into config.json.
        assertThat(Files.readString(tmp.resolve("docker/config.json"))).doesNotContain("helper-secret").contains("reg.example");
        assertThat(store.erase("reg.example")).isTrue();
        assertThat(store.lookup("reg.example")).isEmpty();

        config("{\"credHelpers\":{\"only.example\":\"test\"},\"auths\":{\"inline.example\":{\"auth\":\""
                + Base64.getEncoder().encodeToString("i:j".getBytes()) + "\"}}}");
        store.store("only.example", new Credential.UserPassword("dan", "per-host"));
        assertThat(store.lookup("only.example")).hasValue(new Credential.UserPassword("dan", "per-host"));
        assertThat(store.lookup("inline.example")).hasValue(new Credential.UserPassword("i", "j"));
    }

    @Test
    void aMissingHelperIsAClearFailure() throws Exception {
        config("{\"credsStore\":\"nosuch\"}");
        assertThatThrownBy(() -> new CredentialStore(env(), new Redactor()).lookup("reg.example"))
                .isInstanceOf(CredentialException.class)
                .hasMessage("credential helper docker-credential-nosuch (configured in config.json) is not on PATH");
    }

    @Test
    void envVariableWinsAndParsesBothForms() throws Exception {
        config("{\"auths\":{\"reg.example\":{\"auth\":\"" + Base64.getEncoder().encodeToString("file:pw".getBytes()) + "\"}}}");
        CredentialStore lines = new CredentialStore(env("KILN_REGISTRY_AUTH",
                "reg.example=ci:se=cr:et\nother.example:5000=x:y"), new Redactor());
        assertThat(lines.lookup("reg.example")).hasValue(new Credential.UserPassword("ci", "se=cr:et"));
        assertThat(lines.lookup("other.example:5000")).hasValue(new Credential.UserPassword("x", "y"));
        CredentialStore json = new CredentialStore(env("KILN_REGISTRY_AUTH",
                "{\"reg.example\":{\"auth\":\"" + Base64.getEncoder().encodeToString("j:k".getBytes()) + "\"}}"), new Redactor());
        assertThat(json.lookup("reg.example")).hasValue(new Credential.UserPassword("j", "k"));
    }

    @Test
    void malformedInputIsNamedWithoutQuotingSecrets() throws Exception {
        assertThatThrownBy(() -> EnvCredentials.parse("reg.example=no-colon-secret"))
                .isInstanceOf(CredentialException.class).hasMessage("KILN_REGISTRY_AUTH: line 1: expected HOST=USER:SECRET")
                .hasMessageNotContaining("no-colon-secret");
        config("{\"auths\": {\"x\": {\"auth\": \"sekrit-not-base64!!\"}}}");
        assertThatThrownBy(() -> new CredentialStore(env(), new Redactor()).lookup("x"))
                .hasMessageContaining("'auth' is not valid base64").hasMessageNotContaining("sekrit");
        config("{\"auths\": {\"x\": ");
        assertThatThrownBy(() -> new CredentialStore(env(), new Redactor()).lookup("x"))
                .isInstanceOf(CredentialException.class).hasMessageContaining("config.json: invalid JSON");
    }

    @Test
    void lookedUpSecretsAreRegisteredWithTheRedactor() throws Exception {
        Redactor redactor = new Redactor();
        new CredentialStore(env("KILN_REGISTRY_AUTH", "reg.example=ci:very-secret"), redactor).lookup("reg.example");
        assertThat(redactor.redact("oops very-secret")).isEqualTo("oops <redacted>");
    }
}
