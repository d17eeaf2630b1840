package dev.kiln.oci;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A cursor over one JSON object of an image document that knows its path ({@code layers[2].digest}),
 * so every complaint names the field. Codecs use it instead of data binding: the records stay free of
 * Jackson, and validation messages stay precise.
 */
final class JsonIn {

    /** Strict: duplicate keys are an attack vector on content-addressed documents (two readers, two meanings). */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .disable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .build();

    /** Thrown inside codecs and turned into an {@link ImageFormatException} naming the document. */
    static final class Invalid extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    private final JsonNode node;
    private final String path;

    private JsonIn(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** Parses a whole document, which must be a JSON object. */
    static JsonIn parse(byte[] json) {
        JsonNode tree;
        try (JsonParser parser = MAPPER.createParser(json)) {
            tree = MAPPER.readTree(parser);
            if (parser.nextToken() != null) {
                throw new Invalid("trailing data after the JSON document");
            }
        } catch (JacksonException e) {
            throw new Invalid("not valid JSON: " + e.getOriginalMessage() + location(e));
        } catch (java.io.IOException e) {
            throw new Invalid("not readable: " + e.getMessage());
        }
        if (tree == null || tree.isMissingNode()) {
            throw new Invalid("empty document");
        }
        if (!tree.isObject()) {
            throw new Invalid("expected a JSON object, found " + kind(tree));
        }
        return new JsonIn(tree, "");
    }

    /** Runs a codec and turns its complaints into an {@link ImageFormatException} about {@code what}. */
    static <T> T decode(String what, byte[] json, java.util.function.Function<JsonIn, T> codec)
            throws ImageFormatException {
        try {
            return codec.apply(parse(json));
        } catch (Invalid | IllegalArgumentException e) {
            throw new ImageFormatException(what + ": " + e.getMessage());
        }
    }

    private static String location(JacksonException e) {
        if (e.getLocation() == null) {
            return "";
        }
        return " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    String path() {
        return path;
    }

    private String at(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    Invalid fail(String field, String message) {
        return new Invalid(at(field) + ": " + message);
    }

    Invalid fail(String message) {
        return new Invalid((path.isEmpty() ? "" : path + ": ") + message);
    }

    boolean has(String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    private JsonNode value(String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value;
    }

    /** An optional string; null when absent or JSON null. */
    String string(String field) {
        JsonNode value = value(field);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw fail(field, "expected a string, found " + kind(value));
        }
        return value.textValue();
    }

    String requiredString(String field) {
        String value = string(field);
        if (value == null) {
            throw fail(field, "missing");
        }
        return value;
    }

    Long optionalLong(String field) {
        JsonNode value = value(field);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw fail(field, "expected an integer, found " + kind(value));
        }
        return value.longValue();
    }

    long requiredLong(String field) {
        Long value = optionalLong(field);
        if (value == null) {
            throw fail(field, "missing");
        }
        return value;
    }

    Boolean optionalBoolean(String field) {
        JsonNode value = value(field);
        if (value == null) {
            return null;
        }
        if (!value.isBoolean()) {
            throw fail(field, "expected true or false, found " + kind(value));
        }
        return value.booleanValue();
    }

    /** An optional nested object. */
    JsonIn object(String field) {
        JsonNode value = value(field);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            throw fail(field, "expected an object, found " + kind(value));
        }
        return new JsonIn(value, at(field));
    }

    /** An optional array of objects; null when absent. */
    List<JsonIn> objects(String field) {
        JsonNode value = value(field);
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            throw fail(field, "expected an array, found " + kind(value));
        }
        List<JsonIn> items = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            String itemPath = at(field) + "[" + i + "]";
            if (!item.isObject()) {
                throw new Invalid(itemPath + ": expected an object, found " + kind(item));
            }
            items.add(new JsonIn(item, itemPath));
        }
        return items;
    }

    /** An optional array of strings; null when absent or JSON null (which differs from an empty array). */
    List<String> strings(String field) {
        JsonNode value = value(field);
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            throw fail(field, "expected an array of strings, found " + kind(value));
        }
        List<String> items = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isTextual()) {
                throw new Invalid(at(field) + "[" + i + "]: expected a string, found " + kind(item));
            }
            items.add(item.textValue());
        }
        return Collections.unmodifiableList(items);
    }

    /** An optional object of string values, sorted by key; null when absent. */
    Map<String, String> stringMap(String field) {
        JsonNode value = value(field);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            throw fail(field, "expected an object of strings, found " + kind(value));
        }
        Map<String, String> map = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getValue().isNull()) {
                map.put(entry.getKey(), "");
            } else if (!entry.getValue().isTextual()) {
                throw new Invalid(at(field) + "." + entry.getKey() + ": expected a string, found "
                        + kind(entry.getValue()));
            } else {
                map.put(entry.getKey(), entry.getValue().textValue());
            }
        }
        return Collections.unmodifiableMap(map);
    }

    /** The keys of an optional object used as a set ({@code "ExposedPorts": {"80/tcp": {}}}); null when absent. */
    Set<String> keySet(String field) {
        JsonNode value = value(field);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            throw fail(field, "expected an object, found " + kind(value));
        }
        Set<String> keys = new TreeSet<>();
        value.fieldNames().forEachRemaining(keys::add);
        return Collections.unmodifiableSet(keys);
    }

    /** Fields this codec does not know, as compact JSON text in document order, to write back unchanged. */
    Map<String, String> unknown(Set<String> known) {
        Map<String, String> extra = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!known.contains(entry.getKey())) {
                extra.put(entry.getKey(), entry.getValue().toString());
            }
        }
        return Collections.unmodifiableMap(extra);
    }

    private static String kind(JsonNode node) {
        if (node.isTextual()) {
            return "a string";
        }
        if (node.isNumber()) {
            return "a number";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isObject()) {
            return "an object";
        }
        return node.isNull() ? "null" : node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}
