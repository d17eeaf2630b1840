package dev.kiln.build.run;

/** POSIX shell quoting for the scripts the sandboxes generate. */
final class Shell {

    private Shell() {
    }

    /** {@code text} as one single-quoted shell word. */
    static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
