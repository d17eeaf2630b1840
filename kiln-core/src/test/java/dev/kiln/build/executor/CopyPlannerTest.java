package dev.kiln.build.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.build.context.BuildException;
import dev.kiln.build.context.DockerIgnore;
import dev.kiln.build.run.RootfsView;
import dev.kiln.tar.EntryType;
import dev.kiln.tar.LayerEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CopyPlannerTest {

    @TempDir
    Path tmp;

    Path ctx;
    Path lowerLayer;

    @BeforeEach
    void trees() throws Exception {
        ctx = Files.createDirectories(tmp.resolve("ctx"));
        write("app/main.sh", "echo main");
        write("app/lib/util.sh", "echo util");
        write("app/secret.key", "xx");
        write("README.md", "hi");
        write("notes.md", "n");
        lowerLayer = Files.createDirectories(tmp.resolve("lower"));
        Files.createDirectories(lowerLayer.resolve("usr/bin"));
        Files.createSymbolicLink(lowerLayer.resolve("bin"), Path.of("usr/bin"));
        Files.createDirectories(lowerLayer.resolve("etc"));
        Files.writeString(lowerLayer.resolve("etc/passwd"), "root:x:0:0::/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\n");
        Files.writeString(lowerLayer.resolve("etc/group"), "root:x:0:\nstaff:x:50:\n");
    }

    private void write(String rel, String text) throws Exception {
        Path file = ctx.resolve(rel);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private Map<String, LayerEntry> plan(List<String> sources, String dest, String ignore, Optional<Chown> chown,
            boolean parents, RootfsView lower) throws Exception {
        CopyRequest request = new CopyRequest(new ContextTree(ctx, DockerIgnore.parse(ignore)), sources, dest, chown,
                Optional.empty(), parents, DockerIgnore.NONE, lower, Instant.EPOCH, "Dockerfile:3");
        return CopyPlanner.plan(request).stream().map(CopyItem::entry)
                .collect(Collectors.toMap(LayerEntry::path, e -> e, (a, b) -> b, java.util.LinkedHashMap::new));
    }

    @Test
    void aDirectorySourceCopiesItsContentsAndCreatesMissingParents() throws Exception {
        Map<String, LayerEntry> entries = plan(List.of("app"), "/srv/app/", "*.key\n**/*.key", Optional.empty(), false, null);
        assertThat(entries.keySet()).containsExactly("srv", "srv/app", "srv/app/lib", "srv/app/lib/util.sh",
                "srv/app/main.sh");
        assertThat(entries.get("srv").mode()).isEqualTo(0755);
        assertThat(entries.get("srv/app/main.sh").uid()).as("context files belong to root").isZero();
    }

    @Test
    void aFileGoesIntoADirectoryDestinationOrBecomesTheDestination() throws Exception {
        assertThat(plan(List.of("README.md"), "/docs/", "", Optional.empty(), false, null)).containsKey("docs/README.md");
        assertThat(plan(List.of("README.md"), "/docs/readme.txt", "", Optional.empty(), false, null))
                .containsKey("docs/readme.txt").doesNotContainKey("docs/README.md");
    }

    @Test
    void wildcardSourcesKeepTheirParentsAndSeveralSourcesNeedADirectoryDestination() throws Exception {
        assertThat(plan(List.of("*.md"), "/d/", "", Optional.empty(), false, null).keySet())
                .containsExactly("d", "d/README.md", "d/notes.md");
        assertThat(plan(List.of("app/**/*.sh"), "/p/", "", Optional.empty(), true, null).keySet())
                .contains("p/app/lib/util.sh", "p/app/main.sh");
        assertThatThrownBy(() -> plan(List.of("README.md", "notes.md"), "/d", "", Optional.empty(), false, null))
                .isInstanceOf(BuildException.class).hasMessageContaining("must be a directory and end with a /");
    }

    @Test
    void ignoredSourcesAreNotFoundAndTheErrorSaysWhere() throws Exception {
        assertThatThrownBy(() -> plan(List.of("README.md"), "/x/", "*.md", Optional.empty(), false, null))
                .isInstanceOf(BuildException.class)
                .hasMessageContaining("Dockerfile:3").hasMessageContaining("README.md")
                .hasMessageContaining(".dockerignore");
        assertThatThrownBy(() -> plan(List.of("*.none"), "/x/", "", Optional.empty(), false, null))
                .isInstanceOf(BuildException.class).hasMessageContaining("matches nothing");
    }

    @Test
    void theDestinationIsReachedThroughTheImagesSymlinks() throws Exception {
        RootfsView lower = RootfsView.ofLayers(List.of(lowerLayer));
        Map<String, LayerEntry> entries = plan(List.of("app/main.sh"), "/bin/", "", Optional.empty(), false, lower);
        assertThat(entries.keySet()).containsExactly("usr/bin/main.sh");
    }

    @Test
    void chownNamesAreResolvedInTheImageAndApplyToCreatedDirectories() throws Exception {
        RootfsView lower = RootfsView.ofLayers(List.of(lowerLayer));
        Chown chown = Chown.resolve("app:staff", lower, "Dockerfile:3");
        assertThat(chown).isEqualTo(new Chown(1000, 50));
        assertThat(Chown.resolve("app", lower, "x")).as("a user alone gives the group its uid").isEqualTo(new Chown(1000, 1000));
        Map<String, LayerEntry> entries = plan(List.of("app"), "/home/app/", "", Optional.of(chown), false, lower);
        assertThat(entries.get("home").uid()).isEqualTo(1000);
        assertThat(entries.get("home/app/main.sh").gid()).isEqualTo(50);
        assertThatThrownBy(() -> Chown.resolve("ghost", lower, "Dockerfile:3")).isInstanceOf(BuildException.class)
                .hasMessageContaining("ghost").hasMessageContaining("/etc/passwd");
    }

    @Test
    void layerOrderPutsDirectoriesBeforeTheirContents() {
        List<String> paths = new java.util.ArrayList<>(List.of("a/b", "a-b", "a", "a/b/c", "a.txt"));
        paths.sort(CopyPlanner::compareLayerOrder);
        assertThat(paths).containsExactly("a", "a/b", "a/b/c", "a-b", "a.txt");
    }

    @Test
    void chmodTakesOctalAndSymbolicModesAndABadOneNamesItsLine() throws Exception {
        assertThat(Chmod.parse("755", "x").apply(0600, false)).isEqualTo(0755);
        assertThat(Chmod.parse("u+x,go-w", "x").apply(0666, false)).isEqualTo(0744);
        assertThat(Chmod.parse("a=rX", "x").apply(0700, true)).isEqualTo(0555);
        assertThat(Chmod.parse("a=rX", "x").apply(0600, false)).isEqualTo(0444);
        assertThatThrownBy(() -> Chmod.parse("rwx", "Dockerfile:2")).isInstanceOf(BuildException.class)
                .hasMessageContaining("Dockerfile:2");
        assertThat(EntryType.FILE).isNotNull();
    }

    @Test
    void hardlinkedSourcesStayHardlinksToTheFirstNameInLayerOrder() throws Exception {
        write("links/b/one", "shared");
        Files.createLink(ctx.resolve("links/a"), ctx.resolve("links/b/one"));
        Files.createLink(ctx.resolve("links/c"), ctx.resolve("links/b/one"));
        write("links/solo", "shared");
        Map<String, LayerEntry> entries = plan(List.of("links"), "/l/", "", Optional.empty(), false, null);
        assertThat(entries.get("l/a").type()).isEqualTo(EntryType.FILE);
        assertThat(entries.get("l/a").size()).isEqualTo(6);
        assertThat(entries.get("l/b/one").type()).isEqualTo(EntryType.HARDLINK);
        assertThat(entries.get("l/b/one").linkTarget()).isEqualTo("l/a");
        assertThat(entries.get("l/b/one").size()).isZero();
        assertThat(entries.get("l/c").linkTarget()).isEqualTo("l/a");
        assertThat(entries.get("l/solo").type()).as("same content is not a link").isEqualTo(EntryType.FILE);
    }

    @Test
    void aHardlinkWhoseOtherNameIsExcludedIsAPlainFile() throws Exception {
        write("half/keep", "k");
        Files.createLink(ctx.resolve("half/drop.log"), ctx.resolve("half/keep"));
        Map<String, LayerEntry> entries = plan(List.of("half"), "/h/", "**/*.log", Optional.empty(), false, null);
        assertThat(entries).doesNotContainKey("h/drop.log");
        assertThat(entries.get("h/keep").type()).isEqualTo(EntryType.FILE);
    }
}
