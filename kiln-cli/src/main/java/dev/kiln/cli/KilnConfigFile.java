package dev.kiln.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * kiln's settings file: the one {@code KILN_CONFIG} names, which must exist (a typo there would
 * otherwise drop every setting without a word), else {@code .kiln.yaml} in the working directory if
 * there is one.
 */
final class KilnConfigFile {

    private KilnConfigFile() {
    }

    static Path of(Terminal terminal) throws BadInputException {
        String named = terminal.env("KILN_CONFIG");
        if (named == null || named.isBlank()) {
            return Path.of(".kiln.yaml");
        }
        Path file = Path.of(named);
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("KILN_CONFIG=" + named + ": "
                    + (Files.exists(file) ? "not a file" : "no such file"));
        }
        return file;
    }
}
