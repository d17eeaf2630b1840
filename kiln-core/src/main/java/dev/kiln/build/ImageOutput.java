package dev.kiln.build;

import dev.kiln.KilnException;
import dev.kiln.event.EventSink;
import dev.kiln.format.dockerarchive.DockerArchiveSink;
import dev.kiln.image.CopyOptions;
import dev.kiln.image.Image;
import dev.kiln.image.ImageCopier;
import dev.kiln.image.ImageSink;
import dev.kiln.image.ImageSource;
import dev.kiln.image.mutate.ImageDraft;
import dev.kiln.oci.Descriptor;
import dev.kiln.oci.Digest;
import dev.kiln.ref.ImageLocation;
import dev.kiln.ref.ImageReference;
import dev.kiln.squash.LayerRange;
import dev.kiln.squash.MergeOptions;
import dev.kiln.squash.SquashOptions;
import dev.kiln.squash.SquashResult;
import dev.kiln.squash.Squasher;
import dev.kiln.store.ImageLocator;
import dev.kiln.store.Store;
import dev.kiln.store.StoredImage;
import dev.kiln.tar.Compression;
import dev.kiln.tar.LayerWriteOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Optional;

/**
 * Writes the finished image: config and manifest into the store's blobs, then, squashed when asked
 * ({@code --squash} merges the layers above the base, {@code --squash-all} all of them), named in the
 * store or copied to the output location. The name is the last thing written.
 */
final class ImageOutput {

    record Written(Descriptor manifest, Digest config, String destination, int layers) {
    }

    private final ImageLocator locator;
    private final Store store;
    private final EventSink events;

    ImageOutput(ImageLocator locator, Store store, EventSink events) {
        this.locator = locator;
        this.store = store;
        this.events = events;
    }

    Written write(ImageDraft draft, BuildRequest request, ImageSink storeSink, int baseLayers,
            LayerWriteOptions writeOptions) throws IOException, KilnException {
        ImageDraft.Rendered rendered = draft.render();
        store.blobs().put(rendered.configBytes());
        store.blobs().put(rendered.manifestBytes());
        boolean toStore = request.output().isEmpty();
        ImageSink sink = toStore ? storeSink : openOutput(request);
        try {
            if (request.squash() != BuildRequest.Squash.NONE && squashable(draft, request, baseLayers)) {
                try (ImageSource source = store.source(new StoredImage(Optional.empty(), rendered.manifestDescriptor()))) {
                    Image image = Image.load(source, rendered.manifestDescriptor());
                    LayerRange range = request.squash() == BuildRequest.Squash.ALL ? new LayerRange.All()
                            : new LayerRange.From(Integer.toString(baseLayers));
                    MergeOptions merge = new MergeOptions(Compression.GZIP, writeOptions,
                            Runtime.getRuntime().availableProcessors(), store.ingestDir(), events);
                    SquashOptions options = SquashOptions.defaults().withMerge(merge)
                            .withMessage(request.squash() == BuildRequest.Squash.ALL ? "kiln build --squash-all"
                                    : "kiln build --squash")
                            .withCreated(draft.config().created());
                    SquashResult result = Squasher.squash(image, range, options, sink);
                    return new Written(result.manifest(), configOf(result.manifest()), sink.describe(),
                            result.layersAfter());
                }
            }
            Descriptor manifest = rendered.manifestDescriptor();
            if (toStore && alreadyNamed(request, manifest)) {
                // a rebuild that changed nothing: the names already point here, index.json stays as it is
                return new Written(manifest, rendered.configDescriptor().digest(), sink.describe(), draft.layers().size());
            }
            if (toStore) {
                sink.write(rendered.configDescriptor(), new ByteArrayInputStream(rendered.configBytes()));
                sink.writeManifest(manifest, rendered.manifestBytes());
                sink.commit(manifest);
            } else {
                try (ImageSource source = store.source(new StoredImage(Optional.empty(), manifest))) {
                    new ImageCopier(events).copy(source, sink, CopyOptions.DEFAULT);
                }
            }
            return new Written(manifest, rendered.configDescriptor().digest(), sink.describe(), draft.layers().size());
        } finally {
            if (!toStore) {
                sink.close();
            }
        }
    }

    private boolean alreadyNamed(BuildRequest request, Descriptor manifest) throws IOException, KilnException {
        if (request.tags().isEmpty()) {
            return false;
        }
        for (ImageReference tag : request.tags()) {
            Optional<StoredImage> found = store.find(tag);
            if (found.isEmpty() || !found.get().root().digest().equals(manifest.digest())) {
                return false;
            }
        }
        return true;
    }

    private boolean squashable(ImageDraft draft, BuildRequest request, int baseLayers) {
        int total = draft.layers().size();
        int first = request.squash() == BuildRequest.Squash.ALL ? 0 : baseLayers;
        if (total - first < 1) {
            events.warn("nothing to squash: the build added no layer");
            return false;
        }
        return true;
    }

    private Digest configOf(Descriptor manifest) throws IOException, KilnException {
        byte[] bytes = store.blobs().read(manifest, 4 * 1024 * 1024);
        return dev.kiln.oci.Manifest.parse(bytes, manifest.digest().toString()).config().digest();
    }

    private ImageSink openOutput(BuildRequest request) throws IOException, KilnException {
        ImageLocation location = ImageLocation.parse(request.output().get());
        if (location instanceof ImageLocation.Named named) {
            // the store is -t's business: a bare name given to --output is a registry to push to
            location = new ImageLocation.Registry(named.reference());
        }
        ImageReference name = request.tags().isEmpty() ? null : request.tags().get(0);
        return locator.sink(location, name, DockerArchiveSink.Form.OCI);
    }

}
