package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.testing.LocalRegistry;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kiln login/logout} against a real htpasswd registry; no secret is ever printed. */
class LoginCommandIT {

    private static final String PASSWORD = "Corr3ct-Horse-Battery";
    private static final String WRONG = "Wr0ng-Staple-Guess";

    @TempDir
    Path home;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int kiln(String stdin, String... args) {
        Map<String, String> env = Map.of("HOME", home.toString(), "DOCKER_CONFIG", home.resolve(".docker").toString(),
                "PATH", "/usr/bin:/bin");
        Terminal terminal = new Terminal(new PrintWriter(out, true), new PrintWriter(err, true), env, false,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        return Kiln.run(terminal, args);
    }

    @Test
    void wrongPasswordIsUnauthorizedExitOneAndNothingIsStoredOrPrinted() throws Exception {
        try (LocalRegistry registry = LocalRegistry.htpasswd(Map.of("alice", PASSWORD))) {
            int code = kiln(WRONG + "\n", "--debug", "login", "-u", "alice", "--password-stdin", registry.host());
            assertThat(code).isEqualTo(1);
            assertThat(err.toString().lines().filter(l -> l.startsWith("kiln: error:")))
                    .containsExactly("kiln: error: " + registry.host() + ": unauthorized (check kiln login)");
            assertThat(err.toString()).contains("debug: registry: GET");
            assertThat(Files.exists(home.resolve(".docker/config.json"))).isFalse();
            assertThat(out.toString() + err.toString()).doesNotContain(WRONG).doesNotContain(PASSWORD);
        }
    }

    @Test
    void rightPasswordIsStoredAndLogoutRemovesIt() throws Exception {
        try (LocalRegistry registry = LocalRegistry.htpasswd(Map.of("alice", PASSWORD))) {
            assertThat(kiln(PASSWORD + "\n", "--debug", "login", "-u", "alice", "--password-stdin", registry.host()))
                    .as(err.toString()).isZero();
            assertThat(out.toString()).contains("Logged in to " + registry.host() + " as alice");
            String config = Files.readString(home.resolve(".docker/config.json"));
            assertThat(config).contains(registry.host()).doesNotContain(PASSWORD);
            assertThat(out.toString() + err.toString()).doesNotContain(PASSWORD);

            assertThat(kiln("", "logout", registry.host())).isZero();
            assertThat(out.toString()).contains("Removed credentials for " + registry.host());
            assertThat(Files.readString(home.resolve(".docker/config.json"))).doesNotContain(registry.host());
        }
    }
}
