package dev.kiln.build.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageUserTest {

    @TempDir
    Path root;
    RootfsView view;

    @BeforeEach
    void writeAccounts() throws Exception {
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n"
                + "app:x:1000:1000::/home/app:/bin/sh\nweb:x:33:33::/var/www:/usr/sbin/nologin\n");
        Files.writeString(root.resolve("etc/group"), "root:x:0:\nwww-data:x:33:\napp:x:1000:\n"
                + "audio:x:29:app,web\nvideo:x:44:app\nstaff:x:50:web\n");
        view = RootfsView.of(new Rootfs.Directory(root));
    }

    @Test
    void aNamedUserGetsItsPrimaryGroupAndTheGroupsThatListIt() throws Exception {
        assertThat(ImageUser.resolve("app", view)).isEqualTo(new ProcessUser(1000, 1000, List.of(29, 44)));
    }

    @Test
    void anExplicitGroupReplacesPrimaryAndSupplementaryGroups() throws Exception {
        assertThat(ImageUser.resolve("app:staff", view)).isEqualTo(new ProcessUser(1000, 50, List.of()));
        assertThat(ImageUser.resolve("33:7", view)).isEqualTo(new ProcessUser(33, 7, List.of()));
    }

    @Test
    void aNumericUidMissingFromPasswdRunsWithGroupZero() throws Exception {
        assertThat(ImageUser.resolve("1234", view)).isEqualTo(new ProcessUser(1234, 0, List.of()));
        assertThat(ImageUser.resolve("33", view)).isEqualTo(new ProcessUser(33, 33, List.of(29, 50)));
    }

    @Test
    void emptyMeansRoot() throws Exception {
        assertThat(ImageUser.resolve("", view)).isEqualTo(ProcessUser.ROOT);
        assertThat(ImageUser.resolve(null, view)).isEqualTo(ProcessUser.ROOT);
    }

    @Test
    void unknownNamesAreBadInputNamingTheFile() {
        assertThatThrownBy(() -> ImageUser.resolve("nobody", view)).isInstanceOf(SandboxException.class)
                .hasMessageContaining("'nobody'").hasMessageContaining("/etc/passwd");
        assertThatThrownBy(() -> ImageUser.resolve("app:wheel", view)).hasMessageContaining("/etc/group");
    }
}
