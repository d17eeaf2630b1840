package dev.kiln.lint.rules;

/** DL3033: yum install without versions. */
public final class YumPin extends RpmPinRule {

    public YumPin() {
        super("DL3033", "Specify version with yum install -y <package>-<version>", "yum");
    }
}
