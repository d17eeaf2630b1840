package dev.kiln.dockerfile.expand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** BuildKit's word expansion rules (Dockerfile reference, "Environment replacement"). */
class WordExpanderTest {

    private static final Map<String, String> VARS = new HashMap<>(Map.of(
            "V", "value", "EMPTY", "", "PATH_", "/usr/local/bin/app.tar.gz", "H", "hello world"));

    private final WordExpander expander = new WordExpander('\\');

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            $V                   | value
            ${V}                 | value
            a${V}b               | avalueb
            $V.x                 | value.x
            $UNSET               | ~~
            ${UNSET:-dflt}       | dflt
            ${EMPTY:-dflt}       | dflt
            ${EMPTY-dflt}        | ~~
            ${UNSET-dflt}        | dflt
            ${V:-dflt}           | value
            ${V:+alt}            | alt
            ${EMPTY:+alt}        | ~~
            ${EMPTY+alt}         | alt
            ${UNSET+alt}         | ~~
            ${UNSET:-${V}x}      | valuex
            ${PATH_#*/}          | usr/local/bin/app.tar.gz
            ${PATH_##*/}         | app.tar.gz
            ${PATH_%.*}          | /usr/local/bin/app.tar
            ${PATH_%%.*}         | /usr/local/bin/app
            ${V/l/L}             | vaLue
            ${H//o/0}            | hell0 w0rld
            ${H/o}               | hell world
            '$V'                 | $V
            "$V"                 | value
            "a\\"b"              | a"b
            "a\\b"               | a\\b
            \\$V                 | $V
            a\\ b                | a b
            $                    | $
            $1x                  | x
            """)
    void expandsVariablesQuotesAndEscapesAsBuildkitDoes(String word, String expected) throws Exception {
        assertThat(expander.expand(word, Variables.of(VARS))).isEqualTo(expected);
    }

    @Test
    void backtickEscapeWorksForWindowsDockerfiles() throws Exception {
        WordExpander windows = new WordExpander('`');
        assertThat(windows.expand("C:\\dir\\$V", Variables.of(VARS))).isEqualTo("C:\\dir\\value");
        assertThat(windows.expand("`$V", Variables.of(VARS))).isEqualTo("$V");
    }

    @Test
    void requiredVariablesAndBadSubstitutionsFail() {
        assertThatThrownBy(() -> expander.expand("${UNSET:?set it}", Variables.of(VARS)))
                .isInstanceOf(ExpansionException.class).hasMessage("UNSET: set it");
        assertThatThrownBy(() -> expander.expand("${EMPTY:?}", Variables.of(VARS)))
                .hasMessage("EMPTY: is not allowed to be unset");
        assertThatThrownBy(() -> expander.expand("${V", Variables.of(VARS))).hasMessageContaining("missing '}'");
        assertThatThrownBy(() -> expander.expand("${V:x}", Variables.of(VARS))).hasMessageContaining("unsupported modifier");
        assertThatThrownBy(() -> expander.expand("\"open", Variables.of(VARS))).hasMessageContaining("double-quote");
    }

    @Test
    void expandWordsSplitsOnUnquotedWhitespaceOnly() throws Exception {
        assertThat(expander.expandWords("a \"b c\" $V", Variables.of(VARS))).containsExactly("a", "b c", "value");
    }

    @Test
    void substitutionsNestUpToTheLimitAndDeeperIsAnErrorNotAStackOverflow() throws Exception {
        int max = WordExpander.MAX_NESTING;
        assertThat(expander.expand("${UNSET:-".repeat(max) + "x" + "}".repeat(max), Variables.of(VARS))).isEqualTo("x");
        for (String open : new String[] {"${UNSET:-", "${UNSET-", "${V:+", "${V#", "${V/"}) {
            String deep = open.repeat(5_000) + "x" + "}".repeat(5_000);
            assertThatThrownBy(() -> expander.expand(deep, Variables.of(VARS))).isInstanceOf(ExpansionException.class)
                    .hasMessage("${...} nested more than " + max + " deep");
        }
    }
}
