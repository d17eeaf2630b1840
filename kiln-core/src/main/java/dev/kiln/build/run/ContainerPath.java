package dev.kiln.build.run;

import java.util.ArrayList;
import java.util.List;

/** Paths as a container sees them: absolute, '/'-separated, no '.', '..' or empty segments. */
public final class ContainerPath {

    private ContainerPath() {
    }

    /** Normalises an absolute container path; {@code ..} never climbs above {@code /}. */
    public static String normalize(String path) {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("container path must be absolute: " + path);
        }
        List<String> parts = segments(path);
        return parts.isEmpty() ? "/" : "/" + String.join("/", parts);
    }

    /** The segments of a path after normalisation ({@code /a/./b/../c} gives {@code [a, c]}). */
    public static List<String> segments(String path) {
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.remove(parts.size() - 1);
                }
            } else {
                parts.add(part);
            }
        }
        return parts;
    }
}
