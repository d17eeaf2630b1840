package dev.kiln.image;

import dev.kiln.KilnException;
import dev.kiln.oci.Descriptor;
import dev.kiln.oci.History;
import dev.kiln.oci.ImageConfig;
import dev.kiln.oci.ImageFormatException;
import dev.kiln.oci.Manifest;
import dev.kiln.oci.MediaType;
import dev.kiln.oci.Platform;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A read-only view of one image in a source: its manifest and config (parsed, and the exact bytes
 * they were read from) and its layers. Loading reads only the two small JSON documents; layers are
 * streamed when opened.
 */
public final class Image {

    private final ImageSource source;
    private final Descriptor descriptor;
    private final byte[] manifestBytes;
    private final Manifest manifest;
    private final byte[] configBytes;
    private final ImageConfig config;
    private final List<Layer> layers;

    private Image(ImageSource source, Descriptor descriptor, byte[] manifestBytes, Manifest manifest,
            byte[] configBytes, ImageConfig config) throws ImageFormatException {
        this.source = source;
        this.descriptor = descriptor;
        this.manifestBytes = manifestBytes;
        this.manifest = manifest;
        this.configBytes = configBytes;
        this.config = config;
        if (manifest.layers().size() != config.diffIds().size()) {
            throw new ImageFormatException(source.describe() + ": manifest " + descriptor.digest() + " has "
                    + manifest.layers().size() + " layers but its config lists " + config.diffIds().size()
                    + " diff_ids");
        }
        List<Optional<History>> history = config.layerHistory();
        List<Layer> list = new ArrayList<>(manifest.layers().size());
        for (int i = 0; i < manifest.layers().size(); i++) {
            list.add(new Layer(i, manifest.layers().get(i), config.diffIds().get(i), history.get(i), source));
        }
        this.layers = List.copyOf(list);
    }

    /** Loads the image a manifest descriptor names, reading and validating manifest and config. */
    public static Image load(ImageSource source, Descriptor manifestDescriptor) throws IOException, KilnException {
        String what = source.describe() + ": manifest " + manifestDescriptor.digest();
        byte[] manifestBytes = source.read(manifestDescriptor, ImageSource.MAX_MANIFEST_BYTES);
        Manifest manifest = Manifest.parse(manifestBytes, what);
        if (!manifest.isImage()) {
            throw new ImageFormatException(what + ": not an image but an artifact of type "
                    + (manifest.artifactType() != null ? manifest.artifactType() : manifest.config().mediaType()));
        }
        byte[] configBytes = source.read(manifest.config(), ImageSource.MAX_CONFIG_BYTES);
        ImageConfig config = ImageConfig.parse(configBytes, source.describe() + ": config " + manifest.config().digest());
        Descriptor described = manifestDescriptor.mediaType().equals(manifest.effectiveMediaType())
                ? manifestDescriptor : manifestDescriptor.withMediaType(manifest.effectiveMediaType());
        return new Image(source, described, manifestBytes, manifest, configBytes, config);
    }

    public ImageSource source() {
        return source;
    }

    /** The manifest's descriptor (digest of {@link #manifestBytes()}). */
    public Descriptor descriptor() {
        return descriptor;
    }

    /** The manifest exactly as stored; copy these, never a re-serialisation. */
    public byte[] manifestBytes() {
        return manifestBytes.clone();
    }

    public Manifest manifest() {
        return manifest;
    }

    public Descriptor configDescriptor() {
        return manifest.config();
    }

    /** The config exactly as stored. */
    public byte[] configBytes() {
        return configBytes.clone();
    }

    public ImageConfig config() {
        return config;
    }

    public List<Layer> layers() {
        return layers;
    }

    public Platform platform() {
        return config.platform();
    }

    /** Stored bytes of manifest, config and layers: what the image occupies in a store or registry. */
    public long storedSize() {
        long size = descriptor.size() + manifest.config().size();
        for (Layer layer : layers) {
            size += layer.size();
        }
        return size;
    }

    /** Whether any layer is foreign or non-distributable (its blob may be absent). */
    public boolean hasNonDistributableLayers() {
        return layers.stream().anyMatch(l -> MediaType.isNonDistributable(l.descriptor().mediaType()));
    }
}
