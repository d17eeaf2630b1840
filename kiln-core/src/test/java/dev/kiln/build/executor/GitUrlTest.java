package dev.kiln.build.executor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class GitUrlTest {

    @Test
    void gitTransportsScpFormGithubAndDotGitHttpUrlsAreGit() {
        assertThat(GitUrl.parse("git://127.0.0.1:9418/repo.git")).contains(new GitUrl("git://127.0.0.1:9418/repo.git",
                Optional.empty(), Optional.empty()));
        assertThat(GitUrl.parse("git@github.com:moby/buildkit.git#v0.10.1")).contains(
                new GitUrl("git@github.com:moby/buildkit.git", Optional.of("v0.10.1"), Optional.empty()));
        assertThat(GitUrl.parse("ssh://git@example.com/r.git#main:docs")).contains(
                new GitUrl("ssh://git@example.com/r.git", Optional.of("main"), Optional.of("docs")));
        assertThat(GitUrl.parse("https://github.com/moby/buildkit.git#:frontend")).contains(
                new GitUrl("https://github.com/moby/buildkit.git", Optional.empty(), Optional.of("frontend")));
        assertThat(GitUrl.parse("github.com/moby/buildkit#v1")).contains(
                new GitUrl("https://github.com/moby/buildkit", Optional.of("v1"), Optional.empty()));
    }

    @Test
    void plainUrlsAndLocalPathsAreNotGit() {
        assertThat(GitUrl.parse("https://example.com/tool.tar.gz")).isEmpty();
        assertThat(GitUrl.parse("https://example.com/repo.git/file.txt")).isEmpty();
        assertThat(GitUrl.parse("vendor/lib.git")).isEmpty();
        assertThat(GitUrl.parse("file:///srv/repo.git")).isEmpty();
    }

    @Test
    void displayHidesCredentialsButKeepsRefAndSubdir() {
        assertThat(GitUrl.parse("https://user:token@example.com/r.git#main:sub").orElseThrow().display())
                .isEqualTo("https://example.com/r.git#main:sub");
        assertThat(GitUrl.parse("https://example.com/r.git#:sub").orElseThrow().display())
                .isEqualTo("https://example.com/r.git#:sub");
    }
}
