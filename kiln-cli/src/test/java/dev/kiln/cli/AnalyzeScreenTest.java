package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.analysis.ImageAnalysis;
import java.util.List;
import java.util.stream.Collectors;
import org.jline.utils.AttributedString;
import org.junit.jupiter.api.Test;

class AnalyzeScreenTest {

    private static String text(AnalyzeScreen screen) {
        List<AttributedString> lines = screen.render(120, 30);
        assertThat(lines).hasSize(30).allMatch(l -> l.columnLength() == 120);
        return lines.stream().map(AttributedString::toString).collect(Collectors.joining("\n"));
    }

    @Test
    void keysMoveBetweenLayersFilterAndFoldWhileEveryLineFitsTheTerminal() throws Exception {
        ImageAnalysis analysis = AnalyzeCommandTest.app().analyze();
        AnalyzeScreen screen = new AnalyzeScreen(analysis);
        String first = text(screen);
        assertThat(first).contains("Files after layer 0").contains("passwd").contains("q quit");

        screen.handle(AnalyzeScreen.Key.DOWN, "");
        assertThat(text(screen)).contains("Files after layer 1").contains("+ -rw-r--r-- 0:0").contains("gcc");

        screen.handle(AnalyzeScreen.Key.CHAR, "c");
        assertThat(text(screen)).contains("its changes only").doesNotContain("passwd");
        screen.handle(AnalyzeScreen.Key.CHAR, "c");

        screen.handle(AnalyzeScreen.Key.TAB, "");
        screen.handle(AnalyzeScreen.Key.CHAR, "/");
        for (char c : "lists".toCharArray()) {
            screen.handle(AnalyzeScreen.Key.CHAR, String.valueOf(c));
        }
        assertThat(text(screen)).contains("Filter (Enter to apply, Esc to cancel): lists_");
        screen.handle(AnalyzeScreen.Key.ENTER, "");
        String filtered = text(screen);
        assertThat(filtered).contains("filter: lists").contains("── main_Packages").doesNotContain("── gcc");

        screen.handle(AnalyzeScreen.Key.ESCAPE, "");
        screen.handle(AnalyzeScreen.Key.HOME, "");
        screen.handle(AnalyzeScreen.Key.LEFT, ""); // fold the first directory (bin)
        assertThat(text(screen)).contains("⊕ bin").doesNotContain(" sh\n");
        assertThat(screen.handle(AnalyzeScreen.Key.CHAR, "q")).isFalse();
    }
}
