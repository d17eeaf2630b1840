package dev.kiln.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.build.run.Network;
import dev.kiln.build.run.RunSpec;
import dev.kiln.build.run.SandboxException;
import dev.kiln.oci.ContainerConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Docker's rules for what {@code run} executes and with which environment. */
class ContainerRunTest {

    private static final ContainerConfig IMAGE = ContainerConfig.builder()
            .entrypoint(List.of("/entry", "--flag")).cmd(List.of("default", "args")).env(List.of("A=1", "PATH=/img")).build();

    private static ContainerRun.Request request(List<String> command, List<String> entrypoint) {
        return new ContainerRun.Request(command, entrypoint, null, null, List.of(), Network.HOST, RunSpec.Stdin.NULL);
    }

    @Test
    void entrypointPlusCmdAndAGivenCommandReplacesOnlyCmd() throws Exception {
        assertThat(ContainerRun.argv(IMAGE, request(List.of(), null))).containsExactly("/entry", "--flag", "default", "args");
        assertThat(ContainerRun.argv(IMAGE, request(List.of("x"), null))).containsExactly("/entry", "--flag", "x");
    }

    @Test
    void aGivenEntrypointDropsTheImagesCmd() throws Exception {
        assertThat(ContainerRun.argv(IMAGE, request(List.of(), List.of("/bin/sh")))).containsExactly("/bin/sh");
        assertThat(ContainerRun.argv(IMAGE, request(List.of("-c", "true"), List.of()))).containsExactly("-c", "true");
    }

    @Test
    void nothingToRunIsBadInput() {
        assertThatThrownBy(() -> ContainerRun.argv(ContainerConfig.EMPTY, request(List.of(), null)))
                .isInstanceOf(SandboxException.class).hasMessageContaining("no Entrypoint or Cmd");
    }

    @Test
    void overridesReplaceByNameAndPathDefaultsToDockers() {
        assertThat(ContainerRun.environment(List.of("A=1", "PATH=/img"), List.of("A=2", "B=3")))
                .containsExactly("A=2", "PATH=/img", "B=3");
        assertThat(ContainerRun.environment(List.of(), List.of())).containsExactly("PATH=" + ContainerRun.DEFAULT_PATH);
    }
}
