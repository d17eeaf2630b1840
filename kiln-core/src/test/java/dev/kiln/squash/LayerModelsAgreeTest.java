package dev.kiln.squash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.analysis.ImageAnalysis;
import dev.kiln.analysis.LayerRecords;
import dev.kiln.analysis.PathTrie;
import dev.kiln.analysis.StackedImage;
import dev.kiln.oci.Digest;
import dev.kiln.tar.Compression;
import dev.kiln.tar.EntryType;
import dev.kiln.tar.ExtractOptions;
import dev.kiln.tar.OverlayStack;
import dev.kiln.tar.SafeExtractor;
import dev.kiln.testing.OverlayMount;
import dev.kiln.testing.Tools;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property: kiln has four readings of a layer stack, and for random stacks (whiteouts and opaque
 * markers anywhere in their tar, directories deleted and made again, implied parents, hardlinks within
 * and across layers) all four give the tree of {@link TreeModel}, the plain statement of the OCI
 * changeset rules: (a) SafeExtractor APPLY of every layer onto one directory; (b) every layer unpacked
 * in OVERLAY mode into its own directory and the stack mounted by the kernel's overlayfs, as
 * {@code kiln run} and RUN steps see it; (c) the analysis' final tree; (d) the stack squashed from a
 * random layer, then applied. Each seed is one case; a failure names it.
 */
class LayerModelsAgreeTest {

    @TempDir
    Path tmp;

    static List<Long> seeds() {
        List<Long> seeds = new ArrayList<>();
        for (long s = 1; s <= 150; s++) {
            seeds.add(s);
        }
        seeds.add(845L); // a link through an intermediate link to a lower file, whose name the range replaced
        return seeds;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void applyOverlayAnalysisAndSquashGiveTheSameTree(long seed) throws Exception {
        Tools.requireRoot("owners, devices, trusted xattrs and the overlay mount need root");
        Random rnd = new Random(seed * 31);
        int count = 2 + rnd.nextInt(5);
        List<List<TreeModel.Item>> layers = new RandomLayers(seed).generate(count);
        TreeModel model = new TreeModel();
        List<Layers.Written> written = new ArrayList<>();
        for (List<TreeModel.Item> layer : layers) {
            model.applyLayer(layer);
            written.add(Layers.write(layer, Compression.GZIP));
        }
        Map<String, String> expected = model.describe();
        String context = "seed " + seed + ", layers " + layersText(layers);

        Path applied = Files.createDirectory(tmp.resolve("apply"));
        for (Layers.Written w : written) {
            SafeExtractor.extract(new ByteArrayInputStream(w.blob()), applied, ExtractOptions.asRoot(ExtractOptions.WhiteoutMode.APPLY));
        }
        assertThat(describe(applied)).as("APPLY, " + context).isEqualTo(expected);

        List<Path> lowers = new ArrayList<>();
        for (int i = 0; i < written.size(); i++) {
            Path dir = Files.createDirectory(tmp.resolve("layer" + i));
            SafeExtractor.extract(new ByteArrayInputStream(written.get(i).blob()), dir,
                    ExtractOptions.asRoot(ExtractOptions.WhiteoutMode.OVERLAY), OverlayStack.of(lowers));
            lowers.add(0, dir);
        }
        try (OverlayMount mount = OverlayMount.of(lowers, tmp.resolve("merged"))) {
            Map<String, String> overlay;
            try {
                overlay = describe(mount.root());
            } catch (java.io.UncheckedIOException e) {
                throw new AssertionError("OVERLAY lowers mounted, " + context + ": " + e.getMessage(), e);
            }
            assertThat(overlay).as("OVERLAY lowers mounted, " + context).isEqualTo(expected);
        }

        Map<String, String> analysis = analysis(layers);
        assertThat(analysis).as("analysis, " + context).isEqualTo(reducedForAnalysis(expected, analysis));

        int from = rnd.nextInt(count);
        Layers.Merged merged = Layers.merge(written, from, Compression.GZIP, Files.createDirectory(tmp.resolve("spool")));
        Path squashed = Files.createDirectory(tmp.resolve("squashed"));
        for (int i = 0; i < from; i++) {
            SafeExtractor.extract(new ByteArrayInputStream(written.get(i).blob()), squashed,
                    ExtractOptions.asRoot(ExtractOptions.WhiteoutMode.APPLY));
        }
        try {
            SafeExtractor.extract(new ByteArrayInputStream(merged.blob()), squashed, ExtractOptions.asRoot(ExtractOptions.WhiteoutMode.APPLY));
        } catch (Exception e) {
            StringBuilder m = new StringBuilder();
            for (TreeModel.Item i : TreeModel.read(merged.blob())) {
                m.append(' ').append(i.entry().path()).append(i.entry().type().lsChar()).append(i.entry().linkTarget());
            }
            throw new AssertionError("squashed from " + from + ", " + context + "\nmerged:" + m, e);
        }
        if (merged.result().stats().lowerFilesCopied() == 0) {
            assertThat(describe(squashed)).as("squashed from " + from + ", " + context).isEqualTo(expected);
        } else {
            // a link to a lower file the range changed carries a copy (see RandomSquashTest)
            assertThat(withoutLinks(describe(squashed))).as("squashed from " + from + ", " + context)
                    .isEqualTo(withoutLinks(expected));
        }
    }

    /** A directory tree in {@link TreeModel#describe()}'s words. */
    private static Map<String, String> describe(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        Map<Object, String> firstName = new HashMap<>();
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(root)) {
            paths = walk.filter(p -> !p.equals(root)).toList();
        }
        Map<String, Path> sorted = new TreeMap<>();
        for (Path p : paths) {
            sorted.put(root.relativize(p).toString(), p);
        }
        for (Map.Entry<String, Path> e : sorted.entrySet()) {
            Path p = e.getValue();
            Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid,gid,ino,dev", LinkOption.NOFOLLOW_LINKS);
            int mode = (Integer) a.get("mode");
            char type = Files.isSymbolicLink(p) ? 'l' : Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? 'd'
                    : Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) ? '-' : '?';
            StringBuilder b = new StringBuilder();
            b.append(type).append(Integer.toOctalString(mode & 07777)).append(' ').append(a.get("uid")).append(':')
                    .append(a.get("gid"));
            if (type != 'l') {
                xattrs(p).forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
            }
            if (type == '-') {
                byte[] content = Files.readAllBytes(p);
                b.append(" size=").append(content.length).append(' ').append(Digest.sha256(content).encoded(), 0, 12);
                String first = firstName.putIfAbsent(a.get("dev") + ":" + a.get("ino"), e.getKey());
                if (first != null) {
                    b.append(" linked-to ").append(first);
                }
            }
            if (type == 'l') {
                b.append(" -> ").append(Files.readSymbolicLink(p));
            }
            out.put(e.getKey(), b.toString());
        }
        return out;
    }

    private static Map<String, String> xattrs(Path p) throws IOException {
        Map<String, String> out = new TreeMap<>();
        UserDefinedFileAttributeView view = Files.getFileAttributeView(p, UserDefinedFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        for (String name : view.list()) {
            if (name.startsWith("overlay.")) {
                continue; // overlay's own markers, not the image's
            }
            ByteBuffer value = ByteBuffer.allocate(view.size(name));
            view.read(name, value);
            out.put("user." + name, new String(value.array(), 0, value.position(), StandardCharsets.UTF_8));
        }
        return out;
    }

    /** The analysis' final tree: type, mode and owner of every path, size and target where it has them. */
    private static Map<String, String> analysis(List<List<TreeModel.Item>> layers) throws Exception {
        StackedImage.Builder image = StackedImage.builder();
        for (List<TreeModel.Item> layer : layers) {
            image.layer("RUN step", layer.stream().map(i -> StackedImage.entry(i.entry(), i.content()))
                    .toArray(StackedImage.Item[]::new));
        }
        ImageAnalysis a = image.analyze();
        Map<String, String> out = new TreeMap<>();
        PathTrie trie = a.trie();
        for (int node = 1; node < trie.size(); node++) {
            if (!a.exists(node)) {
                continue;
            }
            int record = a.finalRecord(node);
            if (record < 0) {
                out.put(trie.path(node), "d755 0:0");
                continue;
            }
            LayerRecords r = a.records(a.finalLayer(node));
            if (r.type(record) == EntryType.HARDLINK) {
                out.put(trie.path(node), "hardlink");
                continue;
            }
            StringBuilder b = new StringBuilder().append(r.type(record).lsChar()).append(Integer.toOctalString(r.mode(record)))
                    .append(' ').append(r.uid(record)).append(':').append(r.gid(record));
            if (r.type(record) == EntryType.FILE) {
                b.append(" size=").append(r.size(record));
            }
            if (r.type(record) == EntryType.SYMLINK) {
                b.append(" -> ").append(r.symlinkTarget(record));
            }
            out.put(trie.path(node), b.toString());
        }
        return out;
    }

    /** The model's tree in the analysis' words (it keeps no xattrs or hashes, and names hardlinks as such). */
    private static Map<String, String> reducedForAnalysis(Map<String, String> model, Map<String, String> analysis) {
        Map<String, String> out = new TreeMap<>();
        model.forEach((path, line) -> {
            String reduced = line.replaceAll(" user\\.\\S+", "").replaceAll(" linked-to .*", "")
                    .replaceAll("(size=\\d+) \\S+", "$1");
            out.put(path, "hardlink".equals(analysis.get(path)) && line.startsWith("-") ? "hardlink" : reduced);
        });
        return out;
    }

    private static String layersText(List<List<TreeModel.Item>> layers) {
        StringBuilder b = new StringBuilder();
        for (List<TreeModel.Item> layer : layers) {
            b.append("\n  [");
            for (TreeModel.Item item : layer) {
                var e = item.entry();
                b.append(' ').append(e.path()).append(e.type() == EntryType.DIRECTORY ? "/" : "")
                        .append(e.isWhiteout() ? "" : "(" + e.type().lsChar() + Integer.toOctalString(e.mode()) + " " + e.uid()
                                + (e.linkTarget().isEmpty() ? "" : " -> " + e.linkTarget()) + ")");
            }
            b.append(" ]");
        }
        return b.toString();
    }

    private static Map<String, String> withoutLinks(Map<String, String> tree) {
        Map<String, String> out = new TreeMap<>();
        tree.forEach((k, v) -> out.put(k, v.replaceAll(" linked-to .*", "")));
        return out;
    }
}
