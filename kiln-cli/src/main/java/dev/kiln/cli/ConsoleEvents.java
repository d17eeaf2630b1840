package dev.kiln.cli;

import dev.kiln.event.Event;
import dev.kiln.event.EventSink;
import dev.kiln.event.LogEvent;
import dev.kiln.event.ProgressEvent;

/**
 * Shows library events on stderr: warnings always, info unless quiet, debug only with --debug,
 * progress as plain lines when a unit starts and ends (commands with richer progress views wrap this).
 */
final class ConsoleEvents implements EventSink {

    private final Terminal terminal;
    private final boolean debug;
    private final boolean quiet;

    ConsoleEvents(Terminal terminal, boolean debug, boolean quiet) {
        this.terminal = terminal;
        this.debug = debug;
        this.quiet = quiet;
    }

    @Override
    public synchronized void accept(Event event) {
        if (event instanceof LogEvent log) {
            log(log);
        } else if (event instanceof ProgressEvent progress) {
            progress(progress);
        }
    }

    private void log(LogEvent log) {
        switch (log.level()) {
            case WARN -> terminal.err().println("kiln: warning: " + log.message());
            case INFO -> {
                if (!quiet) {
                    terminal.err().println(log.message());
                }
            }
            case DEBUG -> {
                if (debug) {
                    terminal.err().println("debug: " + log.message());
                }
            }
        }
    }

    private void progress(ProgressEvent progress) {
        if (quiet || progress.state() == ProgressEvent.State.RUNNING) {
            return;
        }
        String state = progress.state().name().toLowerCase(java.util.Locale.ROOT);
        terminal.err().println(progress.action() + " " + progress.id() + ": " + state);
    }
}
