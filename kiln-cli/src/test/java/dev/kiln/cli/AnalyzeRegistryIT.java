package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.testing.LocalRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kiln analyze} reading an image straight from a registry (Debian's docker-registry), not the store. */
class AnalyzeRegistryIT {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int kiln(String... args) {
        Terminal terminal = new Terminal(new PrintWriter(out, true), new PrintWriter(err, true),
                Map.of("KILN_HOME", dir.resolve("home").toString()), false);
        return Kiln.run(terminal, args);
    }

    @Test
    void analysesAnImageInARegistryWithoutStoringIt() throws Exception {
        AnalyzeCommandTest.app().writeOciLayout(dir.resolve("app"), "1.0.0-1");
        try (LocalRegistry registry = LocalRegistry.open()) {
            String remote = registry.host() + "/app:1.0.0-1";
            assertThat(kiln("copy", "-q", "oci:" + dir.resolve("app") + ":1.0.0-1", "docker://" + remote))
                    .as(err.toString()).isZero();
            out.getBuffer().setLength(0);
            assertThat(kiln("analyze", "--format", "json", "docker://" + remote)).as(err.toString()).isZero();
            JsonNode json = new ObjectMapper().readTree(out.toString());
            assertThat(json.at("/kiln/totals/reclaimableBytes").asLong()).isEqualTo(3000);
            assertThat(json.at("/kiln/reference").asText()).isEqualTo("docker://" + remote);
            out.getBuffer().setLength(0);
            assertThat(kiln("images", "--format", "json")).isZero();
            assertThat(out.toString()).doesNotContain("app");
        }
    }
}
