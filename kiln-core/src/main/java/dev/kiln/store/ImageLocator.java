package dev.kiln.store;

import dev.kiln.KilnException;
import dev.kiln.format.dockerarchive.DockerArchiveReader;
import dev.kiln.format.dockerarchive.DockerArchiveSink;
import dev.kiln.format.layout.OciArchive;
import dev.kiln.format.layout.OciLayout;
import dev.kiln.image.ImageNotFoundException;
import dev.kiln.image.ImageSink;
import dev.kiln.image.ImageSource;
import dev.kiln.image.RemoteImages;
import dev.kiln.oci.Descriptor;
import dev.kiln.ref.ImageLocation;
import dev.kiln.ref.ImageReference;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * Turns what a user typed into a source or sink: store names (and digests or their prefixes),
 * {@code oci:}, {@code oci-archive:}, {@code docker-archive:} and, through {@link RemoteImages},
 * {@code docker://} and names missing from the store. Without a {@code RemoteImages} (no registry
 * support wired in) registry locations fail with a clear error.
 */
public final class ImageLocator {

    private final Store store;
    private final RemoteImages remote;
    private final boolean namesReachRegistry;

    /**
     * A locator where a name missing from the store is looked up in its registry (buildah's pull
     * policy "missing"), and {@code docker://} reaches registries.
     *
     * @param remote the registry side, or null when registries are not available
     */
    public ImageLocator(Store store, RemoteImages remote) {
        this(store, remote, true);
    }

    private ImageLocator(Store store, RemoteImages remote, boolean namesReachRegistry) {
        this.store = store;
        this.remote = remote;
        this.namesReachRegistry = namesReachRegistry;
    }

    /**
     * A locator where bare names mean the store only, and only {@code docker://} reaches a registry:
     * for commands that look at images ({@code inspect}, {@code export}) and must not go online
     * because of a typo.
     */
    public static ImageLocator storeNamesOnly(Store store, RemoteImages remote) {
        return new ImageLocator(store, remote, false);
    }

    public Store store() {
        return store;
    }

    /**
     * A source for the text: a transport location, a store name or digest; a name the store lacks
     * goes to its registry when one is wired in.
     */
    public ImageSource source(String text) throws IOException, KilnException {
        ImageLocation location = ImageLocation.parse(text);
        if (location instanceof ImageLocation.Named named) {
            try {
                return store.source(store.resolve(text));
            } catch (ImageNotFoundException e) {
                if (remote == null || !namesReachRegistry
                        || !named.reference().hasTag() && !named.reference().hasDigest()) {
                    throw e;
                }
                return fromRegistry(text, named.reference());
            }
        }
        return source(location);
    }

    /** A name the store lacks, from its registry; a failure there also says the store has no such name. */
    private ImageSource fromRegistry(String text, ImageReference reference) throws IOException, KilnException {
        ImageSource source = remote.source(reference);
        try {
            source.root(); // a registry source asks for its manifest only now: fail here, saying both
            return source;
        } catch (KilnException e) {
            source.close();
            throw new NotInStoreException(text, e);
        } catch (IOException | RuntimeException e) {
            source.close();
            throw e;
        }
    }

    public ImageSource source(ImageLocation location) throws IOException, KilnException {
        if (location instanceof ImageLocation.Named named) {
            Optional<StoredImage> found = store.find(named.reference());
            if (found.isPresent()) {
                return store.source(found.get());
            }
            if (remote != null && namesReachRegistry && (named.reference().hasTag() || named.reference().hasDigest())) {
                return fromRegistry(location.text(), named.reference());
            }
            return store.source(store.resolve(named.reference()));
        }
        if (location instanceof ImageLocation.Registry registry) {
            return requireRemote(location).source(registry.reference());
        }
        if (location instanceof ImageLocation.OciLayout oci) {
            return OciLayout.open(oci.directory()).source(oci.tag(), location.text());
        }
        if (location instanceof ImageLocation.OciArchive archive) {
            return OciArchive.source(archive.file(), archive.tag(), store.ingestDir(), location.text());
        }
        ImageLocation.DockerArchive archive = (ImageLocation.DockerArchive) location;
        DockerArchiveReader reader = DockerArchiveReader.open(archive.file(), store.ingestDir());
        try {
            ImageSource source = reader.source(reader.find(archive.name(), archive.index()), location.text());
            return new ClosingWith(source, reader);
        } catch (IOException | KilnException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    /**
     * A sink for a destination.
     *
     * @param defaultName the name to give the image where the location has none (the source's), or null
     * @param archiveForm the layout of docker archives
     */
    public ImageSink sink(ImageLocation location, ImageReference defaultName, DockerArchiveSink.Form archiveForm)
            throws IOException, KilnException {
        if (location instanceof ImageLocation.Named named) {
            requireTag(named.reference(), location);
            return store.sink(List.of(named.reference()));
        }
        if (location instanceof ImageLocation.Registry registry) {
            return requireRemote(location).sink(registry.reference());
        }
        String defaultTag = defaultName == null ? null : defaultName.tag();
        if (location instanceof ImageLocation.OciLayout oci) {
            String tag = oci.tag() != null ? oci.tag() : defaultTag;
            return OciLayout.create(oci.directory()).sink(tag == null ? List.of() : List.of(tag), location.text());
        }
        if (location instanceof ImageLocation.OciArchive archive) {
            return OciArchive.sink(archive.file(), archive.tag() != null ? archive.tag() : defaultTag, location.text());
        }
        ImageLocation.DockerArchive archive = (ImageLocation.DockerArchive) location;
        if (archive.index() >= 0) {
            throw new dev.kiln.ref.InvalidReferenceException(location.text(), "an image index (@N) names an image to read, not one to write");
        }
        ImageReference name = archive.name() != null ? archive.name() : defaultName;
        if (name != null) {
            requireTag(name, location);
        }
        return new DockerArchiveSink(archive.file(), name == null ? List.of() : List.of(name.withDigest(null)),
                archiveForm, location.text());
    }

    private static void requireTag(ImageReference reference, ImageLocation location)
            throws dev.kiln.ref.InvalidReferenceException {
        if (!reference.hasTag()) {
            throw new dev.kiln.ref.InvalidReferenceException(location.text(),
                    "needs a tag to write to (kiln never assumes :latest)");
        }
    }

    private RemoteImages requireRemote(ImageLocation location) throws ImageNotFoundException {
        if (remote == null) {
            throw new ImageNotFoundException(location.text() + ": registries are not available in this command");
        }
        return remote;
    }

    /** A source that closes the archive reader it came from. */
    private static final class ClosingWith implements ImageSource {
        private final ImageSource source;
        private final AutoCloseable owner;

        ClosingWith(ImageSource source, AutoCloseable owner) {
            this.source = source;
            this.owner = owner;
        }

        @Override
        public String describe() {
            return source.describe();
        }

        @Override
        public Descriptor root() throws IOException, KilnException {
            return source.root();
        }

        @Override
        public InputStream open(Descriptor descriptor) throws IOException, KilnException {
            return source.open(descriptor);
        }

        @Override
        public void close() throws IOException {
            try {
                source.close();
            } finally {
                try {
                    owner.close();
                } catch (IOException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IOException(e);
                }
            }
        }
    }
}
