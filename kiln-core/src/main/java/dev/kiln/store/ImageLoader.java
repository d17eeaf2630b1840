package dev.kiln.store;

import dev.kiln.KilnException;
import dev.kiln.format.TarArchiveIndex;
import dev.kiln.format.dockerarchive.DockerArchiveReader;
import dev.kiln.format.layout.OciArchive;
import dev.kiln.format.layout.LayoutSource;
import dev.kiln.format.layout.OciLayout;
import dev.kiln.image.CopyOptions;
import dev.kiln.image.CopyResult;
import dev.kiln.image.ImageCopier;
import dev.kiln.image.ImageSink;
import dev.kiln.image.ImageSource;
import dev.kiln.oci.Annotations;
import dev.kiln.oci.Descriptor;
import dev.kiln.oci.Digest;
import dev.kiln.oci.ImageFormatException;
import dev.kiln.ref.ImageReference;
import dev.kiln.ref.InvalidReferenceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code kiln load}: every image of a docker archive, an OCI layout directory or an OCI archive into
 * the store, each under the names it carries ({@code RepoTags}; full references in
 * {@code org.opencontainers.image.ref.name} or {@code io.containerd.image.name}). Each image is
 * published only after all its blobs are in, so an interrupted load lists no half image; blobs it
 * left behind are garbage for {@code gc}.
 */
public final class ImageLoader {

    /** One image loaded: the names it got (none: untagged) and what the copy did. */
    public record Loaded(List<ImageReference> names, CopyResult result) {
    }

    private final Store store;
    private final ImageCopier copier;

    public ImageLoader(Store store, ImageCopier copier) {
        this.store = store;
        this.copier = copier;
    }

    /**
     * Loads everything in {@code input}.
     *
     * @param extraNames names to add, allowed only when the input holds one image
     */
    public List<Loaded> load(Path input, List<ImageReference> extraNames, CopyOptions options)
            throws IOException, KilnException {
        if (!Files.exists(input)) {
            throw new NoSuchFileException(input.toString());
        }
        if (Files.isDirectory(input)) {
            OciLayout layout = OciLayout.open(input);
            Map<Digest, Candidate> candidates = fromLayoutEntries(layout.manifests());
            checkExtraNames(input, candidates, extraNames);
            List<Loaded> loaded = new ArrayList<>();
            for (Candidate candidate : candidates.values()) {
                try (ImageSource source = new LayoutSource(layout.blobs(), candidate.root, input.toString())) {
                    loaded.add(copy(source, candidate.names(extraNames), options));
                }
            }
            return loaded;
        }
        try (TarArchiveIndex archive = TarArchiveIndex.open(input, store.ingestDir())) {
            if (DockerArchiveReader.isDockerArchive(archive)) {
                return loadDockerArchive(archive, extraNames, options);
            }
            if (OciArchive.isOciArchive(archive)) {
                Map<Digest, Candidate> candidates = fromLayoutEntries(OciArchive.entries(archive));
                checkExtraNames(input, candidates, extraNames);
                List<Loaded> loaded = new ArrayList<>();
                for (Candidate candidate : candidates.values()) {
                    try (ImageSource source = OciArchive.source(archive, candidate.root, input.toString())) {
                        loaded.add(copy(source, candidate.names(extraNames), options));
                    }
                }
                return loaded;
            }
            throw new ImageFormatException(input + " is neither a docker archive (no manifest.json) nor an OCI archive "
                    + "(no oci-layout and index.json)");
        }
    }

    private List<Loaded> loadDockerArchive(TarArchiveIndex archive, List<ImageReference> extraNames, CopyOptions options)
            throws IOException, KilnException {
        DockerArchiveReader reader = DockerArchiveReader.open(archive);
        if (!extraNames.isEmpty() && reader.images().size() != 1) {
            throw new ImageFormatException(archive.file() + " holds " + reader.images().size()
                    + " images; a name can only be given when it holds one");
        }
        List<Loaded> loaded = new ArrayList<>();
        for (DockerArchiveReader.ArchiveImage image : reader.images()) {
            List<ImageReference> names = new ArrayList<>(image.names());
            names.addAll(extraNames);
            try (ImageSource source = reader.source(image, archive.file() + "@" + image.index())) {
                loaded.add(copy(source, distinct(names), options));
            }
        }
        return loaded;
    }

    private Loaded copy(ImageSource source, List<ImageReference> names, CopyOptions options)
            throws IOException, KilnException {
        try (ImageSink sink = store.sink(names)) {
            return new Loaded(names, copier.copy(source, sink, options));
        }
    }

    private record Candidate(Descriptor root, List<ImageReference> names) {
        List<ImageReference> names(List<ImageReference> extra) {
            List<ImageReference> all = new ArrayList<>(names);
            all.addAll(extra);
            return distinct(all);
        }
    }

    private static List<ImageReference> distinct(List<ImageReference> names) {
        return names.stream().distinct().toList();
    }

    private static void checkExtraNames(Path input, Map<Digest, Candidate> candidates, List<ImageReference> extraNames)
            throws ImageFormatException {
        if (!extraNames.isEmpty() && candidates.size() != 1) {
            throw new ImageFormatException(input + " holds " + candidates.size()
                    + " images; a name can only be given when it holds one");
        }
    }

    /** Groups index entries by root, collecting the full references they are named by. */
    private static Map<Digest, Candidate> fromLayoutEntries(List<Descriptor> entries) {
        Map<Digest, List<ImageReference>> names = new LinkedHashMap<>();
        Map<Digest, Descriptor> roots = new LinkedHashMap<>();
        for (Descriptor entry : entries) {
            roots.putIfAbsent(entry.digest(), entry.bare());
            List<ImageReference> list = names.computeIfAbsent(entry.digest(), d -> new ArrayList<>());
            nameOf(entry).filter(n -> !list.contains(n)).ifPresent(list::add);
        }
        Map<Digest, Candidate> candidates = new LinkedHashMap<>();
        roots.forEach((digest, root) -> candidates.put(digest, new Candidate(root, names.get(digest))));
        return candidates;
    }

    /**
     * The full reference an index entry names, if it names one: {@code io.containerd.image.name}, or a
     * {@code ref.name} that is a whole reference ({@code docker.io/library/busybox:1.36}); a bare tag
     * such as {@code 1.0} names no repository, so that image loads untagged.
     */
    static Optional<ImageReference> nameOf(Descriptor entry) {
        for (String key : List.of(Annotations.CONTAINERD_IMAGE_NAME, Annotations.REF_NAME)) {
            String value = entry.annotations().get(key);
            if (value == null || (!value.contains("/") && !value.contains(":"))) {
                continue;
            }
            try {
                ImageReference ref = ImageReference.parse(value);
                if (ref.hasTag() && !ref.hasDigest()) {
                    return Optional.of(ref);
                }
            } catch (InvalidReferenceException e) {
                // not a reference: a plain tag with odd characters
            }
        }
        return Optional.empty();
    }
}
