package dev.kiln.oci;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes compact JSON with a fixed field order and sorted map keys, the way Go's encoding/json
 * marshals the spec structs, so the same value always serialises to the same bytes (and digest).
 * Absent (null) values are omitted.
 */
final class JsonOut {

    /** Writes one field's value. */
    @FunctionalInterface
    interface Body {
        void write(JsonOut out) throws IOException;
    }

    private final JsonGenerator json;

    private JsonOut(JsonGenerator json) {
        this.json = json;
    }

    /** Serialises one top-level object. */
    static byte[] object(Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        try (JsonGenerator generator = JsonIn.MAPPER.getFactory().createGenerator(bytes)) {
            JsonOut out = new JsonOut(generator);
            generator.writeStartObject();
            body.write(out);
            generator.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    JsonOut string(String field, String value) throws IOException {
        if (value != null) {
            json.writeStringField(field, value);
        }
        return this;
    }

    JsonOut number(String field, long value) throws IOException {
        json.writeNumberField(field, value);
        return this;
    }

    JsonOut number(String field, Long value) throws IOException {
        if (value != null) {
            json.writeNumberField(field, value);
        }
        return this;
    }

    JsonOut bool(String field, Boolean value) throws IOException {
        if (value != null) {
            json.writeBooleanField(field, value);
        }
        return this;
    }

    /** Writes true only: Go's omitempty drops false booleans. */
    JsonOut trueOnly(String field, boolean value) throws IOException {
        if (value) {
            json.writeBooleanField(field, true);
        }
        return this;
    }

    JsonOut strings(String field, List<String> values) throws IOException {
        if (values != null) {
            json.writeArrayFieldStart(field);
            for (String value : values) {
                json.writeString(value);
            }
            json.writeEndArray();
        }
        return this;
    }

    /** A string map with sorted keys; omitted when null or empty. */
    JsonOut stringMap(String field, Map<String, String> values) throws IOException {
        if (values != null && !values.isEmpty()) {
            json.writeObjectFieldStart(field);
            for (Map.Entry<String, String> entry : new TreeMap<>(values).entrySet()) {
                json.writeStringField(entry.getKey(), entry.getValue());
            }
            json.writeEndObject();
        }
        return this;
    }

    /** A set written as an object of empty objects ({@code {"80/tcp":{}}}), sorted. */
    JsonOut keySet(String field, Collection<String> keys) throws IOException {
        if (keys != null) {
            json.writeObjectFieldStart(field);
            for (String key : new java.util.TreeSet<>(keys)) {
                json.writeObjectFieldStart(key);
                json.writeEndObject();
            }
            json.writeEndObject();
        }
        return this;
    }

    JsonOut object(String field, Body body) throws IOException {
        json.writeObjectFieldStart(field);
        body.write(this);
        json.writeEndObject();
        return this;
    }

    <T> JsonOut array(String field, List<T> items, ItemWriter<T> writer) throws IOException {
        if (items != null) {
            json.writeArrayFieldStart(field);
            for (T item : items) {
                json.writeStartObject();
                writer.write(this, item);
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        return this;
    }

    /** Writes fields kept from a document this codec did not fully understand, unchanged. */
    JsonOut raw(Map<String, String> unknown) throws IOException {
        for (Map.Entry<String, String> entry : unknown.entrySet()) {
            json.writeFieldName(entry.getKey());
            json.writeRawValue(entry.getValue());
        }
        return this;
    }

    @FunctionalInterface
    interface ItemWriter<T> {
        void write(JsonOut out, T item) throws IOException;
    }
}
