package dev.kiln.tag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads versions from real git repositories made in a temp directory. */
class GitVersionTest {

    @TempDir
    Path repo;

    private void git(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", repo.toString(), "-c", "user.name=t",
                "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(String.join(" ", cmd) + ": " + out).isZero();
    }

    private void commit(String message) throws Exception {
        Files.writeString(repo.resolve("f"), message);
        git("add", "f");
        git("commit", "-q", "-m", message);
    }

    @Test
    void highestReleaseTagReachableFromHeadWins() throws Exception {
        Tools.require("git");
        git("init", "-q", "-b", "main");
        commit("one");
        git("tag", "v1.2.0");
        commit("two");
        git("tag", "v1.10.1");
        git("tag", "v2.0.0-rc1"); // a pre-release is not a version to tag builds with
        git("tag", "release-3"); // not a version tag
        git("checkout", "-q", "-b", "side");
        commit("side");
        git("tag", "v9.0.0"); // on a branch HEAD does not contain
        git("checkout", "-q", "main");
        commit("three");

        assertThat(GitVersion.read(repo)).hasToString("1.10.1");
        ComputedTag tag = new TagComputer(Map.of("GITHUB_RUN_NUMBER", "77"),
                Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)).compute(
                new TagRequest(Optional.empty(), Optional.of(repo), Optional.empty(), false));
        assertThat(tag.tag()).isEqualTo("1.10.1-77");
        assertThat(tag.versionSource()).isEqualTo("git tag v1.10.1");
    }

    @Test
    void repositoryWithoutReleaseTagsIsBadInput() throws Exception {
        Tools.require("git");
        git("init", "-q", "-b", "main");
        commit("one");
        git("tag", "v1.0.0-beta");
        assertThatThrownBy(() -> GitVersion.read(repo)).isInstanceOf(TagException.class)
                .hasMessageContaining("no release tag vX.Y.Z");
    }

    @Test
    void directoryOutsideGitIsBadInput() {
        assertThatThrownBy(() -> GitVersion.read(repo)).isInstanceOf(TagException.class)
                .hasMessageContaining("git in " + repo);
    }
}
