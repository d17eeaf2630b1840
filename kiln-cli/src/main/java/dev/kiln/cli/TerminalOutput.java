package dev.kiln.cli;

import dev.kiln.build.run.OutputSink;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Passes a sandboxed process's output to the terminal as it arrives, decoding UTF-8 per stream so a
 * character split across two reads still comes out whole.
 */
final class TerminalOutput implements OutputSink {

    private final Stream out;
    private final Stream err;

    TerminalOutput(Terminal terminal) {
        this.out = new Stream(terminal.out());
        this.err = new Stream(terminal.err());
    }

    @Override
    public void write(OutputSink.Stream stream, byte[] bytes, int length) {
        (stream == OutputSink.Stream.STDOUT ? out : err).write(bytes, length);
    }

    private static final class Stream {
        private final PrintWriter writer;
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        private ByteBuffer pending = ByteBuffer.allocate(0);

        Stream(PrintWriter writer) {
            this.writer = writer;
        }

        synchronized void write(byte[] bytes, int length) {
            ByteBuffer input = ByteBuffer.allocate(pending.remaining() + length);
            input.put(pending).put(bytes, 0, length).flip();
            CharBuffer chars = CharBuffer.allocate(input.remaining() + 1);
            decoder.decode(input, chars, false);
            chars.flip();
            writer.append(chars);
            writer.flush();
            pending = ByteBuffer.allocate(input.remaining()).put(input).flip();
        }
    }
}
