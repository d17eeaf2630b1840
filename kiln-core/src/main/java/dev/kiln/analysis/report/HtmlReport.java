package dev.kiln.analysis.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.kiln.analysis.ImageAnalysis;
import dev.kiln.analysis.findings.Finding;
import dev.kiln.analysis.gate.Gate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * A self-contained HTML report (inline CSS, JavaScript and SVG; nothing fetched from the network): a
 * summary, a bar chart of the layers (visible and reclaimable bytes), a treemap of the final filesystem,
 * findings, the largest reclaimable paths and the history. The data is the JSON report embedded in the
 * page plus the treemap tree.
 */
public final class HtmlReport {

    private static final String TEMPLATE = "report.html";
    private static final String PLACEHOLDER = "__KILN_DATA__";

    private HtmlReport() {
    }

    public static void write(ImageAnalysis a, List<Finding> findings, Optional<Gate.GateResult> gate, int top,
            OutputStream out) throws IOException {
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        JsonReport.write(a, findings, gate, top, report);
        ByteArrayOutputStream tree = new ByteArrayOutputStream();
        try (JsonGenerator json = new JsonFactory().createGenerator(tree)) {
            TreemapData.write(a, json);
        }
        String data = "{\"report\":" + report.toString(StandardCharsets.UTF_8).strip() + ",\"tree\":"
                + tree.toString(StandardCharsets.UTF_8) + "}";
        String page = template().replace(PLACEHOLDER, scriptSafe(data));
        out.write(page.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** JSON inside a script element must not contain {@code </} or {@code <!--}. */
    static String scriptSafe(String json) {
        return json.replace("</", "<\\/").replace("<!--", "<\\u0021--");
    }

    private static String template() {
        try (InputStream in = HtmlReport.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException("report template " + TEMPLATE + " missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
