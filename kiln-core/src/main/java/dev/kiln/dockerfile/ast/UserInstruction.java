package dev.kiln.dockerfile.ast;

import java.util.Optional;

/** {@code USER user[:group]}: the user as one word holding the rest of the line. */
public record UserInstruction(Node node, Word user) implements Instruction {

    @Override
    public Keyword keyword() {
        return Keyword.USER;
    }

    /** The part before {@code :} (unquoted, unexpanded). */
    public String userName() {
        String v = user.value();
        int colon = v.indexOf(':');
        return colon < 0 ? v : v.substring(0, colon);
    }

    /** The part after {@code :}, if any. */
    public Optional<String> group() {
        String v = user.value();
        int colon = v.indexOf(':');
        return colon < 0 ? Optional.empty() : Optional.of(v.substring(colon + 1));
    }
}
