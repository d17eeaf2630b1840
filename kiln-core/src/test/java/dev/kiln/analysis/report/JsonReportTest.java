package dev.kiln.analysis.report;

import static dev.kiln.analysis.StackedImage.dir;
import static dev.kiln.analysis.StackedImage.file;
import static dev.kiln.analysis.StackedImage.whiteout;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.analysis.ImageAnalysis;
import dev.kiln.analysis.StackedImage;
import dev.kiln.analysis.findings.FindingContext;
import dev.kiln.analysis.findings.Findings;
import java.io.ByteArrayOutputStream;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonReportTest {

    static JsonNode report(ImageAnalysis a) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonReport.write(a, Findings.detect(a, FindingContext.tagged("latest")), Optional.empty(), 20, out);
        return new ObjectMapper().readTree(out.toByteArray());
    }

    @Test
    void diveFieldsAtTheTopAndKilnFiguresBelow() throws Exception {
        ImageAnalysis a = StackedImage.builder()
                .layer("/bin/sh -c #(nop) ADD file:1 in /", dir("d"), file("d/x", 100), file("d/y", 50))
                .emptyStep("/bin/sh -c #(nop)  ENV X=1")
                .layer("/bin/sh -c rm -rf /d/x", whiteout("d/x"))
                .analyze();
        JsonNode json = report(a);
        assertThat(json.get("layer")).hasSize(2);
        assertThat(json.at("/layer/1/command").asText()).isEqualTo("rm -rf /d/x");
        assertThat(json.at("/layer/0/sizeBytes").asLong()).isEqualTo(150);
        assertThat(json.at("/layer/0/digestId").asText()).isEqualTo(a.layers().get(0).diffId().toString());
        assertThat(json.at("/image/sizeBytes").asLong()).isEqualTo(150);
        assertThat(json.at("/image/inefficientBytes").asLong()).isEqualTo(100);
        assertThat(json.at("/image/efficiencyScore").asDouble()).isEqualTo(50.0 / 150);
        assertThat(json.at("/image/fileReference/0/file").asText()).isEqualTo("/d/x");
        assertThat(json.at("/image/fileReference/0/count").asInt()).isEqualTo(2);
        JsonNode kiln = json.get("kiln");
        assertThat(kiln.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(kiln.at("/totals/reclaimableBytes").asLong()).isEqualTo(100);
        assertThat(kiln.at("/totals/visibleBytes").asLong()).isEqualTo(50);
        assertThat(kiln.get("history")).hasSize(3);
        assertThat(kiln.at("/history/1/emptyLayer").asBoolean()).isTrue();
        assertThat(kiln.at("/history/1/layer").asInt()).isEqualTo(-1);
        assertThat(kiln.at("/layers/1/removed").asInt()).isEqualTo(1);
        assertThat(kiln.at("/topReclaimable/0/path").asText()).isEqualTo("/d/x");
        assertThat(kiln.at("/topReclaimable/0/layer").asInt()).isEqualTo(1);
        assertThat(kiln.get("base").isNull()).isTrue();
        assertThat(kiln.at("/own/layers").asInt()).isEqualTo(2);
        assertThat(kiln.get("findings").findValuesAsText("code")).contains("deleted-later", "latest-tag", "runs-as-root");
    }
}
