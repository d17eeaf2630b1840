package dev.kiln.build.run;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The last lines a process wrote (stdout and stderr interleaved as they arrived), for the message of
 * a failed step. Bounded in lines and in bytes per line, so a chatty or binary output cannot exhaust
 * memory.
 */
public final class OutputTail implements OutputSink {

    private static final int MAX_LINE = 4096;

    private final int maxLines;
    private final Deque<String> lines = new ArrayDeque<>();
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

    public OutputTail(int maxLines) {
        if (maxLines <= 0) {
            throw new IllegalArgumentException("maxLines must be positive");
        }
        this.maxLines = maxLines;
    }

    @Override
    public synchronized void write(Stream stream, byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            byte b = bytes[i];
            if (b == '\n') {
                flushLine();
            } else if (partial.size() < MAX_LINE) {
                partial.write(b);
            }
        }
    }

    private void flushLine() {
        String line = partial.toString(StandardCharsets.UTF_8);
        partial.reset();
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1);
        }
        lines.addLast(line);
        while (lines.size() > maxLines) {
            lines.removeFirst();
        }
    }

    /** The kept lines, oldest first, including an unterminated last line. */
    public synchronized List<String> lines() {
        if (partial.size() == 0) {
            return List.copyOf(lines);
        }
        Deque<String> copy = new ArrayDeque<>(lines);
        copy.addLast(partial.toString(StandardCharsets.UTF_8));
        while (copy.size() > maxLines) {
            copy.removeFirst();
        }
        return List.copyOf(copy);
    }
}
