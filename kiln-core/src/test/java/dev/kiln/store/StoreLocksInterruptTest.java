package dev.kiln.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An interrupt of one thread waiting for a store lock must not drop the locks other threads hold. */
class StoreLocksInterruptTest {

    @TempDir
    Path dir;

    @Test
    void interruptingAThreadWaitingForTheIndexLockKeepsAnotherThreadsSharedCollectorLock() throws Exception {
        Path file = dir.resolve("lock");
        StoreLocks locks = StoreLocks.forFile(file);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process other = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                LockProbeProcess.class.getName(), file.toString()).redirectErrorStream(true).start();
        try (PrintWriter commands = new PrintWriter(other.getOutputStream(), true, StandardCharsets.UTF_8);
                BufferedReader answers = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8))) {
            commands.println("lock 1");
            assertThat(answers.readLine()).isEqualTo("locked 1");

            StoreLocks.Held shared = locks.shareCollector();
            AtomicBoolean gotIndex = new AtomicBoolean();
            AtomicBoolean stillInterrupted = new AtomicBoolean();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread waiter = new Thread(() -> {
                try (StoreLocks.Held index = locks.lockIndex()) {
                    gotIndex.set(true);
                    stillInterrupted.set(Thread.currentThread().isInterrupted());
                } catch (Throwable e) {
                    failure.set(e);
                }
            });
            waiter.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (waiter.getState() != Thread.State.WAITING && waiter.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            Thread.sleep(200); // let the wait reach the blocking lock call
            assertThat(gotIndex).as("the other process holds the index lock").isFalse();

            waiter.interrupt();

            commands.println("try 0");
            assertThat(answers.readLine()).as("the shared collector lock still excludes other processes' gc")
                    .isEqualTo("busy 0");
            commands.println("release");
            assertThat(answers.readLine()).isEqualTo("released");
            waiter.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(failure.get()).isNull();
            assertThat(gotIndex).as("the interrupted thread still got the lock once free").isTrue();
            assertThat(stillInterrupted).as("and its interrupt was kept for it").isTrue();

            commands.println("try 0");
            assertThat(answers.readLine()).isEqualTo("busy 0");
            shared.close();
            commands.println("try 0");
            assertThat(answers.readLine()).as("released for real once closed").isEqualTo("got 0");
        } finally {
            other.destroy();
            other.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
