package dev.kiln.dockerfile.ast;

import java.util.List;

/**
 * A checked, typed Dockerfile instruction. Each record keeps the {@link Node} it was made from, which
 * holds the exact ranges of keyword, flags, arguments and heredocs and the comments above it.
 */
public sealed interface Instruction permits FromInstruction, RunInstruction, CmdInstruction, LabelInstruction,
        MaintainerInstruction, ExposeInstruction, EnvInstruction, AddInstruction, CopyInstruction,
        EntrypointInstruction, VolumeInstruction, UserInstruction, WorkdirInstruction, ArgInstruction,
        OnbuildInstruction, StopsignalInstruction, HealthcheckInstruction, ShellInstruction {

    /** The line-parser node with all positions. */
    Node node();

    /** Which instruction this is. */
    Keyword keyword();

    /** From the keyword to the end of the instruction (heredocs included). */
    default SourceRange range() {
        return node().range();
    }

    /** The comment lines directly above. */
    default List<Comment> comments() {
        return node().comments();
    }

    /** Here-documents (RUN, COPY, ADD in shell form). */
    default List<Heredoc> heredocs() {
        return node().heredocs();
    }
}
