package dev.kiln;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.FutureTask;
import org.junit.jupiter.api.Test;

class FuturesTest {

    private static final class Failure extends KilnException {
        private static final long serialVersionUID = 1L;

        Failure() {
            super(Kind.BAD_INPUT, "bad layer");
        }
    }

    private static <T> FutureTask<T> ran(java.util.concurrent.Callable<T> job) {
        FutureTask<T> task = new FutureTask<>(job);
        task.run();
        return task;
    }

    @Test
    void whatAJobThrewComesBackAsTheSameObject() {
        Failure failure = new Failure();
        IOException io = new IOException("disk full");
        OutOfMemoryError oom = new OutOfMemoryError("heap");
        IllegalStateException bug = new IllegalStateException("bug");
        assertThatThrownBy(() -> Futures.await(ran(() -> { throw failure; }), "x")).isSameAs(failure);
        assertThatThrownBy(() -> Futures.await(ran(() -> { throw io; }), "x")).isSameAs(io);
        assertThatThrownBy(() -> Futures.await(ran(() -> { throw oom; }), "x")).isSameAs(oom);
        assertThatThrownBy(() -> Futures.await(ran(() -> { throw bug; }))).isSameAs(bug);
    }

    @Test
    void uncheckedIoAndCompletionWrappersAreTakenOff() {
        IOException io = new IOException("short read");
        assertThatThrownBy(() -> Futures.await(ran(() -> { throw new UncheckedIOException(io); }), "x")).isSameAs(io);
        Failure failure = new Failure();
        CompletableFuture<Object> chained = CompletableFuture.supplyAsync(() -> {
            throw new CompletionException(new CompletionException(failure));
        });
        assertThatThrownBy(() -> Futures.await(chained)).isSameAs(failure);
    }

    @Test
    void aCheckedExceptionThatIsNotIoComesInAnIoException() {
        Exception odd = new Exception("odd");
        assertThatThrownBy(() -> Futures.await(ran(() -> { throw odd; }), "x"))
                .isInstanceOf(IOException.class).hasCause(odd);
    }

    @Test
    void anInterruptWhileWaitingKeepsTheFlagAndSaysWhatWasInterrupted() {
        CompletableFuture<String> never = new CompletableFuture<>();
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> Futures.await(never, "copying")).isInstanceOf(InterruptedIOException.class)
                    .hasMessage("interrupted while copying");
            assertThat(Thread.interrupted()).as("the interrupt flag stays set").isTrue();
            Thread.currentThread().interrupt();
            assertThatThrownBy(() -> Futures.await(never)).isInstanceOf(InterruptedException.class);
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void aResultComesBackAsItIs() throws Exception {
        assertThat(Futures.await(ran(() -> "done"), "x")).isEqualTo("done");
        assertThat(Futures.await(CompletableFuture.completedFuture(42))).isEqualTo(42);
    }
}
