package dev.kiln.cli;

import dev.kiln.event.ProgressEvent;
import java.io.PrintWriter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A build on a terminal, drawn as BuildKit draws it: finished steps scroll up once
 * ({@code => [stage] RUN make  2.1s}, {@code => CACHED [stage] COPY ...}), while a live block at the
 * bottom shows the header ({@code [+] Building 4.2s (5 steps)}), the running steps with their time so
 * far and the last lines of their output, redrawn in place.
 */
final class BuildScreen {

    private static final int OUTPUT_LINES = 5;
    private static final String DIM = "\u001b[2m";
    private static final String BLUE = "\u001b[34m";
    private static final String RED = "\u001b[31m";
    private static final String RESET = "\u001b[0m";

    private final PrintWriter out;
    private final long started = System.nanoTime();
    private final Map<String, Running> running = new LinkedHashMap<>();
    private final Deque<String> output = new ArrayDeque<>();
    private int done;
    private int drawn;

    private record Running(String action, long since) {
    }

    BuildScreen(PrintWriter out) {
        this.out = out;
    }

    void step(ProgressEvent step) {
        clear();
        switch (step.state()) {
            case STARTED -> running.put(step.id(), new Running(step.action(), System.nanoTime()));
            case CACHED -> {
                done++;
                out.println(BLUE + "=> CACHED " + step.action() + RESET);
            }
            case DONE, FAILED -> {
                Running r = running.remove(step.id());
                done++;
                String time = r == null ? "" : seconds(System.nanoTime() - r.since());
                String color = step.state() == ProgressEvent.State.FAILED ? RED : BLUE;
                out.println(color + "=> " + (step.state() == ProgressEvent.State.FAILED ? "ERROR " : "") + step.action()
                        + "  " + time + RESET);
                if (step.state() == ProgressEvent.State.FAILED) {
                    output.forEach(line -> out.println(DIM + " > " + line + RESET));
                }
                if (running.isEmpty()) {
                    output.clear();
                }
            }
            default -> { }
        }
        redraw();
    }

    void output(String line) {
        clear();
        output.addLast(line.length() > 200 ? line.substring(0, 200) : line);
        while (output.size() > OUTPUT_LINES) {
            output.removeFirst();
        }
        redraw();
    }

    /** Removes the live block (before other text is printed or at the end). */
    void clear() {
        if (drawn > 0) {
            out.print("\u001b[" + drawn + "A\r\u001b[J");
            drawn = 0;
        }
    }

    void redraw() {
        int lines = 0;
        out.println(String.format(Locale.ROOT, "[+] Building %s (%d steps done)", seconds(System.nanoTime() - started), done));
        lines++;
        for (Running r : running.values()) {
            out.println("=> " + r.action() + "  " + seconds(System.nanoTime() - r.since()));
            lines++;
        }
        if (!running.isEmpty()) {
            for (String line : output) {
                out.println(DIM + " > " + line + RESET);
                lines++;
            }
        }
        out.flush();
        drawn = lines;
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1fs", nanos / 1e9);
    }
}
