package dev.kiln.lint.rules;

/** DL3030: yum without -y. */
public final class YumYes extends RpmYesRule {

    public YumYes() {
        super("DL3030", "yum");
    }
}
