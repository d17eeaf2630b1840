package dev.kiln.image;

import dev.kiln.Futures;
import dev.kiln.KilnException;
import dev.kiln.blob.Blob;
import dev.kiln.blob.BlobNotFoundException;
import dev.kiln.blob.NonClosingOutputStream;
import dev.kiln.event.EventSink;
import dev.kiln.event.ProgressEvent;
import dev.kiln.oci.Descriptor;
import dev.kiln.oci.ImageIndex;
import dev.kiln.oci.Manifest;
import dev.kiln.oci.MediaType;
import dev.kiln.oci.Platform;
import dev.kiln.oci.Schema;
import dev.kiln.tar.Compression;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Copies an image (or a whole index) from any source to any sink: layers and configs in parallel on a
 * bounded pool, blobs the sink already has skipped, child manifests after their blobs, the root last,
 * then {@link ImageSink#commit}. Manifests are copied byte for byte unless something had to change
 * (another schema's media types, re-encoded layers, a platform picked out of an index); then kiln
 * writes new canonical ones and the result's root says so.
 */
public final class ImageCopier {

    private final EventSink events;

    public ImageCopier(EventSink events) {
        this.events = events;
    }

    /** Copies the source's root into the sink and commits it. */
    public CopyResult copy(ImageSource source, ImageSink sink, CopyOptions options) throws IOException, KilnException {
        SinkTraits traits = sink.traits();
        int threads = traits.parallelWrites() ? options.parallelism() : 1;
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "kiln-copy");
            t.setDaemon(true);
            return t;
        });
        try {
            Run run = new Run(source, sink, pool, options.schema().or(traits::schema),
                    traits.layerEncoding().map(e -> Compression.valueOf(e.name())).or(options::compression));
            Descriptor root = source.root();
            Descriptor written;
            if (Images.isIndex(source, root)) {
                if (options.platform().isPresent() || options.onePlatform() || !traits.indexes()) {
                    Image image = Images.resolve(source, root, options.platform());
                    written = run.manifest(image.descriptor());
                } else {
                    written = run.index(root);
                }
            } else {
                if (options.platform().isPresent()) {
                    Images.requirePlatform(source, Image.load(source, root), options.platform().get());
                }
                written = run.manifest(root);
            }
            sink.commit(written);
            return new CopyResult(written, run.copied.get(), run.skipped.get(), run.bytes.get());
        } finally {
            pool.shutdownNow();
        }
    }

    /** One copy's state: the pool, the conversions asked for, and counters. */
    private final class Run {
        private final ImageSource source;
        private final ImageSink sink;
        private final ExecutorService pool;
        private final Optional<Schema> schema;
        private final Optional<Compression> encoding;
        private final AtomicInteger copied = new AtomicInteger();
        private final AtomicInteger skipped = new AtomicInteger();
        private final AtomicLong bytes = new AtomicLong();

        Run(ImageSource source, ImageSink sink, ExecutorService pool, Optional<Schema> schema,
                Optional<Compression> encoding) {
            this.source = source;
            this.sink = sink;
            this.pool = pool;
            this.schema = schema;
            this.encoding = encoding;
        }

        Descriptor index(Descriptor root) throws IOException, KilnException {
            Index index = Index.load(source, root);
            ImageIndex document = index.index();
            List<Descriptor> children = new ArrayList<>();
            boolean changed = false;
            for (Descriptor child : document.manifests()) {
                Descriptor written;
                if (MediaType.isIndex(child.mediaType())) {
                    written = index(child);
                } else {
                    written = manifest(child);
                }
                Descriptor entry = new Descriptor(written.mediaType(), written.digest(), written.size(), child.urls(),
                        child.annotations(), child.platform(), child.artifactType(), null);
                changed |= !entry.equals(child);
                children.add(entry);
            }
            Schema target = schema.orElse(document.schema());
            if (!changed && target == document.schema()) {
                sink.writeManifest(root, index.bytes());
                return root;
            }
            ImageIndex rewritten = new ImageIndex(2, target.indexType(),
                    target == Schema.OCI ? document.artifactType() : null, children,
                    target == Schema.OCI ? document.subject() : null,
                    target == Schema.OCI ? document.annotations() : null);
            byte[] bytes = rewritten.toJson();
            Descriptor descriptor = Descriptor.of(target.indexType(), bytes);
            sink.writeManifest(descriptor, bytes);
            return descriptor;
        }

        Descriptor manifest(Descriptor descriptor) throws IOException, KilnException {
            byte[] original = source.read(descriptor, ImageSource.MAX_MANIFEST_BYTES);
            Manifest manifest = Manifest.parse(original, source.describe() + ": manifest " + descriptor.digest());
            if (!manifest.isImage()) {
                return artifact(descriptor, original, manifest);
            }
            Image image = Image.load(source, descriptor);
            Schema target = schema.orElse(manifest.schema());
            List<Future<Descriptor>> layerJobs = new ArrayList<>();
            for (Layer layer : image.layers()) {
                layerJobs.add(pool.submit(() -> layer(layer, target)));
            }
            Descriptor config = image.configDescriptor().withMediaType(
                    MediaType.convert(image.configDescriptor().mediaType(), target));
            Future<Descriptor> configJob = pool.submit(() -> {
                blob(config, () -> new ByteArrayInputStream(image.configBytes()));
                return config;
            });
            List<Descriptor> layers = new ArrayList<>();
            for (Future<Descriptor> job : layerJobs) {
                layers.add(Futures.await(job, "copying"));
            }
            Futures.await(configJob, "copying");
            boolean changed = target != manifest.schema() || !layers.equals(manifest.layers());
            if (!changed) {
                Descriptor same = descriptor.mediaType().equals(manifest.effectiveMediaType())
                        ? descriptor.bare() : descriptor.bare().withMediaType(manifest.effectiveMediaType());
                sink.writeManifest(same, original);
                return same;
            }
            Manifest rewritten = manifest.convertTo(target).withConfig(config).withLayers(layers);
            byte[] bytes = rewritten.toJson();
            Descriptor written = Descriptor.of(target.manifestType(), bytes);
            sink.writeManifest(written, bytes);
            return written;
        }

        /** Artifacts (signatures, attestations) are copied as they are, blob for blob. */
        private Descriptor artifact(Descriptor descriptor, byte[] original, Manifest manifest)
                throws IOException, KilnException {
            List<Future<Descriptor>> jobs = new ArrayList<>();
            for (Descriptor blob : concat(manifest.config(), manifest.layers())) {
                Optional<byte[]> data = blob.embeddedData();
                jobs.add(pool.submit(() -> {
                    blob(blob.bare(), () -> data.isPresent() ? new ByteArrayInputStream(data.get()) : source.open(blob));
                    return blob;
                }));
            }
            for (Future<Descriptor> job : jobs) {
                Futures.await(job, "copying");
            }
            Descriptor bare = descriptor.bare();
            sink.writeManifest(bare, original);
            return bare;
        }

        private Descriptor layer(Layer layer, Schema target) throws IOException, KilnException {
            Descriptor descriptor = layer.descriptor();
            Compression current = layer.compression();
            Compression wanted = encoding.orElse(current);
            if (wanted == current) {
                Descriptor converted = descriptor.withMediaType(MediaType.convert(descriptor.mediaType(), target));
                if (MediaType.isNonDistributable(descriptor.mediaType()) && !descriptor.urls().isEmpty()) {
                    try {
                        blob(converted, () -> source.open(descriptor));
                    } catch (BlobNotFoundException e) {
                        // Foreign layers live at their URLs; the manifest keeps pointing there.
                        events.debug("foreign layer " + descriptor.digest() + " not copied: " + e.getMessage());
                    }
                } else {
                    blob(converted, () -> source.open(descriptor));
                }
                return converted;
            }
            String id = descriptor.digest().shortHex();
            events.accept(new ProgressEvent(id, "convert " + current + " -> " + wanted, 0, descriptor.size(),
                    ProgressEvent.State.STARTED));
            Descriptor written = sink.write(Blob.streaming(MediaType.layer(target, MediaType.Encoding.valueOf(wanted.name())),
                    out -> {
                        try (OutputStream encoder = wanted.compress(new NonClosingOutputStream(out),
                                Compression.DEFAULT_LEVEL)) {
                            layer.readUncompressed(in -> in.transferTo(encoder));
                        }
                    }));
            copied.incrementAndGet();
            bytes.addAndGet(written.size());
            events.accept(new ProgressEvent(id, "convert " + current + " -> " + wanted, written.size(),
                    written.size(), ProgressEvent.State.DONE));
            return written.withAnnotations(descriptor.annotations());
        }

        private void blob(Descriptor descriptor, Opener opener) throws IOException, KilnException {
            String id = descriptor.digest().shortHex();
            if (sink.has(descriptor)) {
                skipped.incrementAndGet();
                events.accept(new ProgressEvent(id, "copy", descriptor.size(), descriptor.size(),
                        ProgressEvent.State.CACHED));
                return;
            }
            events.accept(new ProgressEvent(id, "copy", 0, descriptor.size(), ProgressEvent.State.STARTED));
            sink.write(descriptor, opener::open);
            copied.incrementAndGet();
            bytes.addAndGet(descriptor.size());
            events.accept(new ProgressEvent(id, "copy", descriptor.size(), descriptor.size(), ProgressEvent.State.DONE));
        }
    }

    @FunctionalInterface
    private interface Opener {
        InputStream open() throws IOException, KilnException;
    }

    private static List<Descriptor> concat(Descriptor first, List<Descriptor> rest) {
        List<Descriptor> all = new ArrayList<>(rest.size() + 1);
        all.add(first);
        all.addAll(rest);
        return all;
    }
}
