package dev.kiln.tag;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Semantic Versioning 2.0.0 version: {@code MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]}, numbers without
 * leading zeros. Ordered by precedence (build metadata ignored, a pre-release below its release).
 */
public record SemVer(long major, long minor, long patch, String preRelease, String build) implements Comparable<SemVer> {

    private static final String NUM = "0|[1-9][0-9]*";
    private static final String IDENT = "(?:0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*)";
    private static final Pattern SEMVER = Pattern.compile("(" + NUM + ")\\.(" + NUM + ")\\.(" + NUM + ")"
            + "(?:-(" + IDENT + "(?:\\." + IDENT + ")*))?(?:\\+([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?");

    public SemVer {
        preRelease = preRelease == null ? "" : preRelease;
        build = build == null ? "" : build;
    }

    /** Parses a version; a leading {@code v} (as in git tags) is accepted. */
    public static SemVer parse(String text) throws TagException {
        String t = text == null ? "" : text.trim();
        if (t.startsWith("v")) {
            t = t.substring(1);
        }
        Matcher m = SEMVER.matcher(t);
        if (!m.matches()) {
            throw TagException.badInput("'" + text + "' is not a semantic version (MAJOR.MINOR.PATCH, e.g. 1.13.3)");
        }
        try {
            return new SemVer(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
                    m.group(4), m.group(5));
        } catch (NumberFormatException e) {
            throw TagException.badInput("'" + text + "': version number too large");
        }
    }

    /** Whether this is a release ({@code X.Y.Z} without pre-release or build parts). */
    public boolean isRelease() {
        return preRelease.isEmpty() && build.isEmpty();
    }

    @Override
    public int compareTo(SemVer o) {
        int c = Comparator.comparingLong(SemVer::major).thenComparingLong(SemVer::minor)
                .thenComparingLong(SemVer::patch).compare(this, o);
        if (c != 0) {
            return c;
        }
        if (preRelease.isEmpty() || o.preRelease.isEmpty()) {
            return Boolean.compare(preRelease.isEmpty(), o.preRelease.isEmpty());
        }
        String[] a = preRelease.split("\\.");
        String[] b = o.preRelease.split("\\.");
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            boolean an = a[i].matches("[0-9]+");
            boolean bn = b[i].matches("[0-9]+");
            int d;
            if (an && bn) {
                d = new java.math.BigInteger(a[i]).compareTo(new java.math.BigInteger(b[i]));
            } else if (an != bn) {
                d = an ? -1 : 1;
            } else {
                d = a[i].compareTo(b[i]);
            }
            if (d != 0) {
                return d;
            }
        }
        return Integer.compare(a.length, b.length);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch + (preRelease.isEmpty() ? "" : "-" + preRelease)
                + (build.isEmpty() ? "" : "+" + build);
    }
}
