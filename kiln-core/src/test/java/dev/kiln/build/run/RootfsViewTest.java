package dev.kiln.build.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.testing.Tools;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The overlay merge rules, read without mounting: what {@code ls} would show in the merged root. */
class RootfsViewTest {

    @TempDir
    Path dir;

    static void whiteout(Path path) throws Exception {
        Tools.requireRoot("mknod needs root");
        Process mknod = new ProcessBuilder("mknod", path.toString(), "c", "0", "0").inheritIO().start();
        assertThat(mknod.waitFor()).isZero();
    }

    static void opaque(Path directory) throws Exception {
        Files.getFileAttributeView(directory, UserDefinedFileAttributeView.class)
                .write(RootfsView.OPAQUE_XATTR, ByteBuffer.wrap("y".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void whiteoutsOpaqueDirsAndFilesHideLowerEntries() throws Exception {
        Path lower = Files.createDirectories(dir.resolve("lower"));
        Path upper = Files.createDirectories(dir.resolve("upper"));
        Files.createDirectories(lower.resolve("a/b"));
        Files.writeString(lower.resolve("a/b/c"), "lower");
        Files.writeString(lower.resolve("a/keep"), "lower");
        Files.createDirectories(lower.resolve("gone/deep"));
        Files.createDirectories(lower.resolve("opq/old"));
        Files.createDirectories(lower.resolve("was-dir/x"));
        Files.createDirectories(upper.resolve("a"));
        Files.writeString(upper.resolve("a/keep"), "upper");
        whiteout(upper.resolve("gone"));
        Files.createDirectories(upper.resolve("opq/new"));
        opaque(upper.resolve("opq"));
        Files.writeString(upper.resolve("was-dir"), "now a file");
        RootfsView view = RootfsView.ofLayers(List.of(upper, lower));

        assertThat(view.readString("/a/keep")).contains("upper");
        assertThat(view.readString("/a/b/c")).contains("lower");
        assertThat(view.exists("/gone")).isFalse();
        assertThat(view.exists("/gone/deep")).isFalse();
        assertThat(view.exists("/opq/new")).isTrue();
        assertThat(view.exists("/opq/old")).isFalse();
        assertThat(view.exists("/was-dir/x")).isFalse();
        assertThat(view.readString("/was-dir")).contains("now a file");
    }

    @Test
    void symlinksResolveInsideTheRootNeverOutside() throws Exception {
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.createDirectories(root.resolve("run"));
        Files.createDirectories(root.resolve("var"));
        Files.createSymbolicLink(root.resolve("var/run"), Path.of("../run"));
        Files.createSymbolicLink(root.resolve("escape"), Path.of("/../../../../etc"));
        RootfsView view = RootfsView.of(new Rootfs.Directory(root));

        assertThat(view.resolve("/var/run/secrets/x")).isEqualTo("/run/secrets/x");
        assertThat(view.resolve("/escape/passwd")).isEqualTo("/etc/passwd");
        assertThat(view.readString("/escape/passwd")).isEmpty();
        assertThat(view.resolveParents("/var/run")).isEqualTo("/var/run");
    }
}
