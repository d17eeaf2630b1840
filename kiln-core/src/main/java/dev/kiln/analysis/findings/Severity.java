package dev.kiln.analysis.findings;

/** How much a finding matters, most important first. */
public enum Severity {
    ERROR, WARNING, INFO;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
