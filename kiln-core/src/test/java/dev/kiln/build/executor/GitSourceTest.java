package dev.kiln.build.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.build.context.BuildException;
import dev.kiln.testing.GitRepo;
import dev.kiln.testing.ExternalCommand;
import dev.kiln.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a real local repository (git takes a path as a remote). */
class GitSourceTest {

    @TempDir
    Path tmp;

    GitRepo repository;
    Path repo;
    String first;
    String second;

    private String git(String... args) {
        return repository.git(args);
    }

    @BeforeEach
    void repository() throws Exception {
        repository = GitRepo.init(tmp.resolve("repo"));
        repo = repository.dir();
        Files.createDirectories(repo.resolve("sub"));
        Files.writeString(repo.resolve("sub/a.txt"), "one\n");
        Files.writeString(repo.resolve("top.txt"), "top\n");
        Files.createSymbolicLink(repo.resolve("escape"), Path.of("/etc"));
        git("add", "-A");
        git("commit", "-q", "-m", "one");
        first = git("rev-parse", "HEAD");
        git("tag", "-a", "v1", "-m", "annotated");
        Files.writeString(repo.resolve("sub/a.txt"), "two\n");
        git("commit", "-q", "-am", "two");
        second = git("rev-parse", "HEAD");
    }

    private GitSource source(String ref, String subdir) {
        return new GitSource(new GitUrl(repo.toString(), Optional.ofNullable(ref), Optional.ofNullable(subdir)),
                Optional.empty(), "Dockerfile:2");
    }

    @Test
    void refsResolveToCommitsWithAnnotatedTagsPeeled() throws Exception {
        assertThat(source(null, null).resolve(tmp)).isEqualTo(second);
        assertThat(source("main", null).resolve(tmp)).isEqualTo(second);
        assertThat(source("v1", null).resolve(tmp)).isEqualTo(first);
        assertThat(source(first, null).resolve(tmp)).isEqualTo(first);
        assertThatThrownBy(() -> source("nope", null).resolve(tmp)).isInstanceOf(BuildException.class)
                .hasMessageContaining("Dockerfile:2").hasMessageContaining("no branch or tag 'nope'");
    }

    @Test
    void checkoutIsTheCommitWithoutGitDirAndDatedByTheCommit() throws Exception {
        Path dir;
        try (GitSource.Checkout checkout = source("v1", null).checkout(first, false, tmp.resolve("scratch"))) {
            dir = checkout.dir();
            assertThat(checkout.root().resolve("sub/a.txt")).hasContent("one");
            assertThat(checkout.root().resolve(".git")).doesNotExist();
            long committed = Long.parseLong(git("log", "-1", "--format=%ct", "v1"));
            assertThat(Files.getLastModifiedTime(checkout.root().resolve("top.txt")))
                    .isEqualTo(FileTime.fromMillis(committed * 1000));
            assertThat(Files.getLastModifiedTime(checkout.root().resolve("sub")))
                    .isEqualTo(FileTime.fromMillis(committed * 1000));
        }
        assertThat(dir).doesNotExist();
    }

    @Test
    void aCommitTheRefNoLongerNamesIsStillCheckedOutAndKeepGitDirKeepsHistory() throws Exception {
        try (GitSource.Checkout checkout = source("main", null).checkout(first, true, tmp.resolve("scratch"))) {
            assertThat(checkout.root().resolve("sub/a.txt")).hasContent("one");
            assertThat(checkout.root().resolve(".git")).isDirectory();
        }
    }

    @Test
    void theSubdirectoryMustStayInsideTheRepository() throws Exception {
        try (GitSource.Checkout checkout = source("main", "sub").checkout(second, false, tmp.resolve("scratch"))) {
            assertThat(checkout.root().resolve("a.txt")).hasContent("two");
        }
        assertThatThrownBy(() -> source("main", "escape").checkout(second, false, tmp.resolve("scratch")))
                .isInstanceOf(BuildException.class).hasMessageContaining("not a directory inside the repository");
        try (GitSource.Checkout checkout = source("main", "../..").checkout(second, false, tmp.resolve("scratch"))) {
            assertThat(checkout.root().resolve("top.txt")).as("dots stop at the repository root").hasContent("top");
        }
        assertThat(tmp.resolve("scratch")).isEmptyDirectory();
    }
}
