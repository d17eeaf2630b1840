package dev.kiln.build.run;

/** The network a sandboxed process sees: the host's stack, or a fresh namespace with only {@code lo}. */
public enum Network {
    HOST, NONE;

    /** Parses {@code host} or {@code none} (Docker's {@code default} means host here: there is no bridge). */
    public static Network parse(String text) {
        String value = text.strip().toLowerCase(java.util.Locale.ROOT);
        if (value.equals("host") || value.equals("default")) {
            return HOST;
        }
        if (value.equals("none")) {
            return NONE;
        }
        throw new IllegalArgumentException("unknown network mode '" + text + "' (expected host or none)");
    }
}
