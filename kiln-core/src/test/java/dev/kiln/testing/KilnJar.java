package dev.kiln.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * kiln-cli's shaded jar ({@code kiln-cli/target/kiln.jar}), for tests that run kiln as a process of its
 * own (signals, kills). {@code mvn verify} packages it before the integration tests run.
 */
public final class KilnJar {

    private KilnJar() {
    }

    /** The jar; skips the test when it is not built, or fails it when CI requires everything. */
    public static Path require() {
        Path jar = locate();
        Tools.requireThat(Files.isRegularFile(jar), jar + " is not built (mvn -pl kiln-cli package builds it)");
        return jar;
    }

    /** Where the jar is or would be: below the first directory up from here that holds kiln-cli. */
    static Path locate() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("kiln-cli").resolve("pom.xml"))) {
                return dir.resolve("kiln-cli").resolve("target").resolve("kiln.jar");
            }
        }
        return Path.of("kiln-cli", "target", "kiln.jar").toAbsolutePath();
    }
}
