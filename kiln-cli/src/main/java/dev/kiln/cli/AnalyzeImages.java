package dev.kiln.cli;

import dev.kiln.KilnException;
import dev.kiln.analysis.BaseCandidate;
import dev.kiln.analysis.ImageInput;
import dev.kiln.analysis.ImageInputs;
import dev.kiln.analysis.findings.FindingContext;
import dev.kiln.format.dockerarchive.DockerArchiveReader;
import dev.kiln.format.layout.OciLayout;
import dev.kiln.image.Image;
import dev.kiln.image.ImageNotFoundException;
import dev.kiln.image.ImageSource;
import dev.kiln.image.Images;
import dev.kiln.oci.Platform;
import dev.kiln.ref.ImageLocation;
import dev.kiln.ref.ImageReference;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Opens the images {@code kiln analyze} names and keeps them open until the command is done (layers
 * are streamed while analysing). Knows how each kind of reference carries its tag, for the tag check.
 */
final class AnalyzeImages implements Closeable {

    /** An image ready to analyse, with what its name says. */
    record Opened(ImageInput input, FindingContext context) {
    }

    private final List<Closeable> open = new ArrayList<>();
    private final Platform platform;

    AnalyzeImages(Platform platform) {
        this.platform = platform;
    }

    Opened open(String text) throws IOException, KilnException {
        ImageLocation location = ImageLocation.parse(text);
        if (location instanceof ImageLocation.OciLayout oci) {
            ImageSource source = OciLayout.open(oci.directory()).source(oci.tag(), text);
            open.add(source::close);
            Image image = Images.resolve(source, platform);
            return new Opened(ImageInputs.of(text, image), new FindingContext(Optional.ofNullable(oci.tag()), false));
        }
        if (location instanceof ImageLocation.DockerArchive archive) {
            Path temp = Files.createTempDirectory("kiln-analyze-");
            open.add(() -> deleteTree(temp));
            DockerArchiveReader reader = DockerArchiveReader.open(archive.file(), temp);
            open.add(reader);
            DockerArchiveReader.ArchiveImage entry = reader.find(archive.name(), archive.index());
            ImageSource source = reader.source(entry, text);
            Image image = Images.resolve(source, platform);
            Optional<String> tag = archive.name() != null ? Optional.ofNullable(archive.name().tag())
                    : entry.names().stream().map(ImageReference::tag).filter(t -> t != null).findFirst();
            return new Opened(ImageInputs.of(text, image), new FindingContext(tag, false));
        }
        throw new ImageNotFoundException(text + ": kiln analyze reads oci:DIR[:TAG] and docker-archive:FILE here; "
                + "store names and registries come with the local store");
    }

    /** The image a {@code --base} names, as a base candidate. */
    BaseCandidate base(String text) throws IOException, KilnException {
        Opened base = open(text);
        return new BaseCandidate(text, base.input().manifestDigest(),
                base.input().layers().stream().map(l -> l.diffId()).toList());
    }

    /** Images of the local store that may be the base (none until the store is wired in). */
    List<BaseCandidate> storeCandidates() {
        return List.of();
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
        if (first != null) {
            throw first;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
