package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.event.ProgressEvent;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class BuildScreenTest {

    @Test
    void finishedStepsScrollUpOnceAndTheLiveBlockIsRedrawnInPlace() {
        StringWriter text = new StringWriter();
        BuildScreen screen = new BuildScreen(new PrintWriter(text, true));
        screen.step(new ProgressEvent("#1", "[build] COPY a /a", 0, -1, ProgressEvent.State.CACHED));
        screen.step(new ProgressEvent("#2", "[build] RUN make", 0, -1, ProgressEvent.State.STARTED));
        screen.output("[build] compiling");
        screen.step(new ProgressEvent("#2", "[build] RUN make", 0, -1, ProgressEvent.State.DONE));
        screen.clear();
        String all = text.toString();
        assertThat(all).contains("=> CACHED [build] COPY a /a").contains(" > [build] compiling")
                .contains("[+] Building").contains("\u001b[J");
        assertThat(all.split("=> CACHED", -1)).as("a finished line is printed once").hasSize(2);
        assertThat(all).containsPattern("=> \\[build\\] RUN make  \\d+\\.\\ds\u001b\\[0m\n");
        assertThat(all).endsWith("\u001b[J").as("the live block is gone at the end");
    }

    @Test
    void aFailedStepKeepsItsLastOutputOnScreen() {
        StringWriter text = new StringWriter();
        BuildScreen screen = new BuildScreen(new PrintWriter(text, true));
        screen.step(new ProgressEvent("#1", "[s] RUN false", 0, -1, ProgressEvent.State.STARTED));
        screen.output("[s] boom");
        screen.step(new ProgressEvent("#1", "[s] RUN false", 0, -1, ProgressEvent.State.FAILED));
        screen.clear();
        String all = text.toString();
        int error = all.indexOf("=> ERROR [s] RUN false");
        assertThat(error).isPositive();
        assertThat(all.indexOf(" > [s] boom", error)).as("output repeated after the error line").isPositive();
    }
}
