package dev.kiln.squash;

import dev.kiln.KilnException;
import dev.kiln.blob.Blob;
import dev.kiln.image.Image;
import dev.kiln.image.ImageSink;
import dev.kiln.image.Layer;
import dev.kiln.image.mutate.ImageDraft;
import dev.kiln.oci.Descriptor;
import dev.kiln.oci.Digest;
import dev.kiln.oci.History;
import dev.kiln.oci.MediaType;
import dev.kiln.tar.LayerDigests;
import dev.kiln.format.layout.LayoutSink;
import dev.kiln.format.layout.OciLayout;
import dev.kiln.image.CopyOptions;
import dev.kiln.image.CopyResult;
import dev.kiln.image.ImageCopier;
import dev.kiln.image.ImageSource;
import dev.kiln.image.SinkTraits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.ArrayList;
import java.util.List;

/**
 * Squashes an image: the layers of a range become one (see {@link LayerMerger}), the layers below it
 * are copied byte for byte (same blobs, so the base stays shared), and the config's {@code diff_ids}
 * and history are rewritten: the merged layers' history entries stay as {@code empty_layer} records,
 * followed by one entry for the merged layer with the message. The result is committed to the sink
 * only when everything is written, so a failure leaves no image behind.
 *
 * <p>{@code kiln squash} and {@code kiln build --squash} both call {@link #squash}.
 */
public final class Squasher {

    private Squasher() {
    }

    public static SquashResult squash(Image image, LayerRange range, SquashOptions options, ImageSink sink)
            throws IOException, KilnException {
        SinkTraits traits = sink.traits();
        if (traits.layerEncoding().isPresent() || traits.schema().isPresent()) {
            return squashConverted(image, range, options, sink);
        }
        return squashInto(image, range, options, sink);
    }

    /**
     * For sinks with their own rules (a docker archive wants uncompressed layers): squash into a temp
     * OCI layout, then let the copier convert on the way into the sink.
     */
    private static SquashResult squashConverted(Image image, LayerRange range, SquashOptions options, ImageSink sink)
            throws IOException, KilnException {
        Files.createDirectories(options.merge().spoolDirectory());
        Path temp = Files.createTempDirectory(options.merge().spoolDirectory(), ".kiln-squash-");
        try {
            OciLayout layout = OciLayout.create(temp);
            SquashResult result;
            try (LayoutSink staged = layout.sink(List.of("squashed"), sink.describe())) {
                result = squashInto(image, range, options, staged);
            }
            try (ImageSource source = layout.source("squashed", sink.describe())) {
                CopyResult copied = new ImageCopier(options.merge().events()).copy(source, sink, CopyOptions.DEFAULT);
                // Stored as the sink wants them: uncompressed layers weigh their uncompressed size.
                SquashResult.Sizes stored = traits(sink).layerEncoding().orElse(null) == MediaType.Encoding.NONE
                        ? new SquashResult.Sizes(result.compressed().before(), result.uncompressed().after())
                        : result.compressed();
                return new SquashResult(copied.root(), result.mergedLayer(), result.mergedDiffId(), result.span(),
                        stored, result.uncompressed(), result.stats());
            }
        } finally {
            try (Stream<Path> walk = Files.walk(temp)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static SinkTraits traits(ImageSink sink) {
        return sink.traits();
    }

    private static SquashResult squashInto(Image image, LayerRange range, SquashOptions options, ImageSink sink)
            throws IOException, KilnException {
        List<Layer> layers = image.layers();
        LayerRange.Span span = range.resolve(layers.stream().map(Layer::diffId).toList(),
                layers.stream().map(l -> l.descriptor().digest()).toList());
        for (Layer layer : layers) {
            if (MediaType.isNonDistributable(layer.descriptor().mediaType())) {
                throw SquashException.badInput(image.source().describe() + ": layer " + layer.index() + " ("
                        + layer.descriptor().digest().shortHex() + ") is non-distributable; kiln does not squash such images");
            }
        }
        List<LayerInput> lower = inputs(layers.subList(0, span.from()));
        List<LayerInput> merged = inputs(layers.subList(span.from(), span.to()));

        // Lower layers first: the same blobs, copied only when the sink lacks them.
        for (Layer layer : layers.subList(0, span.from())) {
            if (!sink.has(layer.descriptor())) {
                sink.write(layer.descriptor(), layer::openCompressed);
            }
        }
        MergeResult[] result = new MergeResult[1];
        String mediaType = MediaType.layer(image.manifest().schema(),
                MediaType.Encoding.valueOf(options.merge().compression().name()));
        Descriptor mergedLayer = sink.write(Blob.streaming(mediaType,
                out -> result[0] = LayerMerger.merge(lower, merged, out, options.merge())));
        MergeResult r = result[0];
        Digest diffId = r.merged().diffId();

        History history = new History(options.created(), "kiln squash", null, options.message(), false);
        ImageDraft draft = ImageDraft.of(image)
                .replaceLayers(span.from(), span.to(), List.of(mergedLayer), List.of(diffId), List.of(history))
                .withCreated(options.created());
        ImageDraft.Rendered rendered = draft.render();
        if (!sink.has(rendered.configDescriptor())) {
            sink.write(rendered.configDescriptor(), new java.io.ByteArrayInputStream(rendered.configBytes()));
        }
        sink.writeManifest(rendered.manifestDescriptor(), rendered.manifestBytes());
        sink.commit(rendered.manifestDescriptor());

        long compressedBefore = 0;
        for (Layer layer : layers) {
            compressedBefore += layer.size();
        }
        long lowerCompressed = 0;
        for (Layer layer : layers.subList(0, span.from())) {
            lowerCompressed += layer.size();
        }
        long lowerUncompressed = sum(r.lower());
        long rangeUncompressed = sum(r.range());
        return new SquashResult(rendered.manifestDescriptor(), mergedLayer, diffId, span,
                new SquashResult.Sizes(compressedBefore, lowerCompressed + mergedLayer.size()),
                new SquashResult.Sizes(lowerUncompressed + rangeUncompressed,
                        lowerUncompressed + r.merged().uncompressedSize()),
                r.stats());
    }

    private static long sum(List<LayerDigests> digests) {
        long total = 0;
        for (LayerDigests d : digests) {
            total += d.uncompressedSize();
        }
        return total;
    }

    private static List<LayerInput> inputs(List<Layer> layers) {
        List<LayerInput> inputs = new ArrayList<>();
        for (Layer layer : layers) {
            inputs.add(new LayerInput("layer " + layer.index() + " (" + layer.descriptor().digest().shortHex() + ")",
                    layer.descriptor().digest(), layer.diffId(), layer::openCompressed));
        }
        return inputs;
    }
}
