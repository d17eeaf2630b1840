package dev.kiln.lint.rules;

import dev.kiln.dockerfile.ast.CmdInstruction;
import dev.kiln.dockerfile.ast.EntrypointInstruction;
import dev.kiln.dockerfile.ast.Stage;
import dev.kiln.dockerfile.shell.ShellWord;
import dev.kiln.dockerfile.shell.SimpleCommand;
import dev.kiln.lint.FindingSink;
import dev.kiln.lint.ImageName;
import dev.kiln.lint.Level;
import dev.kiln.lint.LintContext;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * KL007: the final image is built on a compiler/SDK image (golang, rust, gcc, maven, gradle, a JDK,
 * the .NET SDK, buildpack-deps, node) and compiles in it, then runs the result: the whole toolchain
 * ships with the program. A final stage that builds nothing (an SDK image made on purpose) is not
 * flagged.
 */
public final class SdkFinalImage extends BaseRule {

    /** Image name → a typical runtime image to copy the result into. */
    private static final Map<String, String> SDKS = Map.ofEntries(
            Map.entry("golang", "gcr.io/distroless/static or scratch"),
            Map.entry("rust", "gcr.io/distroless/cc or debian:bookworm-slim"),
            Map.entry("gcc", "debian:bookworm-slim or gcr.io/distroless/cc"),
            Map.entry("maven", "eclipse-temurin:<version>-jre"),
            Map.entry("gradle", "eclipse-temurin:<version>-jre"),
            Map.entry("buildpack-deps", "debian:bookworm-slim"),
            Map.entry("sdk", "mcr.microsoft.com/dotnet/aspnet or runtime"),
            Map.entry("node", "node:<version>-slim with only production dependencies"),
            Map.entry("swift", "swift:<version>-slim"),
            Map.entry("haskell", "debian:bookworm-slim"),
            Map.entry("clojure", "eclipse-temurin:<version>-jre"));

    public SdkFinalImage() {
        super("KL007", Level.WARNING, "Compiler/SDK image used for the final stage",
                "Build in a FROM <sdk> AS build stage and COPY only the result into a runtime image; the toolchain is often 500 MB-1 GB.");
    }

    @Override
    public void check(LintContext context, FindingSink sink) {
        Stage last = context.finalStage();
        Optional<ImageName> image = context.rootImage(last);
        if (image.isEmpty() || !runsSomething(last)) {
            return;
        }
        String runtime = sdk(image.get());
        if (runtime == null) {
            return;
        }
        Optional<SimpleCommand> build = buildCommand(context, last);
        if (build.isEmpty()) {
            return;
        }
        sink.report(last.baseImage().range(), "the final image is the " + image.get().name() + " build image and "
                + build.get().name() + " builds in it (line " + build.get().range().startLine() + "): the compiler and"
                + " build cache ship too (often 500 MB-1 GB); build in a stage (FROM " + image.get().name()
                + " AS build) and COPY the result into " + runtime);
    }

    /** A runtime image to suggest when {@code image} is a compiler/SDK image, else null. */
    static String sdk(ImageName image) {
        String name = image.name();
        String tag = image.tag().orElse("").toLowerCase(Locale.ROOT);
        if (name.equals("sdk") && !image.path().contains("dotnet")) {
            return null;
        }
        if (SDKS.containsKey(name)) {
            return SDKS.get(name);
        }
        if ((name.equals("openjdk") || name.equals("eclipse-temurin") || name.equals("amazoncorretto")
                || name.equals("ibm-semeru-runtimes") || name.equals("sapmachine")) && !tag.contains("jre")) {
            return name + ":<version>-jre";
        }
        return null;
    }

    private static boolean runsSomething(Stage stage) {
        return !stage.instructions(CmdInstruction.class).isEmpty() || !stage.instructions(EntrypointInstruction.class)
                .isEmpty();
    }

    /**
     * A compile or bundle step in the stage after sources were copied in from the build context
     * (go build, cargo build, mvn package, npm run build, make...): the application is built where it
     * runs. Images that build downloaded sources (the official language images) are SDKs on purpose.
     */
    private static Optional<SimpleCommand> buildCommand(LintContext context, Stage stage) {
        boolean copied = false;
        for (var i : stage.instructions()) {
            if (i instanceof dev.kiln.dockerfile.ast.CopyInstruction c && c.options().from().isEmpty()
                    || i instanceof dev.kiln.dockerfile.ast.AddInstruction a && a.sources().stream()
                            .noneMatch(w -> Archives.isUrl(w.value()))) {
                copied = true;
            }
            if (!copied || !(i instanceof dev.kiln.dockerfile.ast.RunInstruction run)) {
                continue;
            }
            var script = context.script(run);
            if (script.isEmpty()) {
                continue;
            }
            for (SimpleCommand c : script.get().commands()) {
                SimpleCommand u = c.unwrapped();
                String n = u.name();
                String first = u.arguments().stream().filter(w -> !w.isOption()).findFirst().map(ShellWord::value)
                        .orElse("");
                boolean builds = switch (n) {
                    case "go" -> first.equals("build") || first.equals("install");
                    case "cargo" -> first.equals("build") || first.equals("install");
                    case "mvn", "mvnw", "gradle", "gradlew" -> true;
                    case "dotnet" -> first.equals("publish") || first.equals("build");
                    case "make", "cmake", "gcc", "g++", "cc", "javac", "swift", "stack", "cabal" -> true;
                    case "npm", "yarn", "pnpm" -> first.equals("run") && u.arguments().stream().anyMatch(
                            w -> w.value().equals("build"));
                    default -> false;
                };
                if (builds) {
                    return Optional.of(u);
                }
            }
        }
        return Optional.empty();
    }
}
