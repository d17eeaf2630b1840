package dev.kiln.dockerfile.expand;

import dev.kiln.dockerfile.ast.ArgDeclaration;
import dev.kiln.dockerfile.ast.ArgInstruction;
import dev.kiln.dockerfile.ast.EnvInstruction;
import dev.kiln.dockerfile.ast.Instruction;
import dev.kiln.dockerfile.ast.KeyValue;
import dev.kiln.dockerfile.ast.Stage;
import dev.kiln.dockerfile.ast.Word;
import dev.kiln.dockerfile.parser.DockerfileParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The variables visible at one point of a stage, with BuildKit's rules: an ARG is visible from its line
 * on; a bare {@code ARG NAME} takes the build arg or else the global value; {@code ARG NAME=default}
 * takes the build arg or else its default; ENV wins over ARG; automatic platform ARGs need a
 * redeclaration. Walk a stage's instructions in order, calling {@link #expand} for their words and then
 * {@link #apply}. Mutable; one per stage walk.
 */
public final class StageScope implements Variables {

    private final GlobalScope global;
    private final Stage stage;
    private final Map<String, String> args = new LinkedHashMap<>();
    private final Map<String, String> env = new LinkedHashMap<>();

    StageScope(GlobalScope global, Stage stage) {
        this.global = global;
        this.stage = stage;
    }

    public Stage stage() {
        return stage;
    }

    /** ENV first, then ARGs declared so far; empty when unset (or declared without any value). */
    @Override
    public Optional<String> get(String name) {
        if (env.containsKey(name)) {
            return Optional.of(env.get(name));
        }
        return Optional.ofNullable(args.get(name));
    }

    /** Seeds the environment inherited from the base image (e.g. its PATH), before the first instruction. */
    public void inheritEnvironment(Map<String, String> imageEnv) {
        imageEnv.forEach(env::putIfAbsent);
    }

    /** Expands one word as written, as ADD COPY ENV EXPOSE LABEL STOPSIGNAL USER VOLUME WORKDIR do. */
    public String expand(Word word) throws DockerfileParseException {
        return expand(word.raw(), word);
    }

    /** Expands text (such as a flag value) reported at {@code where}. */
    public String expand(String text, Word where) throws DockerfileParseException {
        try {
            return global.expander().expand(text, this);
        } catch (ExpansionException e) {
            throw new DockerfileParseException(global.dockerfile().fileName(), where.range(), e.getMessage());
        }
    }

    /**
     * A heredoc body as COPY/ADD write it: leading tabs stripped for {@code <<-}, variables expanded
     * unless the delimiter was quoted. (A RUN heredoc goes to the shell unexpanded.)
     */
    public String heredocContent(dev.kiln.dockerfile.ast.Heredoc heredoc) throws DockerfileParseException {
        String body = heredoc.strippedContent();
        if (!heredoc.expand()) {
            return body;
        }
        try {
            return global.expander().expandText(body, this);
        } catch (ExpansionException e) {
            throw new DockerfileParseException(global.dockerfile().fileName(), heredoc.contentRange(), e.getMessage());
        }
    }

    /** Expands each word. */
    public List<String> expandAll(List<Word> words) throws DockerfileParseException {
        List<String> out = new ArrayList<>(words.size());
        for (Word w : words) {
            out.add(expand(w));
        }
        return out;
    }

    /** Updates the scope after an instruction: ARG declares, ENV sets (all values expanded before any is set). */
    public void apply(Instruction instruction) throws DockerfileParseException {
        if (instruction instanceof ArgInstruction arg) {
            for (ArgDeclaration d : arg.declarations()) {
                String value = global.argValue(d, this);
                if (value == null && d.defaultValue().isEmpty()) {
                    value = global.inherited(d.name()).orElse(null);
                }
                args.put(d.name(), value);
            }
        } else if (instruction instanceof EnvInstruction e) {
            Map<String, String> updates = new LinkedHashMap<>();
            for (KeyValue kv : e.pairs()) {
                updates.put(expand(kv.key()), expand(kv.value()));
            }
            env.putAll(updates);
        }
    }

    /** The ENV variables set so far, in order. */
    public Map<String, String> environment() {
        return Collections.unmodifiableMap(env);
    }

    /**
     * What a RUN sees: the declared ARGs with values, the proxy build args (without declaration) and the
     * ENV, ENV winning.
     */
    public Map<String, String> runEnvironment() {
        Map<String, String> out = new LinkedHashMap<>();
        global.buildArgs().values().forEach((k, v) -> {
            if (BuildArgs.PROXY_ARGS.contains(k)) {
                out.put(k, v);
            }
        });
        args.forEach((k, v) -> {
            if (v != null) {
                out.put(k, v);
            }
        });
        out.putAll(env);
        return out;
    }
}
