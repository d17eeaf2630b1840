package dev.kiln.lint.report;

/** Who produced a report, for formats that say so (SARIF). */
public record ToolInfo(String name, String version, String informationUri) {

    public static final ToolInfo KILN = new ToolInfo("kiln", "unknown", "https://github.com/kiln-dev/kiln");

    public ToolInfo withVersion(String v) {
        return new ToolInfo(name, v, informationUri);
    }
}
