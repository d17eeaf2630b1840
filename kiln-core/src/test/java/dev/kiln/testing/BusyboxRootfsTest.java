package dev.kiln.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BusyboxRootfsTest {

    @Test
    void rootfsHasBusyboxWithAppletLinksAndAPasswdFile(@TempDir Path dir) throws Exception {
        Path root = BusyboxRootfs.create(dir.resolve("rootfs"));
        assertThat(root.resolve("bin/busybox")).isExecutable();
        assertThat(Files.readSymbolicLink(root.resolve("bin/sh"))).isEqualTo(Path.of("busybox"));
        assertThat(Files.readString(root.resolve("etc/passwd"))).startsWith("root:x:0:0:");
    }
}
