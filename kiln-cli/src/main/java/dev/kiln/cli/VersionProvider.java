package dev.kiln.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** Reads the version Maven wrote into {@code kiln-version.properties} at build time. */
final class VersionProvider implements CommandLine.IVersionProvider {

    /** The kiln version Maven wrote at build time ("unknown" when run from classes). */
    static String version() {
        Properties properties = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/kiln-version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return properties.getProperty("version", "unknown");
    }

    @Override
    public String[] getVersion() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/kiln-version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        }
        return new String[] {
                "kiln " + properties.getProperty("version", "unknown"),
                "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
        };
    }
}
