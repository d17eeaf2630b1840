package dev.kiln.build.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.KilnException;
import dev.kiln.oci.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmulationTest {

    @TempDir
    Path binfmt;

    @Test
    void theHostsOwnPlatformRunsInAnySpelling() {
        Emulation emulation = new Emulation(Platform.parse("linux/x86_64"), binfmt);
        assertThat(emulation.canRun(Platform.parse("linux/amd64"))).isTrue();
        assertThat(emulation.canRun(Platform.parse("linux/arm64"))).isFalse();
        assertThat(emulation.canRun(Platform.parse("windows/amd64"))).isFalse();
    }

    @Test
    void anEnabledQemuHandlerMakesAForeignArchitectureRunnable() throws Exception {
        Emulation emulation = new Emulation(Platform.parse("linux/amd64"), binfmt);
        Files.writeString(binfmt.resolve("qemu-aarch64"), "disabled\ninterpreter /usr/bin/qemu-aarch64-static\n");
        assertThat(emulation.canRun(Platform.parse("linux/arm64/v8"))).isFalse();
        Files.writeString(binfmt.resolve("qemu-aarch64"), "enabled\ninterpreter /usr/bin/qemu-aarch64-static\n");
        assertThat(emulation.canRun(Platform.parse("linux/aarch64"))).isTrue();
        assertThat(emulation.canRun(Platform.parse("linux/s390x"))).isFalse();
    }

    @Test
    void refusalNamesBothPlatformsAndTheStep() {
        Emulation emulation = new Emulation(Platform.parse("linux/amd64"), binfmt);
        assertThatThrownBy(() -> emulation.requireRunnable(Platform.parse("linux/arm64"), "Dockerfile:3 RUN"))
                .isInstanceOf(KilnException.class)
                .hasMessageStartingWith("Dockerfile:3 RUN needs linux/arm64 emulation: not available on this linux/amd64 host")
                .satisfies(e -> assertThat(((KilnException) e).kind()).isEqualTo(KilnException.Kind.BAD_INPUT));
    }
}
