package dev.kiln.analysis.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.kiln.analysis.ImageComparison;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;

/** {@code kiln analyze A --compare B --format json}: the comparison as JSON (schema in docs/analyze.md). */
public final class ComparisonJson {

    private ComparisonJson() {
    }

    public static void write(ImageComparison c, OutputStream out) throws IOException {
        try (JsonGenerator json = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeNumberField("schemaVersion", JsonReport.SCHEMA_VERSION);
            json.writeStringField("before", c.before());
            json.writeStringField("after", c.after());
            ImageComparison.Counts n = c.counts();
            json.writeObjectFieldStart("totals");
            pair(json, "compressedBytes", n.compressedBefore(), n.compressedAfter());
            pair(json, "uncompressedBytes", n.uncompressedBefore(), n.uncompressedAfter());
            pair(json, "visibleBytes", n.visibleBefore(), n.visibleAfter());
            pair(json, "reclaimableBytes", n.reclaimableBefore(), n.reclaimableAfter());
            json.writeNumberField("added", n.added());
            json.writeNumberField("removed", n.removed());
            json.writeNumberField("grew", n.grew());
            json.writeNumberField("shrank", n.shrank());
            json.writeNumberField("changed", n.changed());
            json.writeEndObject();
            json.writeArrayFieldStart("layers");
            for (ImageComparison.LayerDiff l : c.layers()) {
                json.writeStartObject();
                json.writeStringField("in", l.side());
                json.writeNumberField("indexBefore", l.indexBefore());
                json.writeNumberField("indexAfter", l.indexAfter());
                json.writeStringField("diffId", l.diffId());
                json.writeNumberField("uncompressedBytes", l.uncompressedBytes());
                json.writeNumberField("contentBytes", l.contentBytes());
                json.writeStringField("step", l.step());
                json.writeEndObject();
            }
            json.writeEndArray();
            deltas(json, "paths", c.paths());
            deltas(json, "directories", c.directories());
            json.writeEndObject();
        }
        out.write('\n');
        out.flush();
    }

    private static void pair(JsonGenerator json, String field, long before, long after) throws IOException {
        json.writeObjectFieldStart(field);
        json.writeNumberField("before", before);
        json.writeNumberField("after", after);
        json.writeNumberField("delta", after - before);
        json.writeEndObject();
    }

    private static void deltas(JsonGenerator json, String field, List<ImageComparison.PathDelta> deltas)
            throws IOException {
        json.writeArrayFieldStart(field);
        for (ImageComparison.PathDelta d : deltas) {
            json.writeStartObject();
            json.writeStringField("path", d.path());
            json.writeStringField("change", d.kind().name().toLowerCase(Locale.ROOT));
            json.writeNumberField("bytesBefore", d.bytesBefore());
            json.writeNumberField("bytesAfter", d.bytesAfter());
            json.writeNumberField("delta", d.delta());
            json.writeEndObject();
        }
        json.writeEndArray();
    }
}
