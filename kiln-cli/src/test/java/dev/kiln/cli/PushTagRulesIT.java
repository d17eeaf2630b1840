package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.tar.Compression;
import dev.kiln.testing.LayeredImages;
import dev.kiln.testing.LayeredImages.Entry;
import dev.kiln.testing.LocalRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kiln push with the tag rules, against a real registry (Debian's docker-registry). */
class PushTagRulesIT {

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int kiln(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        Terminal terminal = new Terminal(new PrintWriter(out, true), new PrintWriter(err, true),
                Map.of("KILN_HOME", tmp.resolve("home").toString(), "BUILD_NUMBER", "12"), false);
        return Kiln.run(terminal, args);
    }

    private String image(String name, String content) throws Exception {
        Path dir = tmp.resolve(name);
        LayeredImages.write(dir, "1", List.of(List.of(Entry.file("app.txt", content.getBytes()))), Compression.GZIP);
        return "oci:" + dir + ":1";
    }

    @Test
    void immutablePushRefusesToMoveAnExistingTagAndLatestAloneWarns() throws Exception {
        String first = image("first", "v1");
        String second = image("second", "v2");
        try (LocalRegistry registry = LocalRegistry.open()) {
            String name = registry.host() + "/app";
            assertThat(kiln("tag", first, name, "--tag-scheme", "semver-build", "--version", "1.4.0")).as(err.toString()).isZero();
            assertThat(out.toString().trim()).isEqualTo(name + ":1.4.0-12");
            assertThat(kiln("push", name + ":1.4.0-12", "--immutable")).as(err.toString()).isZero();
            assertThat(kiln("push", name + ":1.4.0-12", "--immutable")).as("same content again").isZero();

            assertThat(kiln("tag", second, name + ":1.4.0-12")).isZero(); // the store name now means other content
            assertThat(kiln("push", name + ":1.4.0-12", "--immutable")).isEqualTo(1);
            assertThat(err.toString()).startsWith("kiln: error: " + name + ":1.4.0-12 already exists (sha256:")
                    .contains("--immutable forbids moving it").doesNotContain("Exception");
            assertThat(kiln("push", name + ":1.4.0-12")).as("without --immutable a tag may move").isZero();

            assertThat(kiln("tag", second, name + ":latest")).isZero();
            assertThat(kiln("push", name + ":latest", "--strict-tags")).isEqualTo(2);
            assertThat(err.toString()).contains(":latest is the only tag").contains("--strict-tags");
            assertThat(kiln("push", name + ":latest")).isZero();
            assertThat(err.toString()).contains(":latest is the only tag");
        }
    }
}
