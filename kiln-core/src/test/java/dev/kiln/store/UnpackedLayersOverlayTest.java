package dev.kiln.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.event.EventSink;
import dev.kiln.format.layout.OciLayout;
import dev.kiln.image.Image;
import dev.kiln.image.Images;
import dev.kiln.oci.Platform;
import dev.kiln.tar.Compression;
import dev.kiln.tar.EntryType;
import dev.kiln.tar.LayerEntry;
import dev.kiln.testing.LayeredImages;
import dev.kiln.testing.LayeredImages.Entry;
import dev.kiln.testing.OverlayMount;
import dev.kiln.testing.Tools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The unpacked-layer cache as {@code kiln run} and RUN steps see it: the layers' directories mounted
 * by the kernel as overlay lowers must show the tree the OCI changeset rules describe.
 */
class UnpackedLayersOverlayTest {

    private static final Instant LOWER_TIME = Instant.ofEpochSecond(1_000_000);

    @TempDir
    Path tmp;

    private Store store;

    @BeforeEach
    void open() throws Exception {
        Tools.requireRoot("overlay lower dirs need root (devices, trusted xattrs, mount)");
        store = Store.open(tmp.resolve("home"));
    }

    private Image image(String name, List<List<Entry>> layers) throws Exception {
        Path dir = tmp.resolve(name);
        LayeredImages.write(dir, "1", layers, Compression.GZIP);
        return Images.resolve(OciLayout.open(dir).source("1", name), Platform.host());
    }

    private OverlayMount mount(Image image, String name) throws Exception {
        List<Path> lowers = new UnpackedLayers(store, EventSink.NONE).unpack(image);
        return OverlayMount.of(lowers, tmp.resolve("mnt-" + name));
    }

    private static Entry file(String path, String content) {
        return Entry.file(path, content.getBytes(StandardCharsets.UTF_8));
    }

    private static Entry dir(String path, int mode, int owner) {
        return Entry.of(LayerEntry.builder(path, EntryType.DIRECTORY).mode(mode).owner(owner, owner).mtime(LOWER_TIME).build());
    }

    private static List<String> children(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aWhiteoutNeverHidesAFileItsOwnLayerWrote() throws Exception {
        Image image = image("own", List.of(
                List.of(file("a", "lower")),
                List.of(file("a", "own"), Entry.whiteout("a"))));
        try (OverlayMount m = mount(image, "own")) {
            assertThat(m.root().resolve("a")).hasContent("own");
        }
    }

    @Test
    void aDirectoryWhitedOutAndMadeAgainInOneLayerShowsNoLowerChildren() throws Exception {
        Image image = image("recreated", List.of(
                List.of(Entry.dir("a"), file("a/x", "lower")),
                List.of(Entry.whiteout("a"), Entry.dir("a"), file("a/y", "new"))));
        try (OverlayMount m = mount(image, "recreated")) {
            assertThat(children(m.root().resolve("a"))).containsExactly("y");
        }
    }

    @Test
    void aDirectoryWhitedOutAfterItsOwnLayerWroteBelowItKeepsOnlyThatLayersEntries() throws Exception {
        Image image = image("after", List.of(
                List.of(dir("a", 0700, 7), file("a/x", "lower")),
                List.of(file("a/y", "new"), Entry.whiteout("a"))));
        try (OverlayMount m = mount(image, "after")) {
            assertThat(children(m.root().resolve("a"))).containsExactly("y");
            // the lower a is deleted: what is left is a directory the layer only implies
            assertThat(Files.getAttribute(m.root().resolve("a"), "unix:mode")).isEqualTo(040755);
        }
    }

    @Test
    void impliedParentDirectoriesShowTheLowerDirectorysModeOwnerAndTime() throws Exception {
        Image image = image("implied", List.of(
                List.of(dir("tmp", 01777, 0), dir("srv", 0700, 1000), file("srv/x", "lower")),
                List.of(file("tmp/newfile", "n"), Entry.whiteout("srv/x"))));
        try (OverlayMount m = mount(image, "implied")) {
            Map<String, Object> tmpDir = Files.readAttributes(m.root().resolve("tmp"), "unix:mode,uid,lastModifiedTime",
                    LinkOption.NOFOLLOW_LINKS);
            assertThat(Integer.toOctalString((Integer) tmpDir.get("mode"))).isEqualTo("41777");
            assertThat(tmpDir.get("lastModifiedTime")).isEqualTo(FileTime.from(LOWER_TIME));
            Map<String, Object> srv = Files.readAttributes(m.root().resolve("srv"), "unix:mode,uid,gid",
                    LinkOption.NOFOLLOW_LINKS);
            assertThat(Integer.toOctalString((Integer) srv.get("mode"))).isEqualTo("40700");
            assertThat(srv.get("uid")).isEqualTo(1000);
            assertThat(srv.get("gid")).isEqualTo(1000);
            assertThat(children(m.root().resolve("srv"))).isEmpty();
        }
    }

    @Test
    void aLayerThatImpliesDirectoriesUnpacksOncePerStackBelowIt() throws Exception {
        List<Entry> shared = List.of(file("tmp/f", "same layer"));
        Image open = image("open", List.of(List.of(dir("tmp", 01777, 0)), shared));
        Image closed = image("closed", List.of(List.of(dir("tmp", 0700, 5)), shared));
        assertThat(open.layers().get(1).diffId()).isEqualTo(closed.layers().get(1).diffId());
        try (OverlayMount a = mount(open, "open"); OverlayMount b = mount(closed, "closed")) {
            assertThat(Files.getAttribute(a.root().resolve("tmp"), "unix:mode")).isEqualTo(041777);
            assertThat(Files.getAttribute(b.root().resolve("tmp"), "unix:mode")).isEqualTo(040700);
            assertThat(a.root().resolve("tmp/f")).hasContent("same layer");
            assertThat(b.root().resolve("tmp/f")).hasContent("same layer");
        }
    }

    @Test
    void aWhiteoutOfAPathNoLowerLayerHasMakesNoDirectory() throws Exception {
        Image image = image("nothing", List.of(
                List.of(file("keep", "k")),
                List.of(Entry.whiteout("ghost/x"), Entry.of(LayerEntry.opaqueWhiteout("phantom")))));
        try (OverlayMount m = mount(image, "nothing")) {
            assertThat(children(m.root())).containsExactly("keep");
        }
    }
}
