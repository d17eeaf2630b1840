package dev.kiln.dockerfile.ast;

import java.util.List;
import java.util.Optional;

/**
 * A parsed and checked Dockerfile.
 *
 * @param syntax       the line-parser view: source text, directives, escape character, nodes, comments
 * @param instructions every instruction in source order (global ARGs included)
 * @param globalArgs   the ARGs before the first FROM
 * @param stages       the stages in order
 */
public record Dockerfile(SyntaxTree syntax, List<Instruction> instructions, List<ArgInstruction> globalArgs,
        List<Stage> stages) {

    public Dockerfile {
        instructions = List.copyOf(instructions);
        globalArgs = List.copyOf(globalArgs);
        stages = List.copyOf(stages);
    }

    public String fileName() {
        return syntax.fileName();
    }

    /** The text as read. Ranges index into it. */
    public String source() {
        return syntax.source();
    }

    public char escape() {
        return syntax.escape();
    }

    public List<Directive> directives() {
        return syntax.directives();
    }

    /** Every comment line in the file. */
    public List<Comment> comments() {
        return syntax.comments();
    }

    /** A directive's value ({@code "syntax"}, {@code "escape"}, {@code "check"}). */
    public Optional<String> directive(String name) {
        return syntax.directives().stream().filter(d -> d.name().equals(name)).map(Directive::value).findFirst();
    }

    /** The stage called {@code ref} (name in any case, or index). */
    public Optional<Stage> stage(String ref) {
        return stages.stream().filter(s -> s.isCalled(ref)).findFirst();
    }

    /**
     * The earlier stage a {@code FROM image} or {@code COPY --from=ref} inside stage {@code fromIndex}
     * refers to, if it names one; empty means an image (or a named build context).
     */
    public Optional<Stage> referencedStage(String ref, int fromIndex) {
        return stages.stream().filter(s -> s.index() < fromIndex && s.isCalled(ref)).findFirst();
    }

    /** The stage containing an instruction, if it is not a global ARG. */
    public Optional<Stage> stageOf(Instruction instruction) {
        for (Stage s : stages) {
            if (s.from() == instruction || s.instructions().contains(instruction)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
