package dev.kiln.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an OCI layout's files the plain way (Jackson on index.json and the manifest, GNU tar on the
 * layer blobs), so a test can see what a layer holds without going through kiln's readers.
 */
public final class LayoutFiles {

    private LayoutFiles() {
    }

    /** The layer blobs of the image tagged {@code tag}, bottom first. */
    public static List<Path> layers(Path layout, String tag) throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode index = json.readTree(layout.resolve("index.json").toFile());
        for (JsonNode m : index.get("manifests")) {
            JsonNode name = m.path("annotations").path("org.opencontainers.image.ref.name");
            if (tag.equals(name.asText())) {
                JsonNode manifest = json.readTree(blob(layout, m.get("digest").asText()).toFile());
                List<Path> out = new ArrayList<>();
                for (JsonNode layer : manifest.get("layers")) {
                    out.add(blob(layout, layer.get("digest").asText()));
                }
                return out;
            }
        }
        throw new AssertionError("no tag " + tag + " in " + layout);
    }

    /** The entry names of a layer tarball (any compression GNU tar recognises), as {@code tar -t} prints them. */
    public static List<String> tarNames(Path layerBlob) {
        String out = ExternalCommand.check(null, "tar", "-tf", layerBlob.toString()).out();
        List<String> names = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isEmpty()) {
                names.add(line);
            }
        }
        return names;
    }

    private static Path blob(Path layout, String digest) {
        int colon = digest.indexOf(':');
        return layout.resolve("blobs").resolve(digest.substring(0, colon)).resolve(digest.substring(colon + 1));
    }
}
