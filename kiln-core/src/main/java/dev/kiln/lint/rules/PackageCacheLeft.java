package dev.kiln.lint.rules;

import dev.kiln.dockerfile.shell.ShellScript;
import dev.kiln.dockerfile.shell.ShellWord;
import dev.kiln.dockerfile.shell.SimpleCommand;
import dev.kiln.lint.FindingSink;
import dev.kiln.lint.Level;
import dev.kiln.lint.LintContext;
import java.util.List;
import java.util.Optional;

/**
 * KL009: package-manager caches hadolint does not check, left in a layer of the final image: npm's
 * {@code ~/.npm}, Go's build and module caches, cargo's registry, Maven's {@code ~/.m2}, Gradle's
 * {@code ~/.gradle}, uv's cache and RubyGems' {@code .gem} files. Cleaning in the same RUN, or a cache
 * mount on the directory, counts.
 */
public final class PackageCacheLeft extends BaseRule {

    /** A tool, when it fills its cache, the directories that clean it, and the command that clears it. */
    private record Cache(String tool, List<String> dirs, String clean, String size) {
    }

    private static final List<Cache> CACHES = List.of(
            new Cache("npm", List.of("/root/.npm"), "npm cache clean --force", "as large as node_modules"),
            new Cache("go", List.of("/root/.cache/go-build", "/go/pkg/mod"), "go clean -cache -modcache",
                    "hundreds of MB"),
            new Cache("cargo", List.of("/usr/local/cargo/registry", "/root/.cargo/registry"),
                    "rm -rf \"$CARGO_HOME/registry\"", "hundreds of MB"),
            new Cache("mvn", List.of("/root/.m2"), "rm -rf /root/.m2/repository", "every dependency jar"),
            new Cache("gradle", List.of("/root/.gradle", "/home/gradle/.gradle"), "rm -rf /root/.gradle/caches",
                    "every dependency jar"),
            new Cache("uv", List.of("/root/.cache/uv"), "uv cache clean", "as large as what was installed"),
            new Cache("gem", List.of("/usr/local/bundle/cache", "/root/.gem", "/root/.local/share/gem"),
                    "rm -rf \"$GEM_HOME/cache\"", "a copy of every gem"));

    public PackageCacheLeft() {
        super("KL009", Level.WARNING, "Package-manager cache left in the image",
                "Clean the tool's cache in the RUN that fills it (npm cache clean --force, go clean -cache -modcache, ...) or use RUN --mount=type=cache.");
    }

    @Override
    public void check(LintContext context, FindingSink sink) {
        for (FinalImageRuns.Run r : FinalImageRuns.of(context)) {
            for (Cache cache : CACHES) {
                Optional<SimpleCommand> filler = filler(r.script(), cache.tool());
                if (filler.isEmpty() || cleaned(r, cache)) {
                    continue;
                }
                sink.report(filler.get().range(), filler.get().name() + " leaves its cache (" + cache.dirs().get(0)
                        + ", " + cache.size() + ") in this layer; end the RUN with " + cache.clean()
                        + " or use RUN --mount=type=cache,target=" + cache.dirs().get(0));
            }
        }
    }

    private static Optional<SimpleCommand> filler(ShellScript script, String tool) {
        for (SimpleCommand c : script.commands()) {
            SimpleCommand u = c.unwrapped();
            String n = u.name();
            String sub = u.arguments().stream().filter(w -> !w.isOption()).findFirst().map(ShellWord::value).orElse("");
            boolean fills = switch (tool) {
                case "npm" -> n.equals("npm") && List.of("install", "i", "ci", "add").contains(sub)
                        && !u.hasAnyFlag("--cache");
                case "go" -> n.equals("go") && List.of("build", "install", "get").contains(sub)
                        || n.equals("go") && sub.equals("mod") && u.arguments().stream().anyMatch(w -> w.value().equals("download"));
                case "cargo" -> n.equals("cargo") && List.of("build", "install", "fetch").contains(sub);
                case "mvn" -> n.equals("mvn") || n.equals("mvnw");
                case "gradle" -> n.equals("gradle") || n.equals("gradlew");
                case "uv" -> n.equals("uv") && (sub.equals("sync") || sub.equals("pip")) && !u.hasAnyFlag("--no-cache");
                case "gem" -> n.equals("gem") && (sub.equals("install") || sub.equals("i"))
                        || n.equals("bundle") && (sub.equals("install") || u.arguments().isEmpty());
                default -> false;
            };
            if (fills && !u.assignments().stream().anyMatch(a -> a.value().startsWith("UV_NO_CACHE=")
                    || a.value().startsWith("npm_config_cache=") || a.value().startsWith("GOCACHE=")
                    || a.value().startsWith("GOFLAGS=-modcacherw"))) {
                return Optional.of(u);
            }
        }
        return Optional.empty();
    }

    private static boolean cleaned(FinalImageRuns.Run r, Cache cache) {
        for (String dir : cache.dirs()) {
            if (Cleanups.cleaned(r.run(), r.script(), dir)) {
                return true;
            }
        }
        for (SimpleCommand c : r.script().commands()) {
            SimpleCommand u = c.unwrapped();
            List<String> args = u.arguments().stream().map(ShellWord::value).toList();
            boolean clears = switch (cache.tool()) {
                case "npm" -> u.name().equals("npm") && args.contains("cache") && (args.contains("clean") || args.contains("rm"));
                case "go" -> u.name().equals("go") && args.contains("clean");
                case "uv" -> u.name().equals("uv") && args.contains("cache");
                case "gem" -> u.name().equals("rm") && args.stream().anyMatch(a -> a.endsWith("/cache") || a.contains("/cache/"));
                case "cargo" -> u.name().equals("rm") && args.stream().anyMatch(a -> a.contains("registry"));
                case "mvn" -> u.name().equals("rm") && args.stream().anyMatch(a -> a.contains(".m2"));
                case "gradle" -> u.name().equals("rm") && args.stream().anyMatch(a -> a.contains(".gradle"));
                default -> false;
            };
            if (clears) {
                return true;
            }
        }
        return false;
    }
}
