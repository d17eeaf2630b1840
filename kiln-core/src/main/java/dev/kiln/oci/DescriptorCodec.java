package dev.kiln.oci;

import java.io.IOException;
import java.util.Base64;

/** Reads and writes descriptors and platforms inside manifests and indexes. */
final class DescriptorCodec {

    private DescriptorCodec() {
    }

    static Descriptor read(JsonIn in) {
        String mediaType = in.requiredString("mediaType");
        if (!MediaType.isValid(mediaType)) {
            throw in.fail("mediaType", "invalid media type '" + mediaType + "'");
        }
        String digestText = in.requiredString("digest");
        Digest digest;
        try {
            digest = Digest.parse(digestText);
        } catch (IllegalArgumentException e) {
            throw in.fail("digest", e.getMessage());
        }
        long size = in.requiredLong("size");
        if (size < 0) {
            throw in.fail("size", "negative size " + size);
        }
        String artifactType = in.string("artifactType");
        if (artifactType != null && !MediaType.isValid(artifactType)) {
            throw in.fail("artifactType", "invalid media type '" + artifactType + "'");
        }
        String data = in.string("data");
        if (data != null) {
            checkData(in, data, digest, size);
        }
        JsonIn platform = in.object("platform");
        return new Descriptor(mediaType, digest, size, in.strings("urls"), in.stringMap("annotations"),
                platform == null ? null : readPlatform(platform), artifactType, data);
    }

    private static void checkData(JsonIn in, String data, Digest digest, long size) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(data);
        } catch (IllegalArgumentException e) {
            throw in.fail("data", "not base64");
        }
        if (bytes.length != size) {
            throw in.fail("data", "embedded data has " + bytes.length + " bytes, descriptor says " + size);
        }
        java.security.MessageDigest md = digest.newMessageDigest();
        if (!Digest.of(digest.algorithm(), updated(md, bytes)).equals(digest)) {
            throw in.fail("data", "embedded data does not match " + digest);
        }
    }

    private static java.security.MessageDigest updated(java.security.MessageDigest md, byte[] bytes) {
        md.update(bytes);
        return md;
    }

    static Platform readPlatform(JsonIn in) {
        String os = in.requiredString("os");
        String architecture = in.requiredString("architecture");
        try {
            return new Platform(os, architecture, in.string("variant"), in.string("os.version"),
                    in.strings("os.features"));
        } catch (IllegalArgumentException e) {
            throw in.fail(e.getMessage());
        }
    }

    static void write(JsonOut out, Descriptor d) throws IOException {
        out.string("mediaType", d.mediaType())
                .string("artifactType", d.artifactType())
                .string("digest", d.digest().toString())
                .number("size", d.size());
        if (!d.urls().isEmpty()) {
            out.strings("urls", d.urls());
        }
        out.stringMap("annotations", d.annotations())
                .string("data", d.data());
        if (d.platform() != null) {
            out.object("platform", o -> writePlatform(o, d.platform()));
        }
    }

    static void writePlatform(JsonOut out, Platform p) throws IOException {
        out.string("architecture", p.architecture())
                .string("os", p.os())
                .string("os.version", p.osVersion());
        if (!p.osFeatures().isEmpty()) {
            out.strings("os.features", p.osFeatures());
        }
        out.string("variant", p.variant());
    }
}
