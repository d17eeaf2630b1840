package dev.kiln.cli;

import dev.kiln.build.BuildResult;
import dev.kiln.event.Event;
import dev.kiln.event.EventSink;
import dev.kiln.event.LogEvent;
import dev.kiln.event.ProgressEvent;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Shows a build as BuildKit does: one line per step ({@code #3 [builder] RUN make}), its output below
 * it, {@code CACHED} for steps taken from the cache and the time of those that ran; with
 * {@code --format json}, one JSON object per event on standard output and the result last.
 * Steps and output go to standard error, the image digest to standard output.
 */
final class BuildEvents implements EventSink {

    private final Terminal terminal;
    private final boolean json;
    private final boolean quiet;
    private final ConsoleEvents logs;
    private final Map<String, Long> startedAt = new HashMap<>();
    private final BuildScreen screen;

    BuildEvents(Terminal terminal, boolean json, boolean quiet, boolean debug) {
        this.terminal = terminal;
        this.json = json;
        this.quiet = quiet;
        this.logs = new ConsoleEvents(terminal, debug, quiet);
        boolean tty = terminal.interactive() && !"dumb".equals(terminal.env("TERM"));
        this.screen = tty && !json && !quiet ? new BuildScreen(terminal.err()) : null;
    }

    @Override
    public synchronized void accept(Event event) {
        if (json) {
            terminal.out().println(toJson(event));
            return;
        }
        if (screen != null) {
            if (event instanceof ProgressEvent step && step.id().startsWith("#")) {
                screen.step(step);
                return;
            }
            if (event instanceof LogEvent log && log.level() == LogEvent.Level.INFO && log.message().startsWith("[")) {
                screen.output(log.message());
                return;
            }
            screen.clear();
            logs.accept(event);
            screen.redraw();
            return;
        }
        if (event instanceof ProgressEvent step && step.id().startsWith("#")) {
            if (quiet) {
                return;
            }
            switch (step.state()) {
                case STARTED -> {
                    startedAt.put(step.id(), System.nanoTime());
                    terminal.err().println(step.id() + " " + step.action());
                }
                case CACHED -> terminal.err().println(step.id() + " " + step.action() + "  CACHED");
                case DONE -> terminal.err().println(step.id() + " DONE " + seconds(step.id()));
                case FAILED -> terminal.err().println(step.id() + " FAILED " + seconds(step.id()));
                default -> { }
            }
            terminal.err().flush();
            return;
        }
        logs.accept(event);
    }

    private String seconds(String id) {
        Long start = startedAt.remove(id);
        return start == null ? "" : String.format(Locale.ROOT, "%.1fs", (System.nanoTime() - start) / 1e9);
    }

    synchronized void finish(BuildResult result) {
        if (screen != null) {
            screen.clear();
        }
        String digest = result.manifest().digest().toString();
        if (json) {
            StringBuilder out = new StringBuilder("{\"type\":\"result\",\"manifest\":").append(quote(digest))
                    .append(",\"config\":").append(quote(result.config().toString()))
                    .append(",\"output\":").append(quote(result.output()))
                    .append(",\"tags\":[");
            for (int i = 0; i < result.tags().size(); i++) {
                out.append(i > 0 ? "," : "").append(quote(result.tags().get(i).familiar()));
            }
            out.append("],\"layers\":").append(result.layers())
                    .append(",\"stepsExecuted\":").append(result.stepsExecuted())
                    .append(",\"stepsCached\":").append(result.stepsCached())
                    .append(",\"runCommands\":").append(result.runCommands())
                    .append(",\"layersUnpacked\":").append(result.layersUnpacked())
                    .append(",\"seconds\":").append(String.format(Locale.ROOT, "%.3f", result.elapsed().toNanos() / 1e9))
                    .append('}');
            terminal.out().println(out);
            return;
        }
        if (!quiet) {
            String names = result.tags().isEmpty() ? result.output()
                    : String.join(", ", result.tags().stream().map(t -> t.familiar()).toList());
            terminal.err().println(String.format(Locale.ROOT, "built %s: %d layers, %d steps ran, %d cached, %.2fs", names,
                    result.layers(), result.stepsExecuted(), result.stepsCached(), result.elapsed().toNanos() / 1e9));
        }
        terminal.out().println(digest);
    }

    private static String toJson(Event event) {
        if (event instanceof ProgressEvent p) {
            return "{\"type\":\"step\",\"id\":" + quote(p.id()) + ",\"name\":" + quote(p.action()) + ",\"state\":"
                    + quote(p.state().name().toLowerCase(Locale.ROOT)) + "}";
        }
        LogEvent log = (LogEvent) event;
        return "{\"type\":\"log\",\"level\":" + quote(log.level().name().toLowerCase(Locale.ROOT)) + ",\"message\":"
                + quote(log.message()) + "}";
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
