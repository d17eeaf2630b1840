package dev.kiln.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.dockerfile.ast.ArgInstruction;
import dev.kiln.dockerfile.ast.Comment;
import dev.kiln.dockerfile.ast.Directive;
import dev.kiln.dockerfile.ast.Dockerfile;
import dev.kiln.dockerfile.ast.Flag;
import dev.kiln.dockerfile.ast.Heredoc;
import dev.kiln.dockerfile.ast.Instruction;
import dev.kiln.dockerfile.ast.Node;
import dev.kiln.dockerfile.ast.OnbuildInstruction;
import dev.kiln.dockerfile.ast.SourcePosition;
import dev.kiln.dockerfile.ast.SourceRange;
import dev.kiln.dockerfile.ast.Stage;
import dev.kiln.dockerfile.ast.Word;

/** The JSON view of {@code kiln parse} (schema in README.md, "kiln parse"). */
final class ParseJson {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ParseJson() {
    }

    static JsonNode of(Dockerfile d) {
        ObjectNode root = JSON.objectNode();
        root.put("file", d.fileName());
        root.put("escape", String.valueOf(d.escape()));
        ArrayNode directives = root.putArray("directives");
        for (Directive directive : d.directives()) {
            directives.addObject().put("name", directive.name()).put("value", directive.value())
                    .set("range", range(directive.range()));
        }
        ArrayNode globals = root.putArray("globalArgs");
        for (ArgInstruction arg : d.globalArgs()) {
            globals.add(instruction(arg));
        }
        ArrayNode stages = root.putArray("stages");
        for (Stage stage : d.stages()) {
            ObjectNode s = stages.addObject();
            s.put("index", stage.index());
            s.put("name", stage.name().orElse(null));
            s.put("baseImage", stage.baseImage().raw());
            s.put("platform", stage.platform().orElse(null));
            s.set("range", range(stage.range()));
            s.set("from", instruction(stage.from()));
            ArrayNode instructions = s.putArray("instructions");
            stage.instructions().forEach(i -> instructions.add(instruction(i)));
        }
        ArrayNode comments = root.putArray("comments");
        for (Comment c : d.comments()) {
            comments.add(comment(c));
        }
        return root;
    }

    private static ObjectNode instruction(Instruction i) {
        Node node = i.node();
        ObjectNode o = JSON.objectNode();
        o.put("keyword", i.keyword().name());
        o.set("range", range(i.range()));
        ArrayNode flags = o.putArray("flags");
        for (Flag f : node.flags()) {
            flags.addObject().put("name", f.name()).put("value", f.value().orElse(null)).set("range", range(f.range()));
        }
        switch (i.keyword()) {
            case RUN, CMD, ENTRYPOINT, SHELL, ADD, COPY, VOLUME, HEALTHCHECK -> o.put("form", node.json() ? "exec" : "shell");
            default -> o.putNull("form");
        }
        ArrayNode args = o.putArray("arguments");
        for (Word w : node.args()) {
            args.add(word(w));
        }
        ArrayNode heredocs = o.putArray("heredocs");
        for (Heredoc h : node.heredocs()) {
            ObjectNode ho = heredocs.addObject();
            ho.put("name", h.name()).put("expand", h.expand()).put("chomp", h.chomp())
                    .put("fileDescriptor", h.fileDescriptor()).put("content", h.content());
            ho.set("markerRange", range(h.markerRange()));
            ho.set("contentRange", range(h.contentRange()));
        }
        ArrayNode comments = o.putArray("comments");
        node.comments().forEach(c -> comments.add(comment(c)));
        if (i instanceof OnbuildInstruction on) {
            o.set("trigger", instruction(on.trigger()));
        }
        return o;
    }

    private static ObjectNode word(Word w) {
        ObjectNode o = JSON.objectNode();
        o.put("raw", w.raw()).put("value", w.value()).set("range", range(w.range()));
        return o;
    }

    private static ObjectNode comment(Comment c) {
        ObjectNode o = JSON.objectNode();
        o.put("text", c.text()).set("range", range(c.range()));
        return o;
    }

    private static ObjectNode range(SourceRange r) {
        ObjectNode o = JSON.objectNode();
        o.set("start", position(r.start()));
        o.set("end", position(r.end()));
        return o;
    }

    private static ObjectNode position(SourcePosition p) {
        return JSON.objectNode().put("line", p.line()).put("column", p.column()).put("offset", p.offset());
    }
}
