package dev.kiln.format.layout;

import dev.kiln.KilnException;
import dev.kiln.format.ArchiveTarWriter;
import dev.kiln.format.TarArchiveIndex;
import dev.kiln.format.TarArchiveSink;
import dev.kiln.format.TarBlobSource;
import dev.kiln.image.ImageNotFoundException;
import dev.kiln.image.ImageSink;
import dev.kiln.image.ImageSource;
import dev.kiln.image.SinkTraits;
import dev.kiln.oci.Annotations;
import dev.kiln.oci.Descriptor;
import dev.kiln.oci.Digest;
import dev.kiln.oci.ImageFormatException;
import dev.kiln.oci.ImageIndex;
import dev.kiln.oci.LayoutHeader;
import dev.kiln.oci.Schema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** An OCI image layout packed in a tar ({@code oci-archive:FILE[:TAG]}), read in place and written atomically. */
public final class OciArchive {

    private OciArchive() {
    }

    /**
     * A source for the image tagged {@code refName} (or the only one) in an OCI archive.
     *
     * @param tempDir where to decompress the archive if it is compressed as a whole
     */
    public static ImageSource source(Path file, String refName, Path tempDir, String description)
            throws IOException, KilnException {
        TarArchiveIndex archive = TarArchiveIndex.open(file, tempDir);
        try {
            ImageSource source = sourceIn(archive, refName, description);
            return source;
        } catch (IOException | KilnException | RuntimeException e) {
            archive.close();
            throw e;
        }
    }

    private static ImageSource sourceIn(TarArchiveIndex archive, String refName, String description)
            throws IOException, KilnException {
        Descriptor root = choose(entries(archive), refName, description, archive.file());
        return new TarBlobSource(archive, root, description, d -> TarBlobSource.blobPath(archive, d), Map.of(), true);
    }

    /** Whether an indexed archive holds an OCI layout. */
    public static boolean isOciArchive(TarArchiveIndex archive) {
        return archive.contains(OciLayout.LAYOUT_FILE) && archive.contains(OciLayout.INDEX_FILE);
    }

    /** The entries of the archive's {@code index.json}, after checking its {@code oci-layout}. */
    public static List<Descriptor> entries(TarArchiveIndex archive) throws IOException, KilnException {
        TarArchiveIndex.Entry header = archive.entry(OciLayout.LAYOUT_FILE).orElseThrow(() -> new ImageFormatException(
                archive.file() + " is not an OCI archive (no " + OciLayout.LAYOUT_FILE + " file)"));
        LayoutHeader.parse(archive.read(header, 4096), archive.file() + ":" + OciLayout.LAYOUT_FILE);
        TarArchiveIndex.Entry indexEntry = archive.entry(OciLayout.INDEX_FILE).orElseThrow(() -> new ImageFormatException(
                archive.file() + " is not an OCI archive (no " + OciLayout.INDEX_FILE + ")"));
        return ImageIndex.parse(archive.read(indexEntry, ImageSource.MAX_MANIFEST_BYTES),
                archive.file() + ":" + OciLayout.INDEX_FILE).manifests();
    }

    /** A source for one root of an indexed archive; closing it leaves the archive open. */
    public static ImageSource source(TarArchiveIndex archive, Descriptor root, String description) {
        return new TarBlobSource(archive, root, description, d -> TarBlobSource.blobPath(archive, d), Map.of(), false);
    }

    static Descriptor choose(List<Descriptor> entries, String refName, String description, Path where)
            throws ImageNotFoundException {
        if (refName != null) {
            return entries.stream()
                    .filter(d -> refName.equals(d.annotations().get(Annotations.REF_NAME)))
                    .findFirst()
                    .orElseThrow(() -> new ImageNotFoundException(description + ": no image tagged '" + refName
                            + "' in " + where + " (it has: " + names(entries) + ")"));
        }
        if (entries.size() == 1) {
            return entries.get(0);
        }
        throw new ImageNotFoundException(description + ": " + where + " holds " + entries.size() + " images ("
                + names(entries) + "); name one with :TAG");
    }

    private static String names(List<Descriptor> entries) {
        return entries.isEmpty() ? "nothing" : entries.stream()
                .map(d -> d.annotations().getOrDefault(Annotations.REF_NAME, "untagged " + d.digest().shortHex()))
                .collect(Collectors.joining(", "));
    }

    /** A sink that writes a new OCI archive (replacing the file at commit) with the root under {@code refName}. */
    public static ImageSink sink(Path file, String refName, String description) throws IOException {
        return new TarArchiveSink(file, description) {
            @Override
            public SinkTraits traits() {
                return new SinkTraits(true, Optional.empty(), Optional.empty(), false);
            }

            @Override
            protected String fileName(String mediaType, Digest digest) {
                return "blobs/" + digest.algorithm() + "/" + digest.encoded();
            }

            @Override
            protected void writeIndexFiles(ArchiveTarWriter archive, Descriptor root) throws IOException {
                Descriptor entry = refName == null ? root.bare() : root.bare().withAnnotation(Annotations.REF_NAME, refName);
                archive.addFile(OciLayout.LAYOUT_FILE, LayoutHeader.CURRENT.toJson());
                archive.addFile(OciLayout.INDEX_FILE, ImageIndex.of(Schema.OCI, List.of(entry)).toJson());
            }
        };
    }
}
