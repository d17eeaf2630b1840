package dev.kiln.analysis.report;

import static dev.kiln.analysis.StackedImage.dir;
import static dev.kiln.analysis.StackedImage.file;
import static dev.kiln.analysis.StackedImage.text;
import static dev.kiln.analysis.StackedImage.whiteout;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.analysis.ImageAnalysis;
import dev.kiln.analysis.StackedImage;
import dev.kiln.analysis.findings.FindingContext;
import dev.kiln.analysis.findings.Findings;
import dev.kiln.testing.HeadlessChromium;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML report opened in a real browser (Debian's chromium, headless). */
class HtmlReportIT {

    @TempDir
    Path dir;

    @Test
    void reportRendersItsChartsInChromiumWithoutErrors() throws Exception {
        StackedImage.Builder image = StackedImage.builder()
                .layer("/bin/sh -c #(nop) ADD file:abc in /", dir("usr"), dir("usr/lib"), file("usr/lib/libc.so", 900_000),
                        file("usr/lib/libm.so", 300_000), dir("etc"), file("etc/passwd", 900))
                .layer("/bin/sh -c apt-get update", dir("var"), file("var/lib/apt/lists/main_Packages", 400_000))
                .layer("/bin/sh -c rm -rf /usr/lib/libm.so </script><b>x</b>", whiteout("usr/lib/libm.so"),
                        text("app/.env", "SECRET_KEY=abcdefghijkl\n"));
        for (int i = 0; i < 40; i++) {
            image.layer("/bin/sh -c echo " + i + " > /f" + i, file("f" + i, 1000 + i));
        }
        ImageAnalysis a = image.analyze();
        Path html = dir.resolve("report.html");
        try (OutputStream out = Files.newOutputStream(html)) {
            HtmlReport.write(a, Findings.detect(a, FindingContext.tagged("1.0.0-1")), Optional.empty(), 20, out);
        }
        String source = Files.readString(html);
        assertThat(source).doesNotContain("src=\"http", "href=\"http", "url(http", "fetch(", "XMLHttpRequest", "@import")
                .contains("<\\/script>");

        String dom = HeadlessChromium.dumpDom(html, dir.resolve("profile"));
        assertThat(dom).contains("data-rendered=\"true\"").doesNotContain("data-error=\"");
        assertThat(attribute(dom, "data-bars")).isEqualTo(String.valueOf(a.layerCount()));
        assertThat(Integer.parseInt(attribute(dom, "data-cells"))).isGreaterThanOrEqualTo(4);
        assertThat(dom).contains("class=\"bar\"").contains("libc.so").contains("deleted-later").contains("package-cache");
        // the history line with markup shows as text, it does not inject elements
        assertThat(dom).doesNotContain("<b>x</b>");
    }

    private static String attribute(String dom, String name) {
        Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(dom);
        assertThat(m.find()).as(name + " in the rendered DOM").isTrue();
        return m.group(1);
    }
}
