package dev.kiln.cli;

import java.time.Duration;
import java.time.Instant;

/** Times for people, relative to now: "3 days ago", "About an hour ago", as {@code docker images} writes them. */
final class TimeAgo {

    private TimeAgo() {
    }

    static String format(Instant then, Instant now) {
        if (then == null) {
            return "-";
        }
        Duration age = Duration.between(then, now);
        if (age.isNegative()) {
            return "in the future";
        }
        long seconds = age.getSeconds();
        if (seconds < 60) {
            return seconds <= 1 ? "Less than a second ago" : seconds + " seconds ago";
        }
        long minutes = seconds / 60;
        if (minutes < 60) {
            return minutes == 1 ? "About a minute ago" : minutes + " minutes ago";
        }
        long hours = minutes / 60;
        if (hours < 48) {
            return hours == 1 ? "About an hour ago" : hours + " hours ago";
        }
        long days = hours / 24;
        if (days < 14) {
            return days + " days ago";
        }
        if (days < 60) {
            return days / 7 + " weeks ago";
        }
        if (days < 730) {
            return days / 30 + " months ago";
        }
        return days / 365 + " years ago";
    }
}
