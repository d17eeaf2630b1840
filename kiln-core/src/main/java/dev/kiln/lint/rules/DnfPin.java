package dev.kiln.lint.rules;

/** DL3041: dnf (or microdnf) install without versions. */
public final class DnfPin extends RpmPinRule {

    public DnfPin() {
        super("DL3041", "Specify version with dnf install -y <package>-<version>", "dnf", "microdnf");
    }
}
