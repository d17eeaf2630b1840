package dev.kiln.cli;

import java.util.Locale;

/** Byte counts for people, in decimal units as {@code docker images} shows them: 4.2MB, 512B. */
final class HumanSize {

    private static final String[] UNITS = {"B", "kB", "MB", "GB", "TB", "PB"};

    private HumanSize() {
    }

    static String format(long bytes) {
        if (bytes < 0) {
            return "-";
        }
        double value = bytes;
        int unit = 0;
        while (value >= 1000 && unit < UNITS.length - 1) {
            value /= 1000;
            unit++;
        }
        if (unit == 0) {
            return bytes + "B";
        }
        String number = value < 10 ? String.format(Locale.ROOT, "%.2f", value)
                : value < 100 ? String.format(Locale.ROOT, "%.1f", value)
                : String.format(Locale.ROOT, "%.0f", value);
        return number + UNITS[unit];
    }
}
