package dev.kiln;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TerminalTextTest {

    @Test
    void escapeSequencesBellsAndC1ControlsBecomeVisible() {
        assertThat(TerminalText.safe("a\u001b]0;pwned\u0007b")).isEqualTo("a\\x1b]0;pwned\\x07b");
        assertThat(TerminalText.safe("x\u009b2Jy\u007f")).isEqualTo("x\\x9b2Jy\\x7f");
        assertThat(TerminalText.safe("evil\u202etxt.exe")).isEqualTo("evil\\u202etxt.exe");
        assertThat(TerminalText.safe("a\rb\nc")).isEqualTo("a\\x0db\\x0ac");
    }

    @Test
    void tabsAndPrintableTextPassUnchangedAndLinesKeepTheirNewlines() {
        String plain = "RUN\tapt-get install -y curl # café ✓ 日本";
        assertThat(TerminalText.safe(plain)).isSameAs(plain);
        assertThat(TerminalText.safeLines("one\ntwo\u001b[2J\n")).isEqualTo("one\ntwo\\x1b[2J\n");
    }

    @Test
    void padUnderMatchesTheEscapedWidthKeepingTabs() {
        String line = "\tA\u001bB";
        assertThat(TerminalText.padUnder(line, 3)).isEqualTo("\t" + " ".repeat(5));
        assertThat(TerminalText.padUnder(line, 99)).hasSize(TerminalText.safe(line).length());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 20261128})
    void noControlCharacterButTabSurvivesRandomInput(long seed) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            text.append((char) random.nextInt(0x2100));
        }
        String shown = TerminalText.safe(text.toString());
        assertThat(shown.chars().filter(c -> c != '\t' && (c < 0x20 || (c >= 0x7f && c <= 0x9f))).count())
                .as("seed %d", seed).isZero();
    }
}
