package dev.kiln.format.dockerarchive;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.KilnException;
import dev.kiln.format.ArchiveTarWriter;
import dev.kiln.format.TarArchiveSink;
import dev.kiln.image.SinkTraits;
import dev.kiln.oci.Annotations;
import dev.kiln.oci.Descriptor;
import dev.kiln.oci.Digest;
import dev.kiln.oci.ImageIndex;
import dev.kiln.oci.LayoutHeader;
import dev.kiln.oci.Manifest;
import dev.kiln.oci.MediaType;
import dev.kiln.oci.Schema;
import dev.kiln.ref.ImageReference;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes a {@code docker load}-able archive of one image under its names. Layers are stored
 * uncompressed (the copier decompresses them on the way), as {@code docker save} does.
 *
 * <p>{@link Form#OCI} (the default) is what Docker 25+ writes: an OCI layout ({@code oci-layout},
 * {@code index.json}, {@code blobs/}) plus {@code manifest.json} pointing into {@code blobs/}, readable
 * by every Docker since 1.10, skopeo, podman and kiln. {@link Form#CLASSIC} writes
 * {@code <diff_id>/layer.tar}, {@code <hex>.json} and {@code repositories}, for tools that expect that.
 */
public final class DockerArchiveSink extends TarArchiveSink {

    /** The archive layout to write. */
    public enum Form { OCI, CLASSIC }

    private final List<ImageReference> names;
    private final Form form;

    public DockerArchiveSink(Path file, List<ImageReference> names, Form form, String description) throws IOException {
        super(file, description);
        for (ImageReference name : names) {
            if (!name.hasTag() || name.hasDigest()) {
                throw new IllegalArgumentException("docker archive names need a tag and no digest: " + name);
            }
        }
        this.names = List.copyOf(names);
        this.form = form;
    }

    @Override
    public SinkTraits traits() {
        return new SinkTraits(false, Optional.of(MediaType.Encoding.NONE), Optional.empty(), false);
    }

    @Override
    protected boolean storesManifests() {
        return form == Form.OCI;
    }

    @Override
    protected String fileName(String mediaType, Digest digest) {
        if (form == Form.CLASSIC) {
            if (MediaType.isLayer(mediaType)) {
                return digest.encoded() + "/layer.tar";
            }
            if (MediaType.isImageConfig(mediaType)) {
                return digest.encoded() + ".json";
            }
        }
        return "blobs/" + digest.algorithm() + "/" + digest.encoded();
    }

    @Override
    protected void writeIndexFiles(ArchiveTarWriter archive, Descriptor root) throws IOException, KilnException {
        byte[] bytes = manifest(root.digest());
        Manifest manifest = Manifest.parse(bytes, describe() + ": manifest " + root.digest());
        List<String> layerFiles = new ArrayList<>();
        for (Descriptor layer : manifest.layers()) {
            layerFiles.add(fileOf(layer.digest()));
        }
        List<String> repoTags = names.stream().map(ImageReference::familiar).toList();
        archive.addFile(DockerArchiveReader.MANIFEST_FILE, ArchiveManifest.toJson(List.of(
                new ArchiveManifest(fileOf(manifest.config().digest()), repoTags, layerFiles))));
        if (form == Form.OCI) {
            List<Descriptor> entries = new ArrayList<>();
            for (ImageReference name : names) {
                entries.add(root.bare().withAnnotation(Annotations.CONTAINERD_IMAGE_NAME, name.toString())
                        .withAnnotation(Annotations.REF_NAME, name.tag()));
            }
            if (entries.isEmpty()) {
                entries.add(root.bare());
            }
            archive.addFile("oci-layout", LayoutHeader.CURRENT.toJson());
            archive.addFile("index.json", ImageIndex.of(Schema.OCI, entries).toJson());
        } else if (!names.isEmpty() && !manifest.layers().isEmpty()) {
            ObjectMapper json = new ObjectMapper();
            ObjectNode repositories = json.createObjectNode();
            String top = manifest.layers().get(manifest.layers().size() - 1).digest().encoded();
            for (ImageReference name : names) {
                ObjectNode repo = repositories.has(name.familiarName())
                        ? (ObjectNode) repositories.get(name.familiarName())
                        : repositories.putObject(name.familiarName());
                repo.put(name.tag(), top);
            }
            archive.addFile("repositories", json.writeValueAsBytes(repositories));
        }
    }
}
