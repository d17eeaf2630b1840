package dev.kiln.dockerfile.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.kiln.dockerfile.ast.Dockerfile;
import dev.kiln.dockerfile.ast.Instruction;
import dev.kiln.dockerfile.ast.Stage;
import dev.kiln.dockerfile.expand.BuildArgs;
import dev.kiln.dockerfile.expand.GlobalScope;
import dev.kiln.dockerfile.expand.StageScope;
import dev.kiln.dockerfile.shell.ShellScript;
import dev.kiln.testing.Corpus;
import dev.kiln.testing.RandomDockerfiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Garbage, truncated and mutated Dockerfiles: the parser (and the shell reader and the expander on
 * what parses) only ever fail with a located {@link DockerfileParseException}, and never hang.
 */
class ParserRobustnessTest {

    private static final String ALPHABET_PIECES = "FROM |RUN |COPY |ENV |ARG |ONBUILD |HEALTHCHECK CMD |\\\n|`\n|\n|\r\n"
            + "|\"|'|[|]|{|}|$|${|:-|<<|<<-|EOF|#|# escape=`\n|# syntax=x\n|--mount=|--from=|=| |\t|,|\\|`|\u00a0|\u2603|x|1|AS ";

    private static final String[] PIECES = ALPHABET_PIECES.split("\\|", -1);

    /** Parses, and on success also reads every shell command and expands every stage; returns a label of the outcome. */
    private static String exercise(String text) {
        try {
            Dockerfile d = DockerfileParser.parse("Dockerfile", text);
            GlobalScope global = GlobalScope.of(d, BuildArgs.none());
            for (Stage stage : d.stages()) {
                try {
                    global.expand(stage.baseImage());
                } catch (DockerfileParseException e) {
                    checkLocated(e, text);
                }
                StageScope scope = global.enter(stage);
                for (Instruction i : stage.instructions()) {
                    ShellScript.of(d, i).commands().forEach(c -> c.unwrapped().hasFlag("-y"));
                    try {
                        scope.apply(i);
                    } catch (DockerfileParseException e) {
                        checkLocated(e, text);
                    }
                }
            }
            return "ok";
        } catch (DockerfileParseException e) {
            checkLocated(e, text);
            return "rejected";
        }
    }

    private static void checkLocated(DockerfileParseException e, String text) {
        assertThat(e.range().start().line()).isPositive();
        assertThat(e.range().end().offset()).isLessThanOrEqualTo(text.length());
        assertThat(e.getMessage()).startsWith("Dockerfile:" + e.range().start().line() + ":");
    }

    @Test
    void randomPiecesNeverThrowAnythingButParseErrors() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            int ok = 0;
            for (long seed = 0; seed < 3000; seed++) {
                Random random = new Random(seed);
                StringBuilder text = new StringBuilder();
                for (int n = random.nextInt(80); n > 0; n--) {
                    text.append(PIECES[random.nextInt(PIECES.length)]);
                }
                try {
                    ok += exercise(text.toString()).equals("ok") ? 1 : 0;
                } catch (RuntimeException | AssertionError e) {
                    throw new AssertionError("seed " + seed + " threw " + e + " on:\n" + text, e);
                }
            }
            assertThat(ok).as("some random texts are valid Dockerfiles").isPositive();
        });
    }

    /** Nesting that a recursive reader would follow frame by frame: each opener, its closer and where it goes. */
    static Stream<Arguments> deepNesting() {
        List<Arguments> cases = new ArrayList<>();
        String[][] nests = {
            {"$(", ")"}, {"`", "`"}, {"(", ")"}, {"{ ", "; }"}, {"${A:-", "}"}, {"${A-", "}"}, {"${A:+", "}"},
            {"${A#", "}"}, {"${A/", "/x}"}, {"\"$(", ")\""}, {"'", "'"}, {"[", "]"}, {"if true; then ", "; fi"},
            {"$((", "))"}, {"<<EOF\n", "\nEOF\n"}, {"\"", "\""},
        };
        String[] templates = {"FROM a\nRUN %s\n", "FROM a\nENV A=%s\n", "FROM %s\n", "ARG A=%s\nFROM a\n",
            "FROM a\nLABEL l=%s\n", "FROM a\nCOPY <<EOF /x\n%s\nEOF\n", "FROM a\nRUN <<EOF\n%s\nEOF\n",
            "FROM a\nCMD %s\n", "FROM a\nONBUILD RUN %s\n", "FROM a\nRUN [%s]\n", "FROM a\nUSER %s\n"};
        for (String[] nest : nests) {
            for (String template : templates) {
                cases.add(Arguments.of(template, nest[0], nest[1]));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} with {1}...{2}")
    @MethodSource("deepNesting")
    void nestingTenThousandDeepIsAParseErrorOrFineButNeverAStackOverflow(String template, String open, String close) {
        String text = String.format(template, open.repeat(10_000) + "x" + close.repeat(10_000));
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            try {
                exercise(text);
            } catch (RuntimeException | StackOverflowError e) {
                throw new AssertionError(e.getClass().getSimpleName() + " on " + template.replace("\n", "\\n")
                        + " with " + open + "..." + close, e);
            }
        });
    }

    @Test
    void randomBytesNeverThrowAnythingButParseErrors() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (long seed = 0; seed < 1000; seed++) {
                Random random = new Random(seed);
                byte[] bytes = new byte[random.nextInt(3000)];
                random.nextBytes(bytes);
                String text = DockerfileParser.decode(bytes);
                try {
                    exercise(text);
                } catch (RuntimeException | AssertionError e) {
                    throw new AssertionError("seed " + seed + " threw " + e, e);
                }
            }
        });
    }

    @Test
    void truncatedAndMutatedFilesNeverThrowAnythingButParseErrors() throws Exception {
        List<String> texts = new ArrayList<>();
        Corpus.folder("real-dockerfiles").ifPresent(dir -> {
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : s.filter(f -> f.toString().endsWith(".Dockerfile")).sorted().toList()) {
                    texts.add(Files.readString(p, StandardCharsets.UTF_8));
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        for (long seed = 0; seed < 40; seed++) {
            texts.add(RandomDockerfiles.generate(seed));
        }
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            Random random = new Random(42);
            for (int f = 0; f < texts.size(); f++) {
                String text = texts.get(f);
                for (int k = 0; k < 25; k++) {
                    String variant;
                    if (k < 10) {
                        variant = text.substring(0, random.nextInt(text.length() + 1));
                    } else {
                        StringBuilder b = new StringBuilder(text);
                        for (int m = 1 + random.nextInt(6); m > 0 && b.length() > 0; m--) {
                            int at = random.nextInt(b.length());
                            String piece = PIECES[random.nextInt(PIECES.length)];
                            switch (random.nextInt(3)) {
                                case 0 -> b.insert(at, piece);
                                case 1 -> b.deleteCharAt(at);
                                default -> b.replace(at, Math.min(b.length(), at + piece.length()), piece);
                            }
                        }
                        variant = b.toString();
                    }
                    try {
                        exercise(variant);
                    } catch (RuntimeException | AssertionError e) {
                        throw new AssertionError("file " + f + " variant " + k + " threw " + e + " on:\n" + variant, e);
                    }
                }
            }
        });
    }
}
