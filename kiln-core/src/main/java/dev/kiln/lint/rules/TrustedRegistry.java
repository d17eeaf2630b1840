package dev.kiln.lint.rules;

import dev.kiln.dockerfile.ast.Stage;
import dev.kiln.lint.FindingSink;
import dev.kiln.lint.ImageName;
import dev.kiln.lint.Level;
import dev.kiln.lint.LintContext;
import java.util.List;
import java.util.Optional;

/**
 * DL3026: a FROM image from a registry outside {@code trustedRegistries}. Only active when the list is
 * configured; entries may use {@code *} ({@code *.gcr.io}); {@code docker.io} covers Docker Hub names
 * written without a registry.
 */
public final class TrustedRegistry extends BaseRule {

    public TrustedRegistry() {
        super("DL3026", Level.ERROR, "Use only an allowed registry in the FROM image",
                "Take base images only from the registries your team trusts (trustedRegistries in .hadolint.yaml).");
    }

    @Override
    public void check(LintContext context, FindingSink sink) {
        List<String> trusted = context.config().trustedRegistries();
        if (trusted.isEmpty()) {
            return;
        }
        for (Stage stage : context.stages()) {
            Optional<ImageName> image = context.baseImage(stage);
            if (image.isEmpty()) {
                continue;
            }
            String registry = image.get().registry();
            if (trusted.stream().noneMatch(t -> matches(t, registry))) {
                sink.report(stage.baseImage().range(), "FROM " + stage.baseImage().value() + " comes from " + registry
                        + ", which is not a trusted registry (" + String.join(", ", trusted) + "); use a mirror there");
            }
        }
    }

    static boolean matches(String pattern, String registry) {
        String p = pattern.trim().toLowerCase(java.util.Locale.ROOT);
        if (p.equals("hub.docker.com") || p.equals("index.docker.io") || p.equals("registry-1.docker.io")) {
            p = "docker.io";
        }
        if (p.equals("*")) {
            return true;
        }
        if (p.startsWith("*.")) {
            return registry.endsWith(p.substring(1));
        }
        return registry.equals(p);
    }
}
