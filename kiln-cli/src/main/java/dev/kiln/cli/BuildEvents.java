package dev.kiln.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.build.BuildResult;
import dev.kiln.event.Event;
import dev.kiln.event.EventSink;
import dev.kiln.event.LogEvent;
import dev.kiln.event.ProgressEvent;
import java.math.BigDecimal;
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
            ObjectNode out = JsonOutput.object().put("type", "result").put("manifest", digest)
                    .put("config", result.config().toString()).put("output", result.output());
            ArrayNode tags = out.putArray("tags");
            result.tags().forEach(t -> tags.add(t.familiar()));
            out.put("layers", result.layers()).put("stepsExecuted", result.stepsExecuted())
                    .put("stepsCached", result.stepsCached()).put("runCommands", result.runCommands())
                    .put("layersUnpacked", result.layersUnpacked())
                    .put("seconds", new BigDecimal(String.format(Locale.ROOT, "%.3f", result.elapsed().toNanos() / 1e9)));
            terminal.out().println(JsonOutput.line(out));
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
            return JsonOutput.line(JsonOutput.object().put("type", "step").put("id", p.id()).put("name", p.action())
                    .put("state", p.state().name().toLowerCase(Locale.ROOT)));
        }
        LogEvent log = (LogEvent) event;
        return JsonOutput.line(JsonOutput.object().put("type", "log")
                .put("level", log.level().name().toLowerCase(Locale.ROOT)).put("message", log.message()));
    }
}
