package dev.kiln.lint.rules;

/** DL3032: yum install without yum clean all. */
public final class YumClean extends RpmCleanRule {

    public YumClean() {
        super("DL3032", "yum clean all missing after yum command", new String[] {"yum"}, "/var/cache/yum");
    }
}
