package dev.kiln.analysis.findings;

import java.util.Locale;

/** Byte counts as people read them (decimal units, like dive and docker). */
public final class Bytes {

    private Bytes() {
    }

    /** {@code 0 B}, {@code 999 B}, {@code 1.2 kB}, {@code 34 MB}, {@code 1.5 GB}. */
    public static String human(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB", "PB", "EB"};
        double value = bytes;
        int unit = -1;
        while (value >= 999.95 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return (value < 10 ? String.format(Locale.ROOT, "%.1f", value) : String.format(Locale.ROOT, "%.0f", value))
                + " " + units[unit];
    }
}
