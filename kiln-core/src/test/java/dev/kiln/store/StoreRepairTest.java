package dev.kiln.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.KilnException;
import dev.kiln.event.EventSink;
import dev.kiln.format.layout.LayoutSource;
import dev.kiln.format.layout.OciLayout;
import dev.kiln.image.CopyOptions;
import dev.kiln.image.ImageCopier;
import dev.kiln.image.ImageNotFoundException;
import dev.kiln.image.ImageSink;
import dev.kiln.image.ImageSource;
import dev.kiln.oci.Descriptor;
import dev.kiln.oci.Digest;
import dev.kiln.ref.ImageReference;
import dev.kiln.tar.Compression;
import dev.kiln.tar.LayerDigests;
import dev.kiln.testing.TestImages;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A damaged store can be repaired, gc clears what killed processes left, and leases keep gc off live work. */
class StoreRepairTest {

    @TempDir
    Path dir;
    private Path home;
    private Store store;
    private OciLayout scratch;

    @BeforeEach
    void setUp() throws Exception {
        home = dir.resolve("home");
        store = Store.open(home);
        scratch = OciLayout.create(dir.resolve("scratch"));
    }

    private TestImages.Written add(long seed, String name) throws Exception {
        TestImages.Written written = TestImages.write(scratch.blobs(), 2, Compression.GZIP, seed);
        copy(written.manifest(), name);
        return written;
    }

    private void copy(Descriptor root, String name) throws Exception {
        try (ImageSource source = new LayoutSource(scratch.blobs(), root, "scratch");
             ImageSink sink = store.sink(List.of(ImageReference.parse(name)))) {
            new ImageCopier(EventSink.NONE).copy(source, sink, CopyOptions.DEFAULT);
        }
    }

    private static void flipByte(Path file, long at) throws Exception {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(at);
            int b = raf.read();
            raf.seek(at);
            raf.write(b ^ 0xff);
        }
    }

    @Test
    void aTruncatedBlobCountsAsAbsentAndTheNextCopyRepairsIt() throws Exception {
        TestImages.Written written = add(1, "a:1");
        LayerDigests layer = written.layers().get(0);
        Path blob = store.blobs().path(layer.digest());
        try (RandomAccessFile raf = new RandomAccessFile(blob.toFile(), "rw")) {
            raf.setLength(layer.size() / 2);
        }
        Descriptor descriptor = new Descriptor("application/vnd.oci.image.layer.v1.tar+gzip", layer.digest(), layer.size());
        assertThat(store.blobs().has(descriptor)).isFalse();
        try (ImageSink sink = store.sink(List.of())) {
            assertThat(sink.has(descriptor)).isFalse();
        }

        copy(written.manifest(), "a:1");

        assertThat(Files.size(blob)).isEqualTo(layer.size());
        assertThat(store.blobs().check(layer.digest())).isEmpty();
        assertThat(store.blobs().has(descriptor)).isTrue();
    }

    @Test
    void aVerifiedWriteReplacesACorruptCopyOfTheSameSize() throws Exception {
        byte[] content = "the same bytes, stored twice".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Digest digest = store.blobs().put(content).digest();
        flipByte(store.blobs().path(digest), 3);
        assertThat(store.blobs().check(digest)).isPresent();

        store.blobs().put(new java.io.ByteArrayInputStream(content), digest, content.length);

        assertThat(store.blobs().check(digest)).isEmpty();
        assertThat(Files.readAllBytes(store.blobs().path(digest))).isEqualTo(content);
    }

    @Test
    void gcVerifyDeletesDamagedBlobsAndNamesTheImagesThatNeedThem() throws Exception {
        TestImages.Written written = add(2, "a:1");
        add(3, "b:1");
        Digest bad = written.layers().get(1).digest();
        flipByte(store.blobs().path(bad), 40);

        assertThat(store.gc(false).damaged()).isEmpty();
        assertThat(store.blobs().has(bad)).isTrue();

        GcResult result = store.gc(true);

        assertThat(result.damaged()).singleElement().satisfies(d -> {
            assertThat(d.digest()).isEqualTo(bad);
            assertThat(d.problem()).contains("hash to sha256:");
            assertThat(d.images()).containsExactly("docker.io/library/a:1");
        });
        assertThat(store.blobs().has(bad)).isFalse();
        for (Digest kept : store.blobs().list()) {
            assertThat(store.blobs().check(kept)).as(kept.toString()).isEmpty();
        }
        assertThat(store.blobs().list()).hasSize(7); // b: 4 blobs, a: manifest, config, one layer

        copy(written.manifest(), "a:1");
        assertThat(store.gc(true).damaged()).isEmpty();
    }

    @Test
    void gcVerifyDeletesADamagedConfigAndSweepsNothingItCannotAccountFor() throws Exception {
        TestImages.Written written = add(7, "a:1");
        add(8, "b:1");
        store.remove(store.resolve("b:1"));
        Digest config = dev.kiln.oci.Manifest.parse(store.blobs().read(written.manifest(), 1 << 20), "m").config().digest();
        flipByte(store.blobs().path(config), 5);
        int before = store.blobs().list().size();

        GcResult result = store.gc(true);

        assertThat(result.damaged()).singleElement().satisfies(d -> {
            assertThat(d.digest()).isEqualTo(config);
            assertThat(d.images()).containsExactly("docker.io/library/a:1");
        });
        assertThat(result.blobs()).isZero();
        assertThat(store.blobs().list()).hasSize(before - 1).doesNotContain(config);
    }

    @Test
    void gcDeletesTheDebrisOfKilledBuildsRunsAndUnpacksButKeepsLiveChains() throws Exception {
        TestImages.Written written = add(4, "a:1");
        Path build = Files.createDirectories(home.resolve("ingest/build-123-abc/run/rootfs/etc"));
        Files.write(build.resolve("passwd"), new byte[1000]);
        Files.createDirectories(home.resolve("ingest/run-99-def/upper"));
        Files.write(home.resolve("ingest/0b7e.partial"), new byte[10]);
        String hex = written.layers().get(0).diffId().encoded();
        Path extract = Files.createDirectories(home.resolve("layers/sha256/." + hex + ".kiln-extract-1234/usr"));
        Files.write(extract.resolve("file"), new byte[500]);
        Digest chain = Digest.chainId(Digest.chainId(null, written.layers().get(0).diffId()), written.layers().get(1).diffId());
        Path liveChain = Files.createDirectories(store.chainCacheDir(chain).resolve("etc"));
        Path liveLayer = Files.createDirectories(store.layerCacheDir(written.layers().get(0).diffId()).resolve("etc"));

        GcResult result = store.gc();

        assertThat(result.temps()).isEqualTo(4);
        assertThat(result.tempBytes()).isEqualTo(1510);
        try (var left = Files.list(home.resolve("ingest"))) {
            assertThat(left).isEmpty();
        }
        assertThat(extract.getParent()).doesNotExist();
        assertThat(liveChain).isDirectory();
        assertThat(liveLayer).isDirectory();
        assertThat(store.blobs().list()).hasSize(4);
    }

    @Test
    void gcWaitsForALeaseAndLeavesItsHoldersWorkspaceUntilItEnds() throws Exception {
        Path workspace;
        CompletableFuture<GcResult> gc;
        try (Store.Lease lease = store.lease()) {
            workspace = Files.createDirectories(home.resolve("ingest/run-1-abc/upper"));
            assertThat(store.busy()).isTrue();
            gc = CompletableFuture.supplyAsync(() -> {
                try {
                    return store.gc();
                } catch (Exception e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            Thread.sleep(300);
            assertThat(gc).isNotDone();
            assertThat(workspace).isDirectory();
        }
        assertThat(gc.get(30, TimeUnit.SECONDS).temps()).isEqualTo(1);
        assertThat(workspace.getParent()).doesNotExist();
        assertThat(store.busy()).isFalse();
    }

    @Test
    void tagAndRemoveWaitForARunningGc() throws Exception {
        TestImages.Written written = add(5, "a:1");
        StoredImage a = store.resolve("a:1");
        CompletableFuture<Void> tag;
        CompletableFuture<List<StoredImage>> remove;
        try (StoreLocks.Held gc = StoreLocks.forFile(home.resolve("lock")).excludeCollector()) {
            tag = CompletableFuture.runAsync(() -> {
                try {
                    store.tag(written.manifest(), ImageReference.parse("b:1"));
                } catch (Exception e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            remove = CompletableFuture.supplyAsync(() -> {
                try {
                    return store.remove(a);
                } catch (Exception e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            Thread.sleep(300);
            assertThat(tag).isNotDone();
            assertThat(remove).isNotDone();
            assertThat(store.images()).hasSize(1);
        }
        tag.get(30, TimeUnit.SECONDS);
        assertThat(remove.get(30, TimeUnit.SECONDS)).hasSize(1);
        assertThat(store.images()).singleElement()
                .satisfies(i -> assertThat(i.display()).isEqualTo("b:1"));
    }

    @Test
    void tagRefusesARootWhoseBlobsGcDeleted() throws Exception {
        TestImages.Written written = add(6, "a:1");
        store.remove(store.resolve("a:1"));
        store.gc();
        assertThatThrownBy(() -> store.tag(written.manifest(), ImageReference.parse("b:1")))
                .isInstanceOf(ImageNotFoundException.class);
        assertThat(store.images()).isEmpty();
    }

    @Test
    void openExistingRefusesAMissingOrForeignDirectoryAndCreatesNothing() throws Exception {
        Path typo = dir.resolve("typo-store");
        assertThatThrownBy(() -> Store.openExisting(typo))
                .isInstanceOf(StoreNotFoundException.class)
                .hasMessageContaining(typo.toString())
                .satisfies(e -> assertThat(((KilnException) e).kind()).isEqualTo(KilnException.Kind.BAD_INPUT));
        assertThat(typo).doesNotExist();

        Path foreign = Files.createDirectories(dir.resolve("photos"));
        Files.writeString(foreign.resolve("cat.jpg"), "meow");
        assertThatThrownBy(() -> Store.openExisting(foreign)).isInstanceOf(StoreNotFoundException.class);
        try (var list = Files.list(foreign)) {
            assertThat(list).hasSize(1);
        }

        assertThat(Store.openExisting(home).home()).isEqualTo(home);
        assertThat(Store.openExisting(Files.createDirectories(dir.resolve("empty"))).images()).isEmpty();
    }
}
