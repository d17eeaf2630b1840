package dev.kiln.dockerfile.ast;

import java.util.List;
import java.util.Optional;

/** {@code RUN}: a command with its {@code --mount}s, {@code --network} (default, none, host) and {@code --security} (sandbox, insecure). */
public record RunInstruction(Node node, Command command, List<RunMount> mounts, Optional<String> network, Optional<String> security) implements Instruction {

    @Override
    public Keyword keyword() {
        return Keyword.RUN;
    }
}
