package dev.kiln.cli;

import dev.kiln.KilnException;
import dev.kiln.analysis.BaseCandidate;
import dev.kiln.analysis.ImageInput;
import dev.kiln.analysis.ImageInputs;
import dev.kiln.analysis.findings.FindingContext;
import dev.kiln.event.EventSink;
import dev.kiln.format.dockerarchive.DockerArchiveReader;
import dev.kiln.format.layout.OciLayout;
import dev.kiln.image.Image;
import dev.kiln.image.ImageSource;
import dev.kiln.image.Images;
import dev.kiln.oci.Annotations;
import dev.kiln.oci.Descriptor;
import dev.kiln.oci.Digest;
import dev.kiln.oci.Platform;
import dev.kiln.ref.ImageLocation;
import dev.kiln.ref.ImageReference;
import dev.kiln.registry.RegistryConfig;
import dev.kiln.registry.RegistryImages;
import dev.kiln.registry.RegistrySession;
import dev.kiln.store.ImageLocator;
import dev.kiln.store.Store;
import dev.kiln.store.StoredImage;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Opens the images {@code kiln analyze} names, through the store's locator (store names, digests,
 * {@code oci:}, {@code oci-archive:}, {@code docker-archive:}, registries), and keeps them open until
 * the command is done: layers are streamed while analysing. Also knows how each kind of reference
 * carries its tag (for the tag check) and lists the store's images as base candidates.
 */
final class AnalyzeImages implements Closeable {

    /** An image ready to analyse, with what its name says. */
    record Opened(ImageInput input, FindingContext context) {
    }

    private final List<Closeable> open = new ArrayList<>();
    private final java.util.Optional<Platform> platform;
    private final Store store;
    private final RegistrySession session;
    private final ImageLocator locator;
    private final EventSink events;

    AnalyzeImages(Terminal terminal, Store store, RegistryConfig registry, EventSink events,
            java.util.Optional<Platform> platform)
            throws IOException, KilnException {
        this.platform = platform;
        this.events = events;
        this.store = store;
        this.session = RegistrySession.create(registry, terminal.env(), events);
        this.locator = new ImageLocator(store, new RegistryImages(session));
    }

    Opened open(String text) throws IOException, KilnException {
        ImageSource source = locator.source(text);
        open.add(source::close);
        Image image = Images.resolve(source, platform);
        return new Opened(ImageInputs.of(text, image), context(ImageLocation.parse(text)));
    }

    /** The image a {@code --base} names, as a base candidate. */
    BaseCandidate base(String text) throws IOException, KilnException {
        Opened base = open(text);
        return new BaseCandidate(text, base.input().manifestDigest(),
                base.input().layers().stream().map(l -> l.diffId()).toList());
    }

    /**
     * Every image of the local store (for this platform) as a possible base. Only manifests and
     * configs are read; an image that cannot be read is skipped with a debug note.
     */
    List<BaseCandidate> storeCandidates() throws IOException, KilnException {
        List<BaseCandidate> candidates = new ArrayList<>();
        for (StoredImage stored : store.images()) {
            try (ImageSource source = store.source(stored)) {
                Image image = Images.resolve(source, platform);
                Digest manifest = image.descriptor().digest();
                candidates.add(new BaseCandidate(stored.display(), manifest, image.config().diffIds()));
            } catch (IOException | KilnException e) {
                events.debug("base candidates: skipping " + stored.display() + ": " + e.getMessage());
            }
        }
        return candidates;
    }

    /** The tag the user's reference carries, or the one the image is known by in its layout or archive. */
    private FindingContext context(ImageLocation location) {
        if (location instanceof ImageLocation.Named named) {
            return reference(named.reference());
        }
        if (location instanceof ImageLocation.Registry registry) {
            return reference(registry.reference());
        }
        if (location instanceof ImageLocation.OciLayout oci) {
            return new FindingContext(Optional.ofNullable(oci.tag() != null ? oci.tag() : onlyLayoutName(oci)), false);
        }
        if (location instanceof ImageLocation.OciArchive archive) {
            return new FindingContext(Optional.ofNullable(archive.tag()), false);
        }
        ImageLocation.DockerArchive archive = (ImageLocation.DockerArchive) location;
        if (archive.name() != null) {
            return new FindingContext(Optional.ofNullable(archive.name().tag()), false);
        }
        return new FindingContext(archiveTag(archive), false);
    }

    private static FindingContext reference(ImageReference reference) {
        return new FindingContext(Optional.ofNullable(reference.tag()), reference.hasDigest());
    }

    /** The ref name of the only image in a layout opened without a tag. */
    private static String onlyLayoutName(ImageLocation.OciLayout oci) {
        try {
            List<Descriptor> manifests = OciLayout.open(oci.directory()).manifests();
            if (manifests.size() == 1) {
                String name = manifests.get(0).annotations().get(Annotations.REF_NAME);
                if (name != null) {
                    int colon = name.lastIndexOf(':');
                    return colon >= 0 && !name.substring(colon).contains("/") ? name.substring(colon + 1) : name;
                }
            }
        } catch (IOException | KilnException e) {
            // the image itself opened; a name we cannot read just means no tag
        }
        return null;
    }

    /** The tag in the RepoTags of the archive's chosen image. */
    private Optional<String> archiveTag(ImageLocation.DockerArchive archive) {
        try (DockerArchiveReader reader = DockerArchiveReader.open(archive.file(), store.ingestDir())) {
            return reader.find(null, archive.index()).names().stream().map(ImageReference::tag)
                    .filter(t -> t != null).findFirst();
        } catch (IOException | KilnException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (int i = open.size() - 1; i >= 0; i--) {
            try {
                open.get(i).close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        session.close();
        if (first != null) {
            throw first;
        }
    }
}
