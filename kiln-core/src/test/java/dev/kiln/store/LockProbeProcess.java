package dev.kiln.store;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A separate JVM that takes and probes byte-range locks on a store's lock file, for tests that need a
 * real second process (locks of one JVM never contend with each other). Argument: the lock file.
 * Commands on stdin, one answer line each: {@code lock N} (exclusive, waits) answers {@code locked N};
 * {@code try N} answers {@code got N} (and lets go) or {@code busy N}; {@code release} answers
 * {@code released}.
 */
public final class LockProbeProcess {

    private LockProbeProcess() {
    }

    public static void main(String[] args) throws Exception {
        try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            FileLock held = null;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] words = line.split(" ");
                switch (words[0]) {
                    case "lock" -> {
                        held = channel.lock(Long.parseLong(words[1]), 1, false);
                        System.out.println("locked " + words[1]);
                    }
                    case "try" -> {
                        FileLock probe = channel.tryLock(Long.parseLong(words[1]), 1, false);
                        System.out.println((probe == null ? "busy " : "got ") + words[1]);
                        if (probe != null) {
                            probe.release();
                        }
                    }
                    case "release" -> {
                        held.release();
                        System.out.println("released");
                    }
                    default -> throw new IllegalArgumentException(line);
                }
                System.out.flush();
            }
        }
    }
}
