package dev.kiln.dockerfile.ast;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A build stage: its FROM and the instructions up to the next FROM.
 *
 * @param index        0-based position among the stages (what {@code COPY --from=0} means)
 * @param name         the {@code AS} name, lower-cased as BuildKit compares it
 * @param from         the FROM that starts it
 * @param instructions the instructions after the FROM, in order
 */
public record Stage(int index, Optional<String> name, FromInstruction from, List<Instruction> instructions) {

    public Stage {
        instructions = List.copyOf(instructions);
    }

    /** The base image expression as written, before ARG expansion. */
    public Word baseImage() {
        return from.image();
    }

    /** The {@code --platform} value of the FROM, unexpanded. */
    public Optional<String> platform() {
        return from.platform();
    }

    /** From the FROM to the end of the last instruction. */
    public SourceRange range() {
        SourceRange r = from.range();
        return instructions.isEmpty() ? r : r.union(instructions.get(instructions.size() - 1).range());
    }

    /** True if this stage answers to {@code ref}: its name (any case) or its index. */
    public boolean isCalled(String ref) {
        if (name.isPresent() && name.get().equals(ref.toLowerCase(Locale.ROOT))) {
            return true;
        }
        return ref.equals(Integer.toString(index));
    }

    /** The instructions of one kind. */
    public <T extends Instruction> List<T> instructions(Class<T> type) {
        return instructions.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
