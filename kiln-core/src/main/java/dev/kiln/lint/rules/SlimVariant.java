package dev.kiln.lint.rules;

import dev.kiln.dockerfile.ast.Stage;
import dev.kiln.lint.FindingSink;
import dev.kiln.lint.ImageName;
import dev.kiln.lint.Level;
import dev.kiln.lint.LintContext;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * KL008: the final image starts from a full official image that has a much smaller variant
 * (debian → -slim, python/node/ruby/perl → -slim, php/httpd/nginx/redis/postgres → -alpine).
 * buildpack-deps is a toolchain base (KL007's business), not judged here.
 * Tags already naming a small variant (slim, alpine, minimal, distroless, busybox) are left alone.
 * The sizes quoted are approximate uncompressed sizes of recent amd64 images.
 */
public final class SlimVariant extends BaseRule {

    /** Official image → suffix of its small variant, full size, small size. */
    private record Variant(String suffix, String fullSize, String smallSize) {
    }

    private static final Map<String, Variant> VARIANTS = Map.ofEntries(
            Map.entry("debian", new Variant("slim", "120 MB", "75 MB")),
            Map.entry("python", new Variant("slim", "1 GB", "150 MB")),
            Map.entry("node", new Variant("slim", "1.1 GB", "200 MB")),
            Map.entry("ruby", new Variant("slim", "1 GB", "200 MB")),
            Map.entry("perl", new Variant("slim", "900 MB", "150 MB")),
            Map.entry("php", new Variant("alpine", "500 MB", "100 MB")),
            Map.entry("httpd", new Variant("alpine", "150 MB", "60 MB")),
            Map.entry("nginx", new Variant("alpine", "190 MB", "50 MB")),
            Map.entry("redis", new Variant("alpine", "140 MB", "40 MB")),
            Map.entry("postgres", new Variant("alpine", "430 MB", "240 MB")));

    public SlimVariant() {
        super("KL008", Level.INFO, "Large base image with a slim variant",
                "Start the final stage from the slim or alpine variant of the base image; the full one carries compilers and docs you do not use.");
    }

    @Override
    public void check(LintContext context, FindingSink sink) {
        Stage last = context.finalStage();
        Optional<ImageName> image = context.rootImage(last);
        if (image.isEmpty() || !image.get().isOfficial() || !BuildPackagesLeft.runsAProgram(context)) {
            return; // base images (no CMD/ENTRYPOINT) choose their base for their users
        }
        Variant v = VARIANTS.get(image.get().name());
        String tag = image.get().tagOrLatest().toLowerCase(Locale.ROOT);
        if (v == null || tag.contains("slim") || tag.contains("alpine") || tag.contains("minimal")
                || tag.contains("distroless") || tag.contains("busybox") || tag.contains("windows")
                || tag.contains("nanoserver") || tag.contains("servercore")) {
            return;
        }
        Stage root = context.ancestry(last).get(context.ancestry(last).size() - 1);
        sink.report(root.baseImage().range(), image.get().name() + ":" + tag + " is the full image (about " + v.fullSize()
                + "); its " + v.suffix() + " variant " + suggestion(image.get().name(), tag, v) + " is about "
                + v.smallSize() + "; switch unless you need what only the full image has");
    }

    private static String suggestion(String name, String tag, Variant v) {
        if (tag.equals("latest")) {
            return "(" + name + ":" + v.suffix() + ")";
        }
        return "(" + name + ":" + tag + "-" + v.suffix() + ")";
    }
}
