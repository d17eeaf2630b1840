package dev.kiln.dockerfile.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.kiln.dockerfile.ast.CopyInstruction;
import dev.kiln.dockerfile.ast.Dockerfile;
import dev.kiln.dockerfile.ast.Heredoc;
import dev.kiln.dockerfile.ast.RunInstruction;
import dev.kiln.dockerfile.ast.RunMount;
import dev.kiln.dockerfile.ast.Stage;
import dev.kiln.testing.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Official images' Dockerfiles (shared/corpus/real-dockerfiles) all parse, and a few are checked by hand. */
class RealDockerfilesTest {

    private static Path folder() {
        return Corpus.require("real-dockerfiles");
    }

    private static Dockerfile parse(String name) throws Exception {
        return DockerfileParser.parse(folder().resolve(name));
    }

    static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".Dockerfile")).sorted().toList();
        }
    }

    @Test
    void everyRealDockerfileParsesWithStagesAndInstructions() throws Exception {
        List<Path> files = files(folder());
        assertThat(files).hasSizeGreaterThanOrEqualTo(60);
        List<String> failures = new ArrayList<>();
        for (Path file : files) {
            try {
                Dockerfile d = DockerfileParser.parse(file);
                assertThat(d.stages()).as(file.toString()).isNotEmpty();
                assertThat(d.instructions()).as(file.toString()).hasSizeGreaterThan(1);
            } catch (DockerfileParseException e) {
                failures.add(e.getMessage());
            }
        }
        System.out.println("real-dockerfiles: " + (files.size() - failures.size()) + " passed, " + failures.size()
                + " failed");
        if (!failures.isEmpty()) {
            fail(String.join("\n", failures));
        }
    }

    /** Counts checked by hand against the files (instruction lines per keyword, FROM lines). */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource({
        "docker-library__redis__7.2__alpine__Dockerfile.Dockerfile, 1, 16, \\",
        "nginxinc__docker-nginx__mainline__debian__Dockerfile.Dockerfile, 1, 17, \\",
        "moby__buildkit__Dockerfile.Dockerfile, 49, 254, \\",
        "dotnet__dotnet-docker__samples__aspnetapp__Dockerfile.Dockerfile, 2, 13, \\",
        "PowerShell__PowerShell-Docker__release__7-5__windowsservercore2022__docker__Dockerfile.Dockerfile, 2, 16, `"
    })
    void handCountedStagesAndInstructions(String name, int stages, int instructions, char escape) throws Exception {
        Dockerfile d = parse(name);
        assertThat(d.stages()).hasSize(stages);
        assertThat(d.instructions()).hasSize(instructions);
        assertThat(d.escape()).isEqualTo(escape);
        assertThat(d.stages()).extracting(Stage::index).containsExactlyElementsOf(
                java.util.stream.IntStream.range(0, stages).boxed().toList());
    }

    @Test
    void windowsDockerfilesUseTheBacktickEscape() throws Exception {
        Dockerfile d = parse("dotnet__dotnet-docker__src__aspnet__10.0__nanoserver-ltsc2022__amd64__Dockerfile.Dockerfile");
        assertThat(d.escape()).isEqualTo('`');
        assertThat(d.directive("escape")).contains("`");
        assertThat(d.globalArgs()).hasSize(1);
        assertThat(d.globalArgs().get(0).declarations().get(0).name()).isEqualTo("REPO");
    }

    @Test
    void buildxDockerfileHasItsStagesMountsAndHeredocs() throws Exception {
        Dockerfile d = parse("docker__buildx__Dockerfile.Dockerfile");
        List<String> names = d.stages().stream().map(s -> s.name().orElse("#" + s.index())).toList();
        assertThat(names).contains("gobase", "buildx-version", "test", "release");
        Stage version = d.stage("buildx-version").orElseThrow();
        RunInstruction run = version.instructions(RunInstruction.class).get(0);
        assertThat(run.mounts()).singleElement().isInstanceOf(RunMount.Bind.class);
        assertThat(run.mounts().get(0).target()).contains(".");
        Heredoc body = run.heredocs().get(0);
        assertThat(body.name()).isEqualTo("EOT");
        assertThat(body.expand()).isTrue();
        assertThat(body.content()).startsWith("  set -e\n").endsWith("\n");
        CopyInstruction copy = d.stages().stream().flatMap(s -> s.instructions(CopyInstruction.class).stream())
                .filter(c -> !c.heredocs().isEmpty()).findFirst().orElseThrow();
        assertThat(copy.heredocs().get(0).name()).isEqualTo("EOF");
        assertThat(copy.heredocs().get(0).expand()).isFalse();
        assertThat(copy.options().chmod()).contains("755");
        assertThat(copy.destination().value()).isEqualTo("/out/gotestsumandcover");
    }
}
