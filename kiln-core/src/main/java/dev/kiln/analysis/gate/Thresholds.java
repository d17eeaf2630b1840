package dev.kiln.analysis.gate;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;

/**
 * Parses rule values the way dive accepts them: byte sizes with decimal or binary units ({@code 20MB},
 * {@code 1.5 GiB}, {@code 512k}, {@code 1,000}), ratios ({@code 0.1}; kiln also takes {@code 10%}), and
 * the words that switch a rule off ({@code disabled}, {@code off}, {@code false}, empty).
 */
public final class Thresholds {

    private static final Map<String, Long> UNITS = Map.ofEntries(
            Map.entry("", 1L), Map.entry("b", 1L),
            Map.entry("k", 1000L), Map.entry("kb", 1000L), Map.entry("ki", 1024L), Map.entry("kib", 1024L),
            Map.entry("m", 1000_000L), Map.entry("mb", 1000_000L), Map.entry("mi", 1L << 20), Map.entry("mib", 1L << 20),
            Map.entry("g", 1000_000_000L), Map.entry("gb", 1000_000_000L), Map.entry("gi", 1L << 30),
            Map.entry("gib", 1L << 30), Map.entry("t", 1000_000_000_000L), Map.entry("tb", 1000_000_000_000L),
            Map.entry("ti", 1L << 40), Map.entry("tib", 1L << 40), Map.entry("p", 1000_000_000_000_000L),
            Map.entry("pb", 1000_000_000_000_000L), Map.entry("pi", 1L << 50), Map.entry("pib", 1L << 50));

    private Thresholds() {
    }

    /** Whether a value switches its rule off. */
    public static boolean isDisabled(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        return v.isEmpty() || v.equals("disabled") || v.equals("off") || v.equals("false");
    }

    /** A byte count; throws IllegalArgumentException saying what was expected. */
    public static long bytes(String value) {
        String v = value.strip().replace(",", "");
        int i = 0;
        while (i < v.length() && (Character.isDigit(v.charAt(i)) || v.charAt(i) == '.')) {
            i++;
        }
        String number = v.substring(0, i);
        String unit = v.substring(i).strip().toLowerCase(Locale.ROOT);
        Long multiplier = UNITS.get(unit);
        if (number.isEmpty() || multiplier == null) {
            throw new IllegalArgumentException("expected a size such as 20MB, 1.5GiB or 500000, got \"" + value + "\"");
        }
        try {
            return new BigDecimal(number).multiply(BigDecimal.valueOf(multiplier)).longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("expected a size such as 20MB, 1.5GiB or 500000, got \"" + value + "\"");
        }
    }

    /** A ratio between 0 and 1 ({@code 0.1}, or {@code 10%}). */
    public static double ratio(String value) {
        String v = value.strip();
        double result;
        try {
            result = v.endsWith("%") ? Double.parseDouble(v.substring(0, v.length() - 1).strip()) / 100
                    : Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a ratio between 0 and 1 (such as 0.1) or a percentage (10%), got \""
                    + value + "\"");
        }
        if (!(result >= 0 && result <= 1)) {
            throw new IllegalArgumentException("expected a ratio between 0 and 1 (such as 0.1) or a percentage (10%), got \""
                    + value + "\"");
        }
        return result;
    }

    /** A yes/no setting. */
    public static boolean flag(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.equals("true") || v.equals("yes") || v.equals("on")) {
            return true;
        }
        if (v.equals("false") || v.equals("no") || v.equals("off") || v.isEmpty()) {
            return false;
        }
        throw new IllegalArgumentException("expected true or false, got \"" + value + "\"");
    }
}
