package dev.kiln.cli;

import dev.kiln.event.Event;
import dev.kiln.event.EventSink;
import dev.kiln.event.LogEvent;
import dev.kiln.event.ProgressEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Shows {@link ProgressEvent}s: on a terminal as a block of bars, one per unit (a blob, a step),
 * redrawn in place at most ten times a second; otherwise as one plain line when a unit starts and
 * one when it ends, so logs and CI output stay readable. Log events go to {@link ConsoleEvents}
 * above the bars. Any command with progress can wrap its events in one; call {@link #finish()} at
 * the end.
 */
final class ProgressRenderer implements EventSink {

    private static final int WIDTH = 30;
    private static final int MAX_ROWS = 12;
    private static final long FRAME_NANOS = 100_000_000L;

    private final Terminal terminal;
    private final ConsoleEvents logs;
    private final boolean bars;
    private final boolean quiet;
    private final Map<String, ProgressEvent> rows = new LinkedHashMap<>();
    private int drawn;
    private long lastFrame;

    ProgressRenderer(Terminal terminal, ConsoleEvents logs, boolean quiet) {
        this.terminal = terminal;
        this.logs = logs;
        this.bars = terminal.interactive() && !"dumb".equals(terminal.env("TERM"));
        this.quiet = quiet;
    }

    @Override
    public synchronized void accept(Event event) {
        if (event instanceof LogEvent) {
            clear();
            logs.accept(event);
            draw(true);
            return;
        }
        if (!(event instanceof ProgressEvent progress) || quiet) {
            return;
        }
        String key = progress.action() + " " + progress.id();
        ProgressEvent before = rows.get(key);
        ProgressEvent merged = progress;
        if (progress.state() == ProgressEvent.State.RUNNING && before != null && progress.total() < 0) {
            merged = new ProgressEvent(progress.id(), progress.action(), progress.done(), before.total(), progress.state());
        }
        if (bars) {
            rows.put(key, merged);
            draw(progress.state() != ProgressEvent.State.RUNNING);
        } else {
            plain(progress);
        }
    }

    private void plain(ProgressEvent progress) {
        switch (progress.state()) {
            case STARTED -> terminal.err().println(progress.action() + " " + progress.id() + ": started"
                    + (progress.total() >= 0 ? " (" + bytes(progress.total()) + ")" : ""));
            case DONE -> terminal.err().println(progress.action() + " " + progress.id() + ": done"
                    + (progress.done() > 0 ? " (" + bytes(progress.done()) + ")" : ""));
            case CACHED -> terminal.err().println(progress.action() + " " + progress.id() + ": already there");
            case FAILED -> terminal.err().println(progress.action() + " " + progress.id() + ": failed");
            case RUNNING -> { }
        }
    }

    /** Leaves the final state of every bar on screen. */
    synchronized void finish() {
        if (bars) {
            draw(true);
        }
        terminal.err().flush();
    }

    private void clear() {
        if (!bars || drawn == 0) {
            return;
        }
        StringBuilder out = new StringBuilder();
        out.append("\033[").append(drawn).append('F');
        out.append("\033[J");
        terminal.err().print(out);
        drawn = 0;
    }

    private void draw(boolean force) {
        if (!bars) {
            return;
        }
        long now = System.nanoTime();
        if (!force && now - lastFrame < FRAME_NANOS) {
            return;
        }
        lastFrame = now;
        List<ProgressEvent> shown = visible();
        StringBuilder out = new StringBuilder();
        if (drawn > 0) {
            out.append("\033[").append(drawn).append('F');
        }
        for (ProgressEvent row : shown) {
            out.append("\033[2K").append(line(row)).append('\n');
        }
        if (shown.size() < drawn) {
            out.append("\033[J");
        }
        terminal.err().print(out);
        terminal.err().flush();
        drawn = shown.size();
    }

    /** Running rows first, then the most recent finished ones, at most {@value #MAX_ROWS}. */
    private List<ProgressEvent> visible() {
        List<ProgressEvent> all = new ArrayList<>(rows.values());
        if (all.size() <= MAX_ROWS) {
            return all;
        }
        List<ProgressEvent> active = new ArrayList<>();
        List<ProgressEvent> finished = new ArrayList<>();
        for (ProgressEvent row : all) {
            (isOpen(row) ? active : finished).add(row);
        }
        List<ProgressEvent> shown = new ArrayList<>(active.subList(0, Math.min(active.size(), MAX_ROWS)));
        int room = MAX_ROWS - shown.size();
        shown.addAll(0, finished.subList(Math.max(0, finished.size() - room), finished.size()));
        return shown;
    }

    private static boolean isOpen(ProgressEvent row) {
        return row.state() == ProgressEvent.State.STARTED || row.state() == ProgressEvent.State.RUNNING;
    }

    static String line(ProgressEvent row) {
        String label = String.format(Locale.ROOT, "%-12s %-6s", row.id(), row.action());
        switch (row.state()) {
            case DONE:
                return label + " done     " + (row.done() > 0 ? bytes(row.done()) : "");
            case CACHED:
                return label + " exists   " + (row.total() > 0 ? bytes(row.total()) : "");
            case FAILED:
                return label + " failed";
            default:
                break;
        }
        if (row.total() <= 0) {
            return label + " " + bytes(row.done());
        }
        double fraction = Math.min(1.0, Math.max(0.0, (double) row.done() / row.total()));
        int filled = (int) Math.round(fraction * WIDTH);
        String bar = "=".repeat(Math.max(0, filled - 1)) + (filled > 0 ? ">" : "") + " ".repeat(WIDTH - filled);
        return label + " [" + bar + "] " + bytes(row.done()) + " / " + bytes(row.total());
    }

    static String bytes(long n) {
        if (n < 1000) {
            return n + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double value = n;
        int unit = -1;
        do {
            value /= 1000.0;
            unit++;
        } while (value >= 1000 && unit < units.length - 1);
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
