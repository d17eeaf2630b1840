package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.event.LogEvent;
import dev.kiln.event.ProgressEvent;
import dev.kiln.event.ProgressEvent.State;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressRendererTest {

    private final StringWriter err = new StringWriter();

    private ProgressRenderer renderer(boolean interactive) {
        Terminal terminal = new Terminal(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
                Map.of("TERM", "xterm"), interactive);
        return new ProgressRenderer(terminal, new ConsoleEvents(terminal, false, false), false);
    }

    @Test
    void plainOutputHasOneLineAtStartAndEndAndNoEscapes() {
        ProgressRenderer plain = renderer(false);
        plain.accept(new ProgressEvent("1a2b3c4d5e6f", "copy", 0, 2_500_000, State.STARTED));
        for (long n = 0; n < 2_500_000; n += 100_000) {
            plain.accept(new ProgressEvent("1a2b3c4d5e6f", "copy", n, 2_500_000, State.RUNNING));
        }
        plain.accept(new ProgressEvent("1a2b3c4d5e6f", "copy", 2_500_000, 2_500_000, State.DONE));
        plain.accept(new ProgressEvent("ffffeeeedddd", "copy", 10, 10, State.CACHED));
        plain.finish();
        assertThat(err.toString().lines()).containsExactly(
                "copy 1a2b3c4d5e6f: started (2.5 MB)",
                "copy 1a2b3c4d5e6f: done (2.5 MB)",
                "copy ffffeeeedddd: already there");
    }

    @Test
    void terminalOutputRedrawsBarsInPlaceAndKeepsLogsAbove() {
        ProgressRenderer bars = renderer(true);
        bars.accept(new ProgressEvent("aaaaaaaaaaaa", "copy", 0, 1000, State.STARTED));
        bars.accept(new ProgressEvent("bbbbbbbbbbbb", "copy", 0, 2000, State.STARTED));
        bars.accept(LogEvent.warn("something to say"));
        bars.accept(new ProgressEvent("aaaaaaaaaaaa", "copy", 1000, 1000, State.DONE));
        bars.finish();
        String screen = err.toString();
        assertThat(screen).contains("\033[2F").contains("kiln: warning: something to say");
        assertThat(screen.substring(screen.lastIndexOf("something to say"))).contains("aaaaaaaaaaaa copy   done");
    }

    @Test
    void barLineShowsFractionAndSizes() {
        String line = ProgressRenderer.line(new ProgressEvent("abc", "copy", 500_000, 1_000_000, State.RUNNING));
        assertThat(line).contains("[==============>               ]").endsWith("500.0 KB / 1.0 MB");
        assertThat(ProgressRenderer.bytes(999)).isEqualTo("999 B");
        assertThat(ProgressRenderer.bytes(1_234_567_890)).isEqualTo("1.2 GB");
    }
}
