package dev.kiln.squash;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.format.layout.LayoutSink;
import dev.kiln.format.layout.OciLayout;
import dev.kiln.image.Image;
import dev.kiln.image.Images;
import dev.kiln.image.Layer;
import dev.kiln.oci.Platform;
import dev.kiln.tar.Compression;
import dev.kiln.tar.EntryType;
import dev.kiln.tar.ExtractOptions;
import dev.kiln.tar.LayerEntry;
import dev.kiln.tar.SafeExtractor;
import dev.kiln.tar.SparseRegion;
import dev.kiln.testing.Buildah;
import dev.kiln.testing.BusyboxRootfs;
import dev.kiln.testing.ExternalCommand;
import dev.kiln.testing.LayeredImages;
import dev.kiln.testing.LayeredImages.Entry;
import dev.kiln.testing.LayoutFiles;
import dev.kiln.testing.Tools;
import dev.kiln.testing.TreeSnapshot;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Squashed images against real tools: built by buildah and by kiln's own layer writer, squashed over
 * several ranges, then unpacked by umoci and by kiln's SafeExtractor: the trees must be the same as the
 * original's (paths, types, modes, owners, sizes, content, symlinks, xattrs, hardlink groups), and
 * skopeo must accept the result.
 */
class SquashInteropIT {

    @TempDir
    Path tmp;

    @Test
    void buildahImageSquashedOverEveryRangeUnpacksToTheSameTree() throws Exception {
        Tools.require("umoci");
        Tools.require("skopeo");
        Path ctx = tmp.resolve("ctx");
        BusyboxRootfs.create(ctx.resolve("rootfs"));
        Files.createDirectories(ctx.resolve("rootfs/var/log"));
        // xattrs buildah's COPY carries into the layer (PAX SCHILY.xattr.*), which every unpack must keep
        Path setfattr = Tools.require("setfattr");
        ExternalCommand.check(null, setfattr.toString(), "-n", "user.kiln", "-v", "base", ctx.resolve("rootfs/etc/passwd").toString());
        // never executed: buildah's RUN lacks CAP_NET_RAW, so exec of a binary with this capability fails
        Path ping = Files.writeString(ctx.resolve("rootfs/usr/bin/ping"), "not really ping\n");
        ExternalCommand.check(null, setfattr.toString(), "-n", "security.capability", "-v", "0sAQAAAgAgAAAAAAAAAAAAAAAAAAA=",
                ping.toString());
        Files.writeString(ctx.resolve("Containerfile"), String.join("\n",
                "FROM scratch",
                "COPY rootfs/ /",
                "RUN mkdir -p /data/sub /data/keep /data/opq && echo one > /data/sub/f && ln /data/sub/f /data/hl"
                        + " && ln -s sub/f /data/sl && echo k > /data/keep/k && echo base > /etc/motd"
                        + " && echo old > /data/opq/old && chown 7:8 /data/opq",
                "RUN dd if=/dev/urandom of=/tmp/big bs=1M count=20 && echo v1 > /data/keep/k",
                "RUN rm -rf /data/sub /tmp/big && rm /etc/motd && chmod 0600 /etc/group && echo v2 > /data/keep/k2",
                "RUN mkdir /data/sub && echo two > /data/sub/g && chmod 0750 /data/keep && ln /data/keep/k2 /data/keep/k3",
                // removed and made again in one step: overlay storage records an opaque directory
                "RUN rm -rf /data/opq && mkdir -m 0710 /data/opq && echo new > /data/opq/new && chown 9:10 /data/opq/new",
                ""));
        Path oci = tmp.resolve("oci");
        Map<String, String> buildahView;
        try (Buildah buildah = Buildah.overlay(tmp)) {
            buildah.build(ctx.resolve("Containerfile"), ctx, "squash-it");
            buildah.pushToLayout("squash-it", oci, "orig");
            buildahView = buildah.tree("squash-it");
        }
        List<Path> blobs = LayoutFiles.layers(oci, "orig");
        assertThat(LayoutFiles.tarNames(blobs.get(blobs.size() - 1))).as("the last layer, listed by GNU tar")
                .contains("data/opq/.wh..wh..opq", "data/opq/new").doesNotContain("data/opq/.wh.old");

        Map<String, String> original = umoci(oci, "orig");
        assertThat(original).as("umoci's unpack against buildah's own mounted view").isEqualTo(buildahView);
        assertThat(original).containsKeys("data/hl", "data/sl", "data/keep/k2", "data/sub/g").doesNotContainKey("tmp/big");
        assertThat(original.get("data/hl")).contains("size=4"); // its first name was removed with /data/sub
        assertThat(original).containsKey("data/opq/new").doesNotContainKey("data/opq/old");
        assertThat(original.get("data/opq")).startsWith("d710 0:0");
        assertThat(original.get("data/opq/new")).startsWith("-644 9:10");
        assertThat(original.get("etc/passwd")).contains("user.kiln=0x62617365");
        assertThat(original.get("usr/bin/ping")).contains("security.capability=0x");
        assertThat(kilnUnpack(oci, "orig")).isEqualTo(original);

        int layers = TestImages.load(OciLayout.open(oci), "orig").layers().size();
        for (LayerRange range : List.of(new LayerRange.All(), new LayerRange.Last(3), new LayerRange.Last(2),
                new LayerRange.From("1"))) {
            String tag = "sq-" + range.getClass().getSimpleName().toLowerCase() + rangeArg(range);
            SquashResult result = squash(oci, "orig", range, tag);
            assertThat(umoci(oci, tag)).as("umoci, %s", range).isEqualTo(original);
            assertThat(kilnUnpack(oci, tag)).as("SafeExtractor, %s", range).isEqualTo(original);
            JsonNode inspect = new ObjectMapper().readTree(ExternalCommand.check(null, "skopeo", "inspect",
                    "oci:" + oci + ":" + tag).out());
            assertThat(inspect.get("Layers")).hasSize(result.layersAfter());
            assertThat(result.layersAfter()).isEqualTo(layers - result.span().size() + 1);
            if (result.span().from() <= 2) {
                // the 20 MiB written in layer 2 and deleted in layer 3 is gone
                assertThat(result.compressed().saved()).as("%s", range).isGreaterThanOrEqualTo(20L << 20);
            }
        }
    }

    @Test
    void kilnLayersWithDeletesOpaqueDirsHardlinksAndSparseFileUnpackToTheSameTree() throws Exception {
        Tools.require("umoci");
        Tools.require("skopeo");
        byte[] cap = {1, 0, 0, 2, (byte) 0x80, 0x20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        LayerEntry lastlog = LayerEntry.builder("var/log/lastlog", EntryType.FILE).size(2L << 30).mode(0664)
                .owner(0, 43).sparse(List.of(new SparseRegion(292_000, 16))).build();
        List<List<Entry>> layers = List.of(
                List.of(Entry.dir("etc"), Entry.file("etc/passwd", "root:x:0:0\n".getBytes()),
                        Entry.dir("usr"), Entry.dir("usr/bin"),
                        Entry.of(LayerEntry.builder("usr/bin/ping", EntryType.FILE).size(4).mode(04755)
                                .xattr("security.capability", cap).build()),
                        Entry.file("usr/bin/perl", "perl".getBytes()),
                        Entry.of(LayerEntry.hardlink("usr/bin/perl5", "usr/bin/perl")),
                        Entry.of(LayerEntry.symlink("usr/bin/pl", "perl")),
                        Entry.dir("var"), Entry.dir("var/cache"), Entry.dir("var/cache/apt"),
                        Entry.file("var/cache/apt/pkgcache.bin", new byte[300_000]),
                        Entry.dir("opt"), Entry.dir("opt/app"), Entry.file("opt/app/old.jar", "old".getBytes())),
                List.of(Entry.dir("var"), Entry.dir("var/log"), new Entry(lastlog, "lastlog record".getBytes()),
                        Entry.dir("tmp"), Entry.file("tmp/junk", new byte[1 << 20])),
                List.of(Entry.dir("usr/bin"), Entry.whiteout("usr/bin/perl"), // the hardlink's target goes
                        Entry.dir("var/cache"), Entry.whiteout("var/cache/apt"), // rm -rf
                        Entry.of(LayerEntry.builder("opt/app", EntryType.DIRECTORY).mode(0750).owner(1000, 1000).build()),
                        Entry.of(LayerEntry.opaqueWhiteout("opt/app")), Entry.file("opt/app/new.jar", "new".getBytes()),
                        Entry.dir("tmp"), Entry.whiteout("tmp/junk")),
                List.of(Entry.dir("etc"), Entry.of(LayerEntry.builder("etc/passwd", EntryType.FILE).size(11)
                                .mode(0600).build()), // chmod only: same bytes below
                        Entry.file("etc/motd", "v2".getBytes())));
        Path oci = tmp.resolve("oci");
        List<List<Entry>> withContent = new ArrayList<>();
        for (List<Entry> l : layers) {
            List<Entry> fixed = new ArrayList<>();
            for (Entry e : l) {
                fixed.add(e.entry().path().equals("etc/passwd") && e.content() == null
                        ? new Entry(e.entry(), "root:x:0:0\n".getBytes())
                        : e.entry().type() == EntryType.FILE && e.content() == null && e.entry().size() > 0
                                && !e.entry().isSparse() ? new Entry(e.entry(), "ping".getBytes()) : e);
            }
            withContent.add(fixed);
        }
        LayeredImages.write(oci, "orig", withContent, Compression.GZIP);

        Map<String, String> original = umoci(oci, "orig");
        assertThat(original.get("usr/bin/perl5")).contains("size=4").doesNotContain("linked-to");
        assertThat(original.get("var/log/lastlog")).contains("size=2147483648");
        assertThat(original.get("usr/bin/ping")).contains("security.capability");
        assertThat(original).doesNotContainKeys("var/cache/apt", "opt/app/old.jar", "tmp/junk");
        assertThat(kilnUnpack(oci, "orig")).isEqualTo(original);

        for (LayerRange range : List.of(new LayerRange.All(), new LayerRange.Last(2), new LayerRange.Last(3))) {
            String tag = "sq-" + range.getClass().getSimpleName().toLowerCase() + rangeArg(range);
            SquashResult result = squash(oci, "orig", range, tag);
            assertThat(umoci(oci, tag)).as("umoci, %s", range).isEqualTo(original);
            assertThat(kilnUnpack(oci, tag)).as("SafeExtractor, %s", range).isEqualTo(original);
            ExternalCommand.check(null, "skopeo", "inspect", "oci:" + oci + ":" + tag);
            Image squashed = TestImages.load(OciLayout.open(oci), tag);
            assertThat(squashed.layers().get(squashed.layers().size() - 1).size())
                    .as("the sparse lastlog stays sparse in the merged layer").isLessThan(1 << 20);
            if (result.span().from() <= 1) {
                // tmp/junk, written in layer 1 and deleted in layer 2
                assertThat(result.stats().bytesDropped()).as("%s", range).isGreaterThanOrEqualTo(1 << 20);
            }
        }
    }

    private static String rangeArg(LayerRange r) {
        if (r instanceof LayerRange.Last l) {
            return String.valueOf(l.count());
        }
        if (r instanceof LayerRange.From f) {
            return f.layer();
        }
        return "";
    }

    private SquashResult squash(Path oci, String from, LayerRange range, String tag) throws Exception {
        OciLayout layout = OciLayout.open(oci);
        Image image = Images.resolve(layout.source(from, "oci:" + oci + ":" + from), Platform.parse("linux/amd64"));
        try (LayoutSink sink = layout.sink(List.of(tag), "oci:" + oci + ":" + tag)) {
            return Squasher.squash(image, range, SquashOptions.defaults().withCreated(Instant.now())
                    .withMerge(MergeOptions.defaults().withSpoolDirectory(tmp)), sink);
        }
    }

    private Map<String, String> umoci(Path oci, String tag) throws Exception {
        Path bundle = tmp.resolve("umoci-" + tag);
        List<String> cmd = new ArrayList<>(List.of("umoci", "unpack"));
        if (!Tools.isRoot()) {
            cmd.add("--rootless");
        }
        cmd.addAll(List.of("--image", oci + ":" + tag, bundle.toString()));
        ExternalCommand.check(null, cmd.toArray(String[]::new));
        try {
            return TreeSnapshot.of(bundle.resolve("rootfs"));
        } finally {
            ExternalCommand.check(null, "rm", "-rf", bundle.toString());
        }
    }

    private Map<String, String> kilnUnpack(Path oci, String tag) throws Exception {
        Path root = Files.createDirectories(tmp.resolve("kiln-" + tag));
        Image image = TestImages.load(OciLayout.open(oci), tag);
        ExtractOptions options = Tools.isRoot() ? ExtractOptions.asRoot(ExtractOptions.WhiteoutMode.APPLY)
                : ExtractOptions.DEFAULT;
        for (Layer layer : image.layers()) {
            try (InputStream in = layer.openCompressed()) {
                SafeExtractor.extract(in, root, options);
            }
        }
        try {
            return TreeSnapshot.of(root);
        } finally {
            ExternalCommand.check(null, "rm", "-rf", root.toString());
        }
    }

}
