package dev.kiln.dockerfile.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.KilnException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** What BuildKit rejects is a one-line error naming file, line and column. */
class ParseErrorsTest {

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            FROM a\\nCOPY foo                                  | Dockerfile:2:1: COPY requires at least two arguments
            FROM a\\nADD foo                                   | Dockerfile:2:1: ADD requires at least two arguments
            FROM a\\nCOPY --frm=x a b                          | Dockerfile:2:6: unknown flag: frm
            FROM a\\nADD --from=x a b                          | Dockerfile:2:5: unknown flag: from
            FROM a\\nRUN --mount=type=nope true                | Dockerfile:2:5: unsupported mount type "nope"
            FROM a\\nRUN --mount=type=cache,tgt=/x true        | Dockerfile:2:5: unexpected key 'tgt' in 'tgt=/x'
            FROM a\\nRUN --mount=type=cache true               | Dockerfile:2:5: mount type=cache requires a target
            FROM a\\nRUN --network=wifi true                   | Dockerfile:2:5: unsupported network mode "wifi" (expected default, none, host)
            FROM a\\nCOPY --link=maybe a b                     | Dockerfile:2:6: expecting boolean value for flag link, not: maybe
            FROM a\\nCOPY --chown a b                          | Dockerfile:2:6: Missing a value on flag: --chown
            FROM a\\nCOPY --from=x --from=y a b                | Dockerfile:2:15: Duplicate flag specified: from
            FROM a\\nUSER                                      | Dockerfile:2:1: USER requires exactly one argument
            FROM a\\nWORKDIR                                   | Dockerfile:2:1: WORKDIR requires exactly one argument
            FROM a\\nEXPOSE                                    | Dockerfile:2:1: EXPOSE requires at least one argument
            FROM a\\nRUN                                       | Dockerfile:2:1: RUN requires at least one argument
            FROM a\\nENV                                       | Dockerfile:2:1: ENV requires at least one argument
            FROM a\\nENV A=1 B                                 | Dockerfile:2:9: Syntax error - can't find = in "B". Must be of the form: name=value
            FROM a\\nLABEL =x                                  | Dockerfile:2:7: LABEL names can not be blank
            FROM a\\nARG =x                                    | Dockerfile:2:5: ARG names can not be blank
            FROM a\\nSHELL /bin/sh -c                          | Dockerfile:2:7: SHELL requires the arguments to be in JSON form
            FROM a\\nHEALTHCHECK                               | Dockerfile:2:1: HEALTHCHECK requires at least one argument
            FROM a\\nHEALTHCHECK PING x                        | Dockerfile:2:13: Unknown type "PING" in HEALTHCHECK (try CMD)
            FROM a\\nHEALTHCHECK CMD                           | Dockerfile:2:13: Missing command after HEALTHCHECK CMD
            FROM a\\nHEALTHCHECK NONE x                        | Dockerfile:2:13: HEALTHCHECK NONE takes no arguments
            FROM a\\nHEALTHCHECK --interval=soon CMD x         | Dockerfile:2:13: invalid duration "soon" for --interval
            FROM a\\nHEALTHCHECK --retries=-1 CMD x            | Dockerfile:2:13: --retries cannot be negative (-1)
            FROM a\\nONBUILD ONBUILD RUN x                     | Dockerfile:2:9: ONBUILD ONBUILD isn't allowed
            FROM a\\nONBUILD FROM b                            | Dockerfile:2:9: FROM isn't allowed as an ONBUILD trigger
            FROM a\\nFETCH x                                   | Dockerfile:2:1: unknown instruction: FETCH
            FROM a b                                          | Dockerfile:1:1: FROM requires either one or three arguments
            FROM a TO b                                       | Dockerfile:1:8: FROM expects "AS" before the stage name, found "TO"
            FROM a AS 1st                                     | Dockerfile:1:11: invalid name for build stage: "1st", name can't start with a number or contain symbols
            FROM a AS x\\nFROM b AS X                         | Dockerfile:2:11: duplicate stage name "x" (also stage 0)
            RUN echo hi\\nFROM a                              | Dockerfile:1:1: RUN before the first FROM: only ARG may come before FROM
            ARG A=1                                           | Dockerfile:1:8: no FROM instruction: a Dockerfile needs at least one build stage
            # escape=x\\nFROM a                               | Dockerfile:1:1: invalid escape token 'x' does not match ` or \\
            # escape=`\\n# escape=`\\nFROM a                  | Dockerfile:2:1: only one escape parser directive can be used
            FROM a\\nCMD [1, 2]                               | Dockerfile:2:5: when using JSON array syntax, arrays must be comprised of strings only
            FROM a\\nVOLUME [""]                              | Dockerfile:2:9: VOLUME specified can not be an empty string
            """)
    void rejectsWithLocatedMessage(String source, String message) {
        String text = source.replace("\\n", "\n");
        assertThatThrownBy(() -> DockerfileParser.parse("Dockerfile", text))
                .isInstanceOf(DockerfileParseException.class)
                .hasMessage(message);
    }

    @Test
    void errorsAreBadInputCarryingFileAndRange() {
        assertThatThrownBy(() -> DockerfileParser.parse("app/Dockerfile.dev", "FROM a\n\n\n  COPY x\n"))
                .isInstanceOfSatisfying(DockerfileParseException.class, e -> {
                    assertThat(e.kind()).isEqualTo(KilnException.Kind.BAD_INPUT);
                    assertThat(e.fileName()).isEqualTo("app/Dockerfile.dev");
                    assertThat(e.range().start().line()).isEqualTo(4);
                    assertThat(e.range().start().column()).isEqualTo(3);
                    assertThat(e.detail()).isEqualTo("COPY requires at least two arguments");
                    assertThat(e.getMessage()).isEqualTo("app/Dockerfile.dev:4:3: COPY requires at least two arguments");
                });
    }
}
