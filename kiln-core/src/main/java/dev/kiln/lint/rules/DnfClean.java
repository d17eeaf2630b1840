package dev.kiln.lint.rules;

/** DL3040: dnf (or microdnf) install without dnf clean all. */
public final class DnfClean extends RpmCleanRule {

    public DnfClean() {
        super("DL3040", "dnf clean all missing after dnf command", new String[] {"dnf", "microdnf"}, "/var/cache/dnf",
                "/var/cache/yum");
    }
}
