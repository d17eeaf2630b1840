package dev.kiln.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class ToolsTest {

    @Test
    void aMissingPrerequisiteSkipsOnADeveloperMachineAndFailsInCi() {
        Class<? extends Throwable> expected = Tools.requiredByCi() ? AssertionError.class : TestAbortedException.class;
        assertThatThrownBy(() -> Tools.requireThat(false, "frobnicator missing")).isInstanceOf(expected)
                .hasMessageContaining("frobnicator missing");
        assertThatThrownBy(() -> Tools.require("kiln-no-such-tool")).isInstanceOf(expected)
                .hasMessageContaining("kiln-no-such-tool is not installed");
        Tools.requireThat(true, "never shown");
    }

    @Test
    void rootIsTheEffectiveUidNotTheUserName() throws Exception {
        Process id = new ProcessBuilder("id", "-u").start();
        String uid = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(id.waitFor()).isZero();
        assertThat(Tools.isRoot()).isEqualTo(uid.equals("0"));
    }

    @Test
    void theJarIsLookedForBelowTheRepositoryRootWhereverTheTestRuns() {
        assertThat(KilnJar.locate()).endsWithRaw(java.nio.file.Path.of("kiln-cli", "target", "kiln.jar"));
        assertThat(KilnJar.locate().getParent().getParent().resolve("pom.xml")).isRegularFile();
    }
}
