package dev.kiln.cli;

/** Process entry point: runs kiln and exits with its exit code. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(Kiln.run(Terminal.system(), args));
    }
}
