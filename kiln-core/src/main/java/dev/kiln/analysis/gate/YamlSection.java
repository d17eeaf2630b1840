package dev.kiln.analysis.gate;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the scalar settings of one top-level section of a YAML file ({@code rules:} of
 * {@code .dive-ci}, {@code analyze:} of {@code .kiln.yaml}), keeping each value's line so errors can
 * point at it. Other sections are skipped unread.
 */
final class YamlSection {

    /** A setting as written, and where. */
    record Value(String key, String text, int line) {
    }

    private YamlSection() {
    }

    /** The section's settings in file order, or empty when the file has no such section. */
    static Optional<Map<String, Value>> read(Path file, String section) throws GateConfigException, IOException {
        String text = Files.readString(file);
        try (JsonParser parser = new YAMLFactory().createParser(text)) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                return Optional.empty();
            }
            if (token != JsonToken.START_OBJECT) {
                throw new GateConfigException(file + ":" + line(parser) + ": expected a mapping at the top level");
            }
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (!name.equals(section)) {
                    parser.skipChildren();
                    continue;
                }
                if (value == JsonToken.VALUE_NULL) {
                    return Optional.of(Map.of());
                }
                if (value != JsonToken.START_OBJECT) {
                    throw new GateConfigException(file + ":" + line(parser) + ": " + section + ": expected a mapping");
                }
                Map<String, Value> values = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    JsonToken v = parser.nextToken();
                    int line = line(parser);
                    if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
                        throw new GateConfigException(file + ":" + line + ": " + section + "." + key
                                + ": expected a single value");
                    }
                    values.put(key, new Value(key, v == JsonToken.VALUE_NULL ? "" : parser.getText(), line));
                }
                return Optional.of(values);
            }
            return Optional.empty();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new GateConfigException(file + ":" + line + ": not valid YAML: "
                    + e.getOriginalMessage().lines().findFirst().orElse(""), e);
        }
    }

    private static int line(JsonParser parser) {
        return parser.currentTokenLocation().getLineNr();
    }
}
