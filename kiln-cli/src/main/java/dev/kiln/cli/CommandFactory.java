package dev.kiln.cli;

import java.lang.reflect.Constructor;
import picocli.CommandLine;

/**
 * Creates command and mixin objects, handing the {@link Terminal} to those whose constructor takes
 * one, so that no command reaches for global state.
 */
final class CommandFactory implements CommandLine.IFactory {

    private final Terminal terminal;
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    CommandFactory(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        try {
            Constructor<K> withTerminal = type.getDeclaredConstructor(Terminal.class);
            withTerminal.setAccessible(true);
            return withTerminal.newInstance(terminal);
        } catch (NoSuchMethodException e) {
            return fallback.create(type);
        }
    }
}
