package dev.kiln.dockerfile.ast;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.dockerfile.parser.DockerfileParseException;
import dev.kiln.dockerfile.parser.DockerfileParser;
import dev.kiln.testing.Corpus;
import dev.kiln.testing.RandomDockerfiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Printing a parsed Dockerfile and parsing the text again gives the same instructions. */
class PrinterRoundTripTest {

    static Stream<Long> seeds() {
        return Stream.iterate(1L, s -> s + 1).limit(300);
    }

    private static void assertRoundTrip(String label, Dockerfile first) throws DockerfileParseException {
        String printed = Printer.print(first);
        Dockerfile second;
        try {
            second = DockerfileParser.parse(first.fileName(), printed);
        } catch (DockerfileParseException e) {
            throw new AssertionError(label + ": printed text does not parse: " + e.getMessage() + "\n" + printed, e);
        }
        assertThat(Dump.of(second.syntax())).as(label + "\n" + printed).isEqualTo(Dump.of(first.syntax()));
        assertThat(heredocs(second)).as(label).isEqualTo(heredocs(first));
        assertThat(comments(second)).as(label).isEqualTo(comments(first));
        assertThat(second.stages()).extracting(Stage::name).as(label)
                .isEqualTo(first.stages().stream().map(Stage::name).toList());
        assertThat(second.escape()).isEqualTo(first.escape());
        assertThat(Printer.print(second)).as(label).isEqualTo(printed);
    }

    private static List<String> heredocs(Dockerfile d) {
        return d.instructions().stream().flatMap(i -> i.heredocs().stream())
                .map(h -> h.name() + h.expand() + h.chomp() + ":" + h.content()).toList();
    }

    private static List<String> comments(Dockerfile d) {
        return d.instructions().stream().flatMap(i -> i.comments().stream()).map(Comment::text).toList();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void randomDockerfilesSurvivePrintAndParse(long seed) throws Exception {
        String text = RandomDockerfiles.generate(seed);
        Dockerfile first;
        try {
            first = DockerfileParser.parse("Dockerfile", text);
        } catch (DockerfileParseException e) {
            throw new AssertionError("seed " + seed + ": generated file does not parse: " + e.getMessage() + "\n" + text, e);
        }
        assertRoundTrip("seed " + seed, first);
    }

    @Test
    void everyCorpusDockerfileSurvivesPrintAndParse() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.walk(Corpus.requireRoot())) {
            files = s.filter(p -> p.getFileName().toString().endsWith("Dockerfile")
                    && !p.toString().contains("negative")).sorted().toList();
        }
        assertThat(files).as("Dockerfiles in the corpus").isNotEmpty();
        int checked = 0;
        for (Path file : files) {
            Dockerfile d;
            try {
                d = DockerfileParser.parse(file);
            } catch (DockerfileParseException e) {
                continue; // BuildKit parser cases with unknown flags: their rejection is tested elsewhere
            }
            assertRoundTrip(file.toString(), d);
            checked++;
        }
        assertThat(checked).isGreaterThan(80);
    }

    @Test
    void printedFileIsCanonical() throws Exception {
        Dockerfile d = DockerfileParser.parse("Dockerfile", "# syntax=x\nfrom  alpine  as  Base\n# why\n"
                + "run --mount=\"type=bind,source=a b\" echo \\\n   hi\ncopy -- --weird /dst\nENV A=1 \\\n  B='2 3'\n"
                + "ONBUILD run <<EOF\necho x\nEOF\n");
        assertThat(Printer.print(d)).isEqualTo("# syntax=x\n\nFROM alpine AS Base\n# why\n"
                + "RUN --mount=\"type=bind,source=a b\" echo    hi\nCOPY -- --weird /dst\nENV A=1 B='2 3'\n"
                + "ONBUILD RUN <<EOF\necho x\nEOF\n");
    }
}
