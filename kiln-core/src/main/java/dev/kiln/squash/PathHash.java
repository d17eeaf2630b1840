package dev.kiln.squash;

/** 64-bit hashes of paths and of each of their ancestors, computed in one walk over the characters. */
final class PathHash {

    private PathHash() {
    }

    /** Hashes of the ancestors of {@code path} (root first, root excluded) and of the path itself, last. */
    static long[] prefixes(String path) {
        int depth = 1;
        for (int i = 0; i < path.length(); i++) {
            if (path.charAt(i) == '/') {
                depth++;
            }
        }
        long[] out = new long[depth];
        long h = 0;
        int k = 0;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '/') {
                out[k++] = mix(h);
            }
            h = h * 31 + c;
        }
        out[k] = mix(h);
        return out;
    }

    static long of(String path) {
        long h = 0;
        for (int i = 0; i < path.length(); i++) {
            h = h * 31 + path.charAt(i);
        }
        return mix(h);
    }

    /** The splitmix64 finaliser: spreads the polynomial hash over all 64 bits. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
