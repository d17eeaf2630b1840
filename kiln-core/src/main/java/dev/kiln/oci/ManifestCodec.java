package dev.kiln.oci;

import java.util.ArrayList;
import java.util.List;

/** JSON for {@link Manifest}, both schemas. */
final class ManifestCodec {

    private ManifestCodec() {
    }

    static Manifest read(JsonIn in) {
        Long schemaVersion = in.optionalLong("schemaVersion");
        String mediaType = in.string("mediaType");
        if (schemaVersion != null && schemaVersion == 1
                || MediaType.DOCKER_MANIFEST_V1.equals(mediaType) || MediaType.DOCKER_MANIFEST_V1_SIGNED.equals(mediaType)) {
            throw in.fail("Docker schema 1 manifests are not supported (deprecated since 2017; re-push the image)");
        }
        if (MediaType.isIndex(mediaType) || (in.has("manifests") && !in.has("config"))) {
            throw in.fail("this is an image index, not a manifest");
        }
        if (schemaVersion == null) {
            throw in.fail("schemaVersion", "missing");
        }
        if (schemaVersion != 2) {
            throw in.fail("schemaVersion", "must be 2, found " + schemaVersion);
        }
        if (mediaType != null && !MediaType.isManifest(mediaType)) {
            throw in.fail("mediaType", "'" + mediaType + "' is not an image manifest type");
        }
        JsonIn config = in.object("config");
        if (config == null) {
            throw in.fail("config", "missing");
        }
        List<JsonIn> layerNodes = in.objects("layers");
        if (layerNodes == null) {
            throw in.fail("layers", "missing");
        }
        List<Descriptor> layers = new ArrayList<>(layerNodes.size());
        for (JsonIn layer : layerNodes) {
            layers.add(DescriptorCodec.read(layer));
        }
        JsonIn subject = in.object("subject");
        String artifactType = in.string("artifactType");
        if (artifactType != null && !MediaType.isValid(artifactType)) {
            throw in.fail("artifactType", "invalid media type '" + artifactType + "'");
        }
        return new Manifest(2, mediaType, artifactType, DescriptorCodec.read(config), layers,
                subject == null ? null : DescriptorCodec.read(subject), in.stringMap("annotations"));
    }

    static byte[] write(Manifest m) {
        return JsonOut.object(out -> {
            out.number("schemaVersion", m.schemaVersion())
                    .string("mediaType", m.mediaType())
                    .string("artifactType", m.artifactType())
                    .object("config", o -> DescriptorCodec.write(o, m.config()))
                    .array("layers", m.layers(), DescriptorCodec::write);
            if (m.subject() != null) {
                out.object("subject", o -> DescriptorCodec.write(o, m.subject()));
            }
            out.stringMap("annotations", m.annotations());
        });
    }
}
