package dev.kiln.dockerfile.expand;

import dev.kiln.dockerfile.ast.ArgDeclaration;
import dev.kiln.dockerfile.ast.ArgInstruction;
import dev.kiln.dockerfile.ast.Dockerfile;
import dev.kiln.dockerfile.ast.Stage;
import dev.kiln.dockerfile.ast.Word;
import dev.kiln.dockerfile.parser.DockerfileParseException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The ARGs before the first FROM (with build args and the automatic platform ARGs): what each FROM
 * line expands with, and the values a stage inherits when it redeclares {@code ARG NAME}.
 *
 * <pre>{@code
 * GlobalScope global = GlobalScope.of(dockerfile, BuildArgs.of(Map.of("VERSION", "2")));
 * for (Stage stage : dockerfile.stages()) {
 *     String base = global.expand(stage.baseImage());
 *     StageScope scope = global.enter(stage);
 *     for (Instruction i : stage.instructions()) {
 *         ... scope.expand(word) for the words of i ...
 *         scope.apply(i);               // ARG and ENV change the scope after their line
 *     }
 * }
 * }</pre>
 */
public final class GlobalScope {

    private final Dockerfile dockerfile;
    private final BuildArgs buildArgs;
    private final WordExpander expander;
    /** Declared global ARGs; a null value is declared but unset. */
    private final Map<String, String> declared = new LinkedHashMap<>();
    private final Map<String, String> automatic;
    private final Set<String> usedBuildArgs = new HashSet<>();

    private GlobalScope(Dockerfile dockerfile, BuildArgs buildArgs) {
        this.dockerfile = dockerfile;
        this.buildArgs = buildArgs;
        this.expander = new WordExpander(dockerfile.escape());
        this.automatic = buildArgs.platforms().args();
    }

    /** Evaluates the global ARGs in order. */
    public static GlobalScope of(Dockerfile dockerfile, BuildArgs buildArgs) throws DockerfileParseException {
        GlobalScope scope = new GlobalScope(dockerfile, buildArgs);
        for (ArgInstruction arg : dockerfile.globalArgs()) {
            for (ArgDeclaration d : arg.declarations()) {
                scope.declared.put(d.name(), scope.argValue(d, scope::lookup));
            }
        }
        return scope;
    }

    /** A global ARG's value, or an automatic platform ARG's; empty when unset. */
    public Optional<String> lookup(String name) {
        if (declared.containsKey(name)) {
            return Optional.ofNullable(declared.get(name));
        }
        return Optional.ofNullable(automatic.get(name));
    }

    /** Expands a word of a FROM line (image, {@code --platform}) in the global scope. */
    public String expand(Word word) throws DockerfileParseException {
        return expand(word.raw(), word);
    }

    /** Expands text located at {@code where} (for errors) in the global scope. */
    public String expand(String text, Word where) throws DockerfileParseException {
        try {
            return expander.expand(text, this::lookup);
        } catch (ExpansionException e) {
            throw new DockerfileParseException(dockerfile.fileName(), where.range(), e.getMessage());
        }
    }

    /** The scope at the start of a stage: no ENV, no ARG until redeclared. */
    public StageScope enter(Stage stage) {
        return new StageScope(this, stage);
    }

    /** Build args some ARG took, so a builder can warn about the others. */
    public Set<String> usedBuildArgs() {
        return Set.copyOf(usedBuildArgs);
    }

    Dockerfile dockerfile() {
        return dockerfile;
    }

    WordExpander expander() {
        return expander;
    }

    BuildArgs buildArgs() {
        return buildArgs;
    }

    /** The value an {@code ARG} takes here: the build arg, else its expanded default, else unset (null). */
    String argValue(ArgDeclaration d, Variables scope) throws DockerfileParseException {
        Optional<String> given = buildArgs.get(d.name());
        if (given.isPresent()) {
            usedBuildArgs.add(d.name());
            return given.get();
        }
        if (d.defaultValue().isEmpty()) {
            return null;
        }
        Word value = d.defaultValue().get();
        try {
            return expander.expand(value.raw(), scope);
        } catch (ExpansionException e) {
            throw new DockerfileParseException(dockerfile.fileName(), value.range(), e.getMessage());
        }
    }

    /** For a stage's bare {@code ARG NAME}: the global value (declared global ARG, or automatic). */
    Optional<String> inherited(String name) {
        return lookup(name);
    }

    /** True if a global ARG of this name was declared (with or without a value). */
    boolean declares(String name) {
        return declared.containsKey(name) || automatic.containsKey(name);
    }
}
