package dev.kiln.build.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The identity of a build step's result: a SHA-256 over the parent step's key, the step's kind and
 * expanded instruction text, and named input digests (COPY sources by content and metadata, the
 * build args a RUN sees, mount specs). Secrets never enter a key: callers pass only their ids and
 * targets. Keys are plain hex so that a registry-backed cache can carry them as annotations.
 */
public record CacheKey(String hex) {

    public CacheKey {
        Objects.requireNonNull(hex, "hex");
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("cache key must be 64 hex digits: " + hex);
        }
    }

    /** The key of a base image: everything above it chains from here. */
    public static CacheKey ofBase(String identity) {
        return derive("base", "", identity, Map.of());
    }

    /** The key of the step after this one. */
    public CacheKey next(String kind, String instruction, Map<String, String> inputs) {
        return derive(hex, kind, instruction, inputs);
    }

    private static CacheKey derive(String parent, String kind, String instruction, Map<String, String> inputs) {
        MessageDigest sha = sha256();
        field(sha, "kiln-build-cache-v1");
        field(sha, parent);
        field(sha, kind);
        field(sha, instruction);
        for (Map.Entry<String, String> input : new TreeMap<>(inputs).entrySet()) {
            field(sha, input.getKey());
            field(sha, input.getValue());
        }
        return new CacheKey(HexFormat.of().formatHex(sha.digest()));
    }

    /** Length-prefixed, so that no two different field lists hash the same bytes. */
    private static void field(MessageDigest sha, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        sha.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        sha.update(bytes);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The first 12 digits, for messages. */
    public String shortHex() {
        return hex.substring(0, 12);
    }

    @Override
    public String toString() {
        return hex;
    }
}
