package dev.kiln.analysis.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.kiln.analysis.BaseImage;
import dev.kiln.analysis.DiveFigures;
import dev.kiln.analysis.HistoryStep;
import dev.kiln.analysis.ImageAnalysis;
import dev.kiln.analysis.LayerSummary;
import dev.kiln.analysis.PathBytes;
import dev.kiln.analysis.Totals;
import dev.kiln.analysis.findings.Finding;
import dev.kiln.analysis.gate.Gate;
import dev.kiln.analysis.gate.RuleResult;
import dev.kiln.oci.ContainerConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The analysis as JSON (schema in docs/analyze.md): dive's export fields at the top ({@code layer[]},
 * {@code image}) so tools reading dive's {@code --json} keep working, and kiln's own figures under
 * {@code kiln}. Written streaming; nothing is built in memory first.
 */
public final class JsonReport {

    public static final int SCHEMA_VERSION = 1;

    private JsonReport() {
    }

    public static void write(ImageAnalysis a, List<Finding> findings, Optional<Gate.GateResult> gate, int top,
            OutputStream out) throws IOException {
        try (JsonGenerator json = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            diveLayers(json, a);
            diveImage(json, a.dive());
            json.writeObjectFieldStart("kiln");
            json.writeNumberField("schemaVersion", SCHEMA_VERSION);
            json.writeStringField("reference", a.reference());
            if (a.input().manifestDigest() != null) {
                json.writeStringField("manifestDigest", a.input().manifestDigest().toString());
            }
            json.writeStringField("platform", a.config().platform().toString());
            instant(json, "created", a.config().created());
            runtime(json, a.config().config());
            totals(json, a.totals());
            base(json, a);
            dive(json, a.dive());
            layers(json, a.layers());
            history(json, a.steps());
            paths(json, "topReclaimable", a.topReclaimable(top));
            paths(json, "largestFiles", a.largestFiles(top));
            findings(json, findings);
            if (gate.isPresent()) {
                gate(json, gate.get());
            }
            json.writeEndObject();
            json.writeEndObject();
        }
        out.write('\n');
        out.flush();
    }

    private static void diveLayers(JsonGenerator json, ImageAnalysis a) throws IOException {
        json.writeArrayFieldStart("layer");
        for (LayerSummary layer : a.layers()) {
            json.writeStartObject();
            json.writeNumberField("index", layer.index());
            json.writeStringField("id", layer.digest().encoded());
            json.writeStringField("digestId", layer.diffId().toString());
            json.writeNumberField("sizeBytes", a.dive().layerSizes().get(layer.index()));
            String command = layer.createdBy();
            json.writeStringField("command", command.startsWith("/bin/sh -c ") ? command.substring(11) : command);
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void diveImage(JsonGenerator json, DiveFigures dive) throws IOException {
        json.writeObjectFieldStart("image");
        json.writeNumberField("sizeBytes", dive.sizeBytes());
        json.writeNumberField("inefficientBytes", dive.wastedBytes());
        json.writeNumberField("efficiencyScore", dive.efficiency());
        json.writeNumberField("userWastedPercent", dive.userWastedPercent());
        json.writeArrayFieldStart("fileReference");
        for (DiveFigures.InefficientFile file : dive.inefficientFiles()) {
            json.writeStartObject();
            json.writeNumberField("count", file.count());
            json.writeNumberField("sizeBytes", file.cumulativeBytes());
            json.writeStringField("file", file.path());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void runtime(JsonGenerator json, ContainerConfig config) throws IOException {
        json.writeStringField("user", config.user() == null ? "" : config.user());
        strings(json, "entrypoint", config.entrypoint());
        strings(json, "cmd", config.cmd());
    }

    private static void totals(JsonGenerator json, Totals t) throws IOException {
        json.writeObjectFieldStart("totals");
        json.writeNumberField("compressedBytes", t.compressedBytes());
        json.writeNumberField("uncompressedBytes", t.uncompressedBytes());
        json.writeNumberField("contentBytes", t.contentBytes());
        json.writeNumberField("visibleBytes", t.visibleBytes());
        json.writeNumberField("reclaimableBytes", t.reclaimableBytes());
        json.writeNumberField("reclaimableRatio", t.reclaimableRatio());
        json.writeNumberField("files", t.files());
        json.writeNumberField("directories", t.directories());
        json.writeEndObject();
    }

    private static void base(JsonGenerator json, ImageAnalysis a) throws IOException {
        Totals t = a.totals();
        Optional<BaseImage> base = a.base();
        if (base.isPresent()) {
            BaseImage b = base.get();
            json.writeObjectFieldStart("base");
            json.writeStringField("name", b.name());
            json.writeNumberField("layers", b.layers());
            json.writeNumberField("compressedBytes", b.compressedBytes());
            json.writeNumberField("uncompressedBytes", b.uncompressedBytes());
            json.writeNumberField("contentBytes", b.contentBytes());
            json.writeNumberField("reclaimableBytes", b.reclaimableBytes());
            json.writeEndObject();
        } else {
            json.writeNullField("base");
        }
        int baseLayers = base.map(BaseImage::layers).orElse(0);
        json.writeObjectFieldStart("own");
        json.writeNumberField("layers", a.layerCount() - baseLayers);
        json.writeNumberField("compressedBytes", t.compressedBytes() - base.map(BaseImage::compressedBytes).orElse(0L));
        json.writeNumberField("uncompressedBytes",
                t.uncompressedBytes() - base.map(BaseImage::uncompressedBytes).orElse(0L));
        json.writeNumberField("contentBytes", t.contentBytes() - base.map(BaseImage::contentBytes).orElse(0L));
        json.writeNumberField("reclaimableBytes",
                t.reclaimableBytes() - base.map(BaseImage::reclaimableBytes).orElse(0L));
        json.writeEndObject();
    }

    private static void dive(JsonGenerator json, DiveFigures dive) throws IOException {
        json.writeObjectFieldStart("dive");
        json.writeNumberField("efficiency", dive.efficiency());
        json.writeNumberField("wastedBytes", dive.wastedBytes());
        json.writeNumberField("userWastedPercent", dive.userWastedPercent());
        json.writeNumberField("sizeBytes", dive.sizeBytes());
        json.writeNumberField("userSizeBytes", dive.userSizeBytes());
        json.writeEndObject();
    }

    private static void layers(JsonGenerator json, List<LayerSummary> layers) throws IOException {
        json.writeArrayFieldStart("layers");
        for (LayerSummary l : layers) {
            json.writeStartObject();
            json.writeNumberField("index", l.index());
            json.writeStringField("digest", l.digest().toString());
            json.writeStringField("diffId", l.diffId().toString());
            json.writeNumberField("compressedBytes", l.compressedSize());
            json.writeNumberField("uncompressedBytes", l.uncompressedSize());
            json.writeNumberField("contentBytes", l.contentBytes());
            json.writeNumberField("hiddenBytes", l.hiddenBytes());
            json.writeNumberField("entries", l.entries());
            json.writeNumberField("added", l.added());
            json.writeNumberField("modified", l.modified());
            json.writeNumberField("metadataOnly", l.metadataOnly());
            json.writeNumberField("removed", l.removed());
            json.writeStringField("createdBy", l.createdBy());
            json.writeStringField("step", l.step());
            instant(json, "created", l.created());
            json.writeBooleanField("base", l.base());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void history(JsonGenerator json, List<HistoryStep> steps) throws IOException {
        json.writeArrayFieldStart("history");
        for (HistoryStep s : steps) {
            json.writeStartObject();
            json.writeNumberField("index", s.index());
            instant(json, "created", s.created());
            json.writeStringField("createdBy", s.createdBy() == null ? "" : s.createdBy());
            json.writeStringField("step", s.step());
            if (s.comment() != null) {
                json.writeStringField("comment", s.comment());
            }
            json.writeBooleanField("emptyLayer", s.emptyLayer());
            json.writeNumberField("layer", s.layer());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void paths(JsonGenerator json, String field, List<PathBytes> paths) throws IOException {
        json.writeArrayFieldStart(field);
        for (PathBytes p : paths) {
            json.writeStartObject();
            json.writeStringField("path", p.path());
            json.writeNumberField("bytes", p.bytes());
            json.writeNumberField("copies", p.copies());
            json.writeNumberField("layer", p.layer());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void findings(JsonGenerator json, List<Finding> findings) throws IOException {
        json.writeArrayFieldStart("findings");
        for (Finding f : findings) {
            json.writeStartObject();
            json.writeStringField("code", f.code());
            json.writeStringField("severity", f.severity().label());
            json.writeStringField("message", f.message());
            json.writeNumberField("bytes", f.bytes());
            json.writeNumberField("layer", f.layer());
            json.writeStringField("step", f.step());
            json.writeNumberField("relatedLayer", f.relatedLayer());
            json.writeStringField("relatedStep", f.relatedStep());
            json.writeArrayFieldStart("paths");
            for (String path : f.paths()) {
                json.writeString(path);
            }
            json.writeEndArray();
            json.writeNumberField("pathCount", f.pathCount());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void gate(JsonGenerator json, Gate.GateResult gate) throws IOException {
        json.writeObjectFieldStart("gate");
        json.writeBooleanField("passed", gate.passed());
        json.writeArrayFieldStart("rules");
        for (RuleResult r : gate.results()) {
            json.writeStartObject();
            json.writeStringField("rule", r.rule());
            json.writeStringField("status", r.status().name().toLowerCase(java.util.Locale.ROOT));
            json.writeStringField("message", r.message());
            json.writeStringField("source", r.source());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void strings(JsonGenerator json, String field, List<String> values) throws IOException {
        if (values == null) {
            json.writeNullField(field);
            return;
        }
        json.writeArrayFieldStart(field);
        for (String v : values) {
            json.writeString(v);
        }
        json.writeEndArray();
    }

    private static void instant(JsonGenerator json, String field, Instant value) throws IOException {
        if (value != null) {
            json.writeStringField(field, value.toString());
        }
    }
}
