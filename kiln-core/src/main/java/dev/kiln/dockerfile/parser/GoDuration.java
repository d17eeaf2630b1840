package dev.kiln.dockerfile.parser;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;

/** Go's time.ParseDuration ({@code 30s}, {@code 1m30s}, {@code 1.5h}, {@code 500ms}), which HEALTHCHECK uses. */
final class GoDuration {

    private GoDuration() {
    }

    static Optional<Duration> parse(String text) {
        String s = text;
        boolean negative = false;
        if (s.startsWith("-") || s.startsWith("+")) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Optional.of(Duration.ZERO);
        }
        if (s.isEmpty()) {
            return Optional.empty();
        }
        BigDecimal nanos = BigDecimal.ZERO;
        int i = 0;
        while (i < s.length()) {
            int numStart = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            String number = s.substring(numStart, i);
            if (number.isEmpty() || number.equals(".") || number.indexOf('.') != number.lastIndexOf('.')) {
                return Optional.empty();
            }
            int unitStart = i;
            while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
                i++;
            }
            long unit = unit(s.substring(unitStart, i));
            if (unit == 0) {
                return Optional.empty();
            }
            nanos = nanos.add(new BigDecimal(number.startsWith(".") ? "0" + number : number)
                    .multiply(BigDecimal.valueOf(unit)));
        }
        if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            return Optional.empty();
        }
        long n = nanos.longValue();
        return Optional.of(Duration.ofNanos(negative ? -n : n));
    }

    private static long unit(String unit) {
        switch (unit) {
            case "ns": return 1L;
            case "us": case "\u00b5s": case "\u03bcs": return 1_000L;
            case "ms": return 1_000_000L;
            case "s": return 1_000_000_000L;
            case "m": return 60_000_000_000L;
            case "h": return 3_600_000_000_000L;
            default: return 0;
        }
    }
}
