package dev.kiln.lint.rules;

/** DL3038: dnf without -y (microdnf never prompts, so it is not checked). */
public final class DnfYes extends RpmYesRule {

    public DnfYes() {
        super("DL3038", "dnf");
    }
}
