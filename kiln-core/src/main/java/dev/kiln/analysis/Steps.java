package dev.kiln.analysis;

/** How history lines are shown. */
final class Steps {

    private Steps() {
    }

    /**
     * {@code /bin/sh -c #(nop)  ENV A=b} becomes {@code ENV A=b}; {@code /bin/sh -c apt-get update}
     * becomes {@code RUN apt-get update}; BuildKit's lines ({@code RUN /bin/sh -c ... # buildkit}) lose
     * the shell and the marker.
     */
    static String shorten(String createdBy) {
        if (createdBy == null || createdBy.isBlank()) {
            return "";
        }
        String line = createdBy.strip();
        if (line.endsWith("# buildkit")) {
            line = line.substring(0, line.length() - "# buildkit".length()).strip();
        }
        if (line.startsWith("/bin/sh -c #(nop)")) {
            return line.substring("/bin/sh -c #(nop)".length()).strip();
        }
        if (line.startsWith("/bin/sh -c ")) {
            return "RUN " + line.substring("/bin/sh -c ".length()).strip();
        }
        if (line.startsWith("RUN /bin/sh -c ")) {
            return "RUN " + line.substring("RUN /bin/sh -c ".length()).strip();
        }
        if (line.startsWith("|")) {
            // Docker's "|2 A=1 B=2 /bin/sh -c ..." form with build args
            int shell = line.indexOf("/bin/sh -c ");
            if (shell > 0) {
                return "RUN " + line.substring(shell + "/bin/sh -c ".length()).strip();
            }
        }
        return line;
    }
}
