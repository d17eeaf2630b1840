package dev.kiln.lint.rules;

import dev.kiln.dockerfile.ast.KeyValue;
import dev.kiln.lint.FindingSink;
import dev.kiln.lint.Level;
import dev.kiln.lint.LintContext;

/**
 * DL3048: label keys should be lower-case reverse-DNS words ({@code org.opencontainers.image.source}):
 * start with a letter, end with a letter or digit, only {@code a-z 0-9 . -}, no {@code ..} or
 * {@code --}, and not in the namespaces Docker reserves ({@code com.docker.}, {@code io.docker.},
 * {@code org.dockerproject.}).
 */
public final class LabelKey extends BaseRule {

    public LabelKey() {
        super("DL3048", Level.STYLE, "Invalid label key",
                "Name labels in lower-case reverse-DNS style (org.opencontainers.image.version) outside Docker's namespaces.");
    }

    @Override
    public void check(LintContext context, FindingSink sink) {
        for (KeyValue kv : Labels.all(context)) {
            String key = kv.key().value();
            if (kv.key().hasVariable()) {
                continue;
            }
            String problem = problem(key);
            if (problem != null) {
                sink.report(kv.key().range(), "label key " + key + " " + problem + "; use lower-case reverse-DNS names"
                        + " such as org.opencontainers.image.title");
            }
        }
    }

    static String problem(String key) {
        if (key.isEmpty() || key.charAt(0) < 'a' || key.charAt(0) > 'z') {
            return "does not start with a lower-case letter";
        }
        char last = key.charAt(key.length() - 1);
        if (!((last >= 'a' && last <= 'z') || (last >= '0' && last <= '9'))) {
            return "does not end with a letter or digit";
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-')) {
                return "contains '" + c + "'";
            }
        }
        if (key.contains("..") || key.contains("--")) {
            return "repeats a separator";
        }
        if (key.startsWith("com.docker.") || key.startsWith("io.docker.") || key.startsWith("org.dockerproject.")) {
            return "is in a namespace Docker reserves";
        }
        return null;
    }
}
