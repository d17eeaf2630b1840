package dev.kiln.cli;

import java.io.IOException;
import org.jline.keymap.BindingReader;
import org.jline.keymap.KeyMap;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.Display;
import org.jline.utils.InfoCmp.Capability;

/**
 * Runs an {@link AnalyzeScreen} full-screen on the real terminal with JLine: raw mode, the alternate
 * screen, keys read through a key map, redrawn after every key and on resize.
 */
final class AnalyzeTui {

    private final AnalyzeScreen screen;

    AnalyzeTui(AnalyzeScreen screen) {
        this.screen = screen;
    }

    void run() throws IOException {
        try (Terminal terminal = TerminalBuilder.builder().system(true).encoding(java.nio.charset.StandardCharsets.UTF_8).build()) {
            if (Terminal.TYPE_DUMB.equals(terminal.getType()) || Terminal.TYPE_DUMB_COLOR.equals(terminal.getType())) {
                throw new IllegalArgumentException("-i needs an interactive terminal");
            }
            Attributes saved = terminal.enterRawMode();
            Display display = new Display(terminal, true);
            Object lock = new Object();
            terminal.puts(Capability.enter_ca_mode);
            terminal.puts(Capability.keypad_xmit);
            terminal.puts(Capability.cursor_invisible);
            terminal.flush();
            terminal.handle(Terminal.Signal.WINCH, signal -> {
                synchronized (lock) {
                    redraw(terminal, display);
                }
            });
            try {
                KeyMap<AnalyzeScreen.Key> keys = keys(terminal);
                BindingReader reader = new BindingReader(terminal.reader());
                synchronized (lock) {
                    redraw(terminal, display);
                }
                while (true) {
                    AnalyzeScreen.Key key = reader.readBinding(keys);
                    if (key == null) {
                        break; // end of input
                    }
                    synchronized (lock) {
                        if (!screen.handle(key, reader.getLastBinding())) {
                            break;
                        }
                        redraw(terminal, display);
                    }
                }
            } finally {
                terminal.puts(Capability.cursor_visible);
                terminal.puts(Capability.keypad_local);
                terminal.puts(Capability.exit_ca_mode);
                terminal.flush();
                terminal.setAttributes(saved);
            }
        }
    }

    private void redraw(Terminal terminal, Display display) {
        Size size = terminal.getSize();
        int rows = size.getRows() > 0 ? size.getRows() : 24;
        int columns = size.getColumns() > 0 ? size.getColumns() : 80;
        display.resize(rows, columns);
        display.update(screen.render(columns, rows), 0);
        terminal.flush();
    }

    private static KeyMap<AnalyzeScreen.Key> keys(Terminal terminal) {
        KeyMap<AnalyzeScreen.Key> map = new KeyMap<>();
        map.setUnicode(AnalyzeScreen.Key.CHAR);
        map.setNomatch(AnalyzeScreen.Key.CHAR);
        map.setAmbiguousTimeout(100);
        for (char c = 32; c < 127; c++) {
            map.bind(AnalyzeScreen.Key.CHAR, String.valueOf(c));
        }
        map.bind(AnalyzeScreen.Key.SPACE, " ");
        map.bind(AnalyzeScreen.Key.TAB, "\t");
        map.bind(AnalyzeScreen.Key.ENTER, "\r", "\n");
        map.bind(AnalyzeScreen.Key.BACKSPACE, "\177", KeyMap.ctrl('H'));
        map.bind(AnalyzeScreen.Key.ESCAPE, KeyMap.esc());
        map.bind(AnalyzeScreen.Key.QUIT, KeyMap.ctrl('C'), KeyMap.ctrl('D'));
        map.bind(AnalyzeScreen.Key.CHAR, KeyMap.ctrl('F')); // handled as "/" below
        bind(map, terminal, AnalyzeScreen.Key.UP, Capability.key_up, "\033[A", "\033OA");
        bind(map, terminal, AnalyzeScreen.Key.DOWN, Capability.key_down, "\033[B", "\033OB");
        bind(map, terminal, AnalyzeScreen.Key.RIGHT, Capability.key_right, "\033[C", "\033OC");
        bind(map, terminal, AnalyzeScreen.Key.LEFT, Capability.key_left, "\033[D", "\033OD");
        bind(map, terminal, AnalyzeScreen.Key.PAGE_UP, Capability.key_ppage, "\033[5~");
        bind(map, terminal, AnalyzeScreen.Key.PAGE_DOWN, Capability.key_npage, "\033[6~");
        bind(map, terminal, AnalyzeScreen.Key.HOME, Capability.key_home, "\033[H", "\033[1~", "\033OH");
        bind(map, terminal, AnalyzeScreen.Key.END, Capability.key_end, "\033[F", "\033[4~", "\033OF");
        return map;
    }

    private static void bind(KeyMap<AnalyzeScreen.Key> map, Terminal terminal, AnalyzeScreen.Key key,
            Capability capability, String... fallbacks) {
        String sequence = KeyMap.key(terminal, capability);
        if (sequence != null && !sequence.isEmpty()) {
            map.bind(key, sequence);
        }
        map.bind(key, fallbacks);
    }
}
