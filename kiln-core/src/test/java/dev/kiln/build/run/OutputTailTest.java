package dev.kiln.build.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OutputTailTest {

    private static void write(OutputTail tail, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        tail.write(OutputSink.Stream.STDOUT, bytes, bytes.length);
    }

    @Test
    void keepsOnlyTheLastLinesAcrossChunkBoundaries() {
        OutputTail tail = new OutputTail(3);
        write(tail, "one\ntw");
        write(tail, "o\nthree\r\nfour\nfi");
        assertThat(tail.lines()).containsExactly("three", "four", "fi");
    }

    @Test
    void capsVeryLongLines() {
        OutputTail tail = new OutputTail(2);
        write(tail, "x".repeat(100_000) + "\n");
        assertThat(tail.lines().get(0)).hasSize(4096);
    }

    @Test
    void failedStepMessageIsOneLineNamingStepCommandAndCodeWithTheTailKeptApart() {
        StepFailedException failure = new StepFailedException("step 3/7 RUN", "make all", 2, java.util.List.of("cc: error"));
        assertThat(failure.getMessage()).isEqualTo("step 3/7 RUN: 'make all' exited with code 2");
        assertThat(failure.tail()).containsExactly("cc: error");
        assertThat(new StepFailedException("s", "c", 137, java.util.List.of()).getMessage()).contains("killed by signal 9");
        assertThat(failure.kind()).isEqualTo(dev.kiln.KilnException.Kind.FAILURE);
    }
}
