package dev.kiln.format.dockerarchive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.kiln.oci.ImageFormatException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One entry of a docker archive's {@code manifest.json}: the config file, the names
 * ({@code RepoTags}) and the layer files, bottom first. Paths are archive file names.
 */
public record ArchiveManifest(String config, List<String> repoTags, List<String> layers) {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    public ArchiveManifest {
        repoTags = repoTags == null ? List.of() : List.copyOf(repoTags);
        layers = List.copyOf(layers);
    }

    /** Parses {@code manifest.json}; messages name the entry and field. */
    public static List<ArchiveManifest> parse(byte[] json, String what) throws ImageFormatException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new ImageFormatException(what + ": not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.isArray()) {
            throw new ImageFormatException(what + ": expected a JSON array of images");
        }
        List<ArchiveManifest> result = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode item = root.get(i);
            String at = what + ": [" + i + "]";
            if (!item.isObject()) {
                throw new ImageFormatException(at + ": expected an object");
            }
            JsonNode config = item.get("Config");
            if (config == null || !config.isTextual() || config.textValue().isEmpty()) {
                throw new ImageFormatException(at + ".Config: missing");
            }
            result.add(new ArchiveManifest(config.textValue(), strings(item.get("RepoTags"), at + ".RepoTags"),
                    strings(item.get("Layers"), at + ".Layers")));
        }
        if (result.isEmpty()) {
            throw new ImageFormatException(what + ": no images");
        }
        return result;
    }

    private static List<String> strings(JsonNode node, String at) throws ImageFormatException {
        List<String> values = new ArrayList<>();
        if (node == null || node.isNull()) {
            return values;
        }
        if (!node.isArray()) {
            throw new ImageFormatException(at + ": expected an array of strings");
        }
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isTextual()) {
                throw new ImageFormatException(at + "[" + i + "]: expected a string");
            }
            values.add(node.get(i).textValue());
        }
        return values;
    }

    /** Serialises a {@code manifest.json}. */
    public static byte[] toJson(List<ArchiveManifest> images) {
        ArrayNode array = JSON.createArrayNode();
        for (ArchiveManifest image : images) {
            ObjectNode node = array.addObject();
            node.put("Config", image.config());
            ArrayNode tags = node.putArray("RepoTags");
            image.repoTags().forEach(tags::add);
            ArrayNode layers = node.putArray("Layers");
            image.layers().forEach(layers::add);
        }
        try {
            return JSON.writeValueAsBytes(array);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
