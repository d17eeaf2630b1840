package dev.kiln.oci;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A content digest as the OCI image-spec defines it: {@code algorithm ":" encoded}. sha256 and
 * sha512 are registered algorithms and validated strictly (lowercase hex of the right length);
 * kiln writes sha256 only.
 */
public record Digest(String algorithm, String encoded) implements Comparable<Digest> {

    public static final String SHA256 = "sha256";
    public static final String SHA512 = "sha512";

    private static final Pattern ALGORITHM = Pattern.compile("[a-z0-9]+(?:[+._-][a-z0-9]+)*");
    private static final Pattern ENCODED = Pattern.compile("[a-zA-Z0-9=_-]+");
    private static final Pattern LOWER_HEX = Pattern.compile("[a-f0-9]+");

    public Digest {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(encoded, "encoded");
        if (!ALGORITHM.matcher(algorithm).matches()) {
            throw new IllegalArgumentException("invalid digest algorithm: " + algorithm);
        }
        if (!ENCODED.matcher(encoded).matches()) {
            throw new IllegalArgumentException("invalid digest: " + algorithm + ":" + encoded);
        }
        int expectedLength = switch (algorithm) {
            case SHA256 -> 64;
            case SHA512 -> 128;
            default -> -1;
        };
        if (expectedLength > 0
                && (encoded.length() != expectedLength || !LOWER_HEX.matcher(encoded).matches())) {
            throw new IllegalArgumentException("invalid " + algorithm + " digest: " + algorithm + ":" + encoded
                    + " (expected " + expectedLength + " lowercase hex characters)");
        }
    }

    /** Parses {@code sha256:<64 hex>} (or any registered algorithm); throws IllegalArgumentException naming the text. */
    public static Digest parse(String text) {
        Objects.requireNonNull(text, "digest");
        int colon = text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("invalid digest: '" + text + "' (expected algorithm:hex)");
        }
        return new Digest(text.substring(0, colon), text.substring(colon + 1));
    }

    /** Whether {@link #parse} would accept the text. */
    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public static Digest sha256(byte[] content) {
        return new Digest(SHA256, HexFormat.of().formatHex(newSha256().digest(content)));
    }

    public static Digest sha256(String content) {
        return sha256(content.getBytes(StandardCharsets.UTF_8));
    }

    /** A fresh SHA-256 MessageDigest; every JRE has one. */
    /**
     * The image-spec's ChainID of a layer stack: the first layer's is its diff_id, each next one is
     * {@code sha256(parentChainId + " " + diffId)}. It names a stack, where a diff_id names one layer.
     */
    public static Digest chainId(Digest parentChainId, Digest diffId) {
        return parentChainId == null ? diffId : sha256(parentChainId + " " + diffId);
    }

    public static MessageDigest newSha256() {
        return messageDigestFor(SHA256);
    }

    /** A MessageDigest for this digest's algorithm, to verify content against it. */
    public MessageDigest newMessageDigest() {
        return messageDigestFor(algorithm);
    }

    /** The digest of what {@code digest} has consumed, for the given algorithm. */
    public static Digest of(String algorithm, MessageDigest digest) {
        return new Digest(algorithm, HexFormat.of().formatHex(digest.digest()));
    }

    /** A MessageDigest for a registered algorithm ({@code sha256}, {@code sha512}). */
    public static MessageDigest messageDigestFor(String algorithm) {
        String javaName = switch (algorithm) {
            case SHA256 -> "SHA-256";
            case SHA512 -> "SHA-512";
            default -> throw new IllegalArgumentException("unsupported digest algorithm: " + algorithm);
        };
        try {
            return MessageDigest.getInstance(javaName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(javaName + " missing from this JRE", e);
        }
    }

    /** The first 12 characters of the encoded part, as {@code docker images} shows ids. */
    public String shortHex() {
        return encoded.substring(0, Math.min(12, encoded.length()));
    }

    @Override
    public int compareTo(Digest other) {
        return toString().compareTo(other.toString());
    }

    @Override
    public String toString() {
        return algorithm + ":" + encoded;
    }
}
