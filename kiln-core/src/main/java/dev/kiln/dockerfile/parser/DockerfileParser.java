package dev.kiln.dockerfile.parser;

import dev.kiln.dockerfile.ast.ArgInstruction;
import dev.kiln.dockerfile.ast.Dockerfile;
import dev.kiln.dockerfile.ast.FromInstruction;
import dev.kiln.dockerfile.ast.Instruction;
import dev.kiln.dockerfile.ast.Node;
import dev.kiln.dockerfile.ast.SourceRange;
import dev.kiln.dockerfile.ast.Stage;
import dev.kiln.dockerfile.ast.SyntaxTree;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads Dockerfiles. {@link #parse} gives the checked, typed {@link Dockerfile} (what build and lint
 * use); {@link #parseSyntax} gives only the line-parser view that BuildKit's parser tests compare.
 * Both throw {@link DockerfileParseException} with file, line and column for anything BuildKit rejects,
 * and nothing else for any input. Stateless and thread-safe.
 */
public final class DockerfileParser {

    private DockerfileParser() {
    }

    /** Reads a file as UTF-8 (malformed bytes become U+FFFD) and parses it; errors name the file as given. */
    public static Dockerfile parse(Path file) throws IOException, DockerfileParseException {
        if (Files.isDirectory(file)) { // reading one fails with a bare "Is a directory"
            throw new java.nio.file.FileSystemException(file.toString(), null, "is a directory, not a Dockerfile");
        }
        return parse(file.toString(), decode(Files.readAllBytes(file)));
    }

    /** Decodes Dockerfile bytes as UTF-8, replacing malformed sequences, as BuildKit tolerates them. */
    public static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** The line-parser view only: directives, nodes, comments, heredocs. */
    public static SyntaxTree parseSyntax(String fileName, String source) throws DockerfileParseException {
        return new SyntaxParser(fileName, source).parse();
    }

    /** Parses and checks a Dockerfile: typed instructions, stages, global ARGs. */
    public static Dockerfile parse(String fileName, String source) throws DockerfileParseException {
        SyntaxParser syntax = new SyntaxParser(fileName, source);
        SyntaxTree tree = syntax.parse();
        InstructionBuilder builder = new InstructionBuilder(fileName, tree.escape(), syntax.lineIndex());
        List<Instruction> all = new ArrayList<>(tree.nodes().size());
        List<ArgInstruction> globalArgs = new ArrayList<>();
        List<Stage> stages = new ArrayList<>();
        Map<String, Integer> stageNames = new HashMap<>();
        FromInstruction from = null;
        List<Instruction> body = new ArrayList<>();
        for (Node node : tree.nodes()) {
            Instruction instruction = builder.build(node);
            all.add(instruction);
            if (instruction instanceof FromInstruction f) {
                if (from != null) {
                    stages.add(stage(stages.size(), from, body));
                }
                if (f.stageName().isPresent()) {
                    String name = f.stageName().get().raw().toLowerCase(Locale.ROOT);
                    Integer previous = stageNames.putIfAbsent(name, stages.size());
                    if (previous != null) {
                        throw new DockerfileParseException(fileName, f.stageName().get().range(),
                                "duplicate stage name \"" + name + "\" (also stage " + previous + ")");
                    }
                }
                from = f;
                body = new ArrayList<>();
            } else if (from == null) {
                if (!(instruction instanceof ArgInstruction arg)) {
                    throw new DockerfileParseException(fileName, node.keywordRange(),
                            node.command() + " before the first FROM: only ARG may come before FROM");
                }
                globalArgs.add(arg);
            } else {
                body.add(instruction);
            }
        }
        if (from == null) {
            Node last = tree.nodes().get(tree.nodes().size() - 1);
            throw new DockerfileParseException(fileName, SourceRange.at(last.range().end()),
                    "no FROM instruction: a Dockerfile needs at least one build stage");
        }
        stages.add(stage(stages.size(), from, body));
        return new Dockerfile(tree, all, globalArgs, stages);
    }

    private static Stage stage(int index, FromInstruction from, List<Instruction> body) {
        Optional<String> name = from.stageName().map(w -> w.raw().toLowerCase(Locale.ROOT));
        return new Stage(index, name, from, body);
    }
}
