package dev.kiln.oci;

import java.util.ArrayList;
import java.util.List;

/** JSON for {@link ImageIndex}, OCI index and Docker manifest list. */
final class IndexCodec {

    private IndexCodec() {
    }

    static ImageIndex read(JsonIn in) {
        String mediaType = in.string("mediaType");
        if (MediaType.isManifest(mediaType) || (in.has("config") && !in.has("manifests"))) {
            throw in.fail("this is an image manifest, not an index");
        }
        Long schemaVersion = in.optionalLong("schemaVersion");
        if (schemaVersion == null) {
            throw in.fail("schemaVersion", "missing");
        }
        if (schemaVersion != 2) {
            throw in.fail("schemaVersion", "must be 2, found " + schemaVersion);
        }
        if (mediaType != null && !MediaType.isIndex(mediaType)) {
            throw in.fail("mediaType", "'" + mediaType + "' is not an index type");
        }
        List<JsonIn> nodes = in.objects("manifests");
        if (nodes == null) {
            throw in.fail("manifests", "missing");
        }
        List<Descriptor> manifests = new ArrayList<>(nodes.size());
        for (JsonIn node : nodes) {
            manifests.add(DescriptorCodec.read(node));
        }
        JsonIn subject = in.object("subject");
        String artifactType = in.string("artifactType");
        if (artifactType != null && !MediaType.isValid(artifactType)) {
            throw in.fail("artifactType", "invalid media type '" + artifactType + "'");
        }
        return new ImageIndex(2, mediaType, artifactType, manifests,
                subject == null ? null : DescriptorCodec.read(subject), in.stringMap("annotations"));
    }

    static byte[] write(ImageIndex index) {
        return JsonOut.object(out -> {
            out.number("schemaVersion", index.schemaVersion())
                    .string("mediaType", index.mediaType())
                    .string("artifactType", index.artifactType())
                    .array("manifests", index.manifests(), DescriptorCodec::write);
            if (index.subject() != null) {
                out.object("subject", o -> DescriptorCodec.write(o, index.subject()));
            }
            out.stringMap("annotations", index.annotations());
        });
    }
}
