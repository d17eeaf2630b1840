package dev.kiln.cli;

/** Process entry point: runs kiln and exits with its exit code. */
public final class Main {

    private Main() {
    }

    /** Socket reads of the JDK HTTP client: 16 KiB by default, see {@link #main}. */
    private static final String HTTP_READ_BUFFER = String.valueOf(256 * 1024);

    public static void main(String[] args) {
        // The JDK HTTP client reads its sockets into fresh 16 KiB buffers on its one selector thread:
        // for blob transfers that is an allocation and a system call per 16 KiB. 256 KiB reads cut a
        // 1 GB pull's CPU time by about a quarter. It must be set before the client's classes load;
        // an explicit -Djdk.httpclient.bufsize wins.
        if (System.getProperty("jdk.httpclient.bufsize") == null) {
            System.setProperty("jdk.httpclient.bufsize", HTTP_READ_BUFFER);
        }
        System.exit(Kiln.run(Terminal.system(), args));
    }
}
