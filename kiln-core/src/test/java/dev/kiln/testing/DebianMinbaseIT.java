package dev.kiln.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DebianMinbaseIT {

    @Test
    void minbaseRootfsHasAptDpkgAndTheSuitesOsRelease(@TempDir Path dir) throws Exception {
        Path root = DebianMinbase.rootfs(dir.resolve("rootfs"));
        assertThat(root.resolve("usr/bin/apt-get")).isExecutable();
        assertThat(root.resolve("var/lib/dpkg/status")).isRegularFile();
        assertThat(Files.readString(root.resolve("etc/os-release"))).contains("VERSION_CODENAME=bookworm");
        assertThat(DebianMinbase.tarball(DebianMinbase.SUITE)).isRegularFile();
    }
}
