package dev.kiln.lint.rules;

import dev.kiln.dockerfile.ast.EnvInstruction;
import dev.kiln.dockerfile.ast.KeyValue;
import dev.kiln.dockerfile.expand.ExpansionException;
import dev.kiln.dockerfile.expand.WordExpander;
import dev.kiln.lint.FindingSink;
import dev.kiln.lint.Level;
import dev.kiln.lint.LintContext;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * DL3044: {@code ENV A=1 B=$A} — B gets A's value from before this ENV line, not 1, because one ENV
 * expands all its values first. Referring to the same key ({@code PATH=$PATH:/x}) is fine.
 */
public final class EnvSelfReference extends BaseRule {

    public EnvSelfReference() {
        super("DL3044", Level.ERROR, "Do not refer to an environment variable within the same ENV statement where it is defined",
                "Split the ENV: values in one ENV see the variables as they were before that line.");
    }

    @Override
    public void check(LintContext context, FindingSink sink) {
        WordExpander expander = new WordExpander(context.dockerfile().escape());
        for (EnvInstruction env : Instructions.all(context, EnvInstruction.class, true)) {
            List<KeyValue> pairs = env.pairs();
            Set<String> defined = new LinkedHashSet<>();
            for (KeyValue pair : pairs) {
                String key = pair.key().value();
                for (String used : referenced(expander, pair.value().raw())) {
                    if (defined.contains(used) && !used.equals(key)) {
                        sink.report(pair.value().range(), key + " uses $" + used + ", which this same ENV sets: it"
                                + " gets the value from before this line; set " + used + " in an earlier ENV");
                        break;
                    }
                }
                defined.add(key);
            }
        }
    }

    /** The variable names a Dockerfile word refers to. */
    static Set<String> referenced(WordExpander expander, String raw) {
        Set<String> names = new LinkedHashSet<>();
        try {
            expander.expand(raw, name -> {
                names.add(name);
                return Optional.empty();
            });
        } catch (ExpansionException e) {
            // ${VAR:?message} of an unset variable: the names seen so far are enough
        }
        return names;
    }
}
