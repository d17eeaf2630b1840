package dev.kiln.cli;

import static dev.kiln.cli.AnalyzeText.human;

import dev.kiln.analysis.Change;
import dev.kiln.analysis.ImageAnalysis;
import dev.kiln.analysis.LayerSummary;
import dev.kiln.analysis.LayerView;
import dev.kiln.analysis.PathTrie;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * The state and drawing of {@code kiln analyze -i}, apart from the terminal: a layer list with the
 * selected layer's details on the left, the file tree after that layer on the right (what it added,
 * modified and removed marked {@code + ~ -} and coloured), a footer with the keys. Keys come in as
 * {@link Key}s; {@link #render} returns the lines to show.
 */
final class AnalyzeScreen {

    enum Key { UP, DOWN, LEFT, RIGHT, PAGE_UP, PAGE_DOWN, HOME, END, TAB, ENTER, SPACE, BACKSPACE, ESCAPE, CHAR, QUIT }

    private enum Pane { LAYERS, FILES }

    private static final AttributedStyle ADDED = AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
    private static final AttributedStyle MODIFIED = AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW);
    private static final AttributedStyle REMOVED = AttributedStyle.DEFAULT.foreground(AttributedStyle.RED);
    private static final AttributedStyle BAR = AttributedStyle.INVERSE;
    private static final AttributedStyle DIM = AttributedStyle.DEFAULT.faint();

    private final ImageAnalysis analysis;
    private final PathTrie trie;
    private Pane focus = Pane.LAYERS;
    private int layer;
    private LayerView view;
    /** The last few layers' views: stepping up and down the layer list does not replay them again. */
    private final java.util.Map<Integer, LayerView> views = new java.util.LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<Integer, LayerView> eldest) {
            return size() > 4;
        }
    };
    private final AnalyzeTreeRows tree;
    private List<AnalyzeTreeRows.Row> rows;
    private int cursor;
    private int top;
    private int layerTop;
    private boolean onlyChanges;
    private boolean bySize;
    private String filter = "";
    private StringBuilder editing;
    private int pageRows = 20;

    AnalyzeScreen(ImageAnalysis analysis) {
        this.analysis = analysis;
        this.trie = analysis.trie();
        this.tree = new AnalyzeTreeRows(trie);
        select(0);
    }

    /** Handles a key; returns false when the user quits. */
    boolean handle(Key key, String text) {
        if (editing != null) {
            editFilter(key, text);
            return true;
        }
        if (key == Key.QUIT || (key == Key.CHAR && text.equals("q"))) {
            return false;
        }
        if (key == Key.CHAR) {
            switch (text) {
                case "/", "\u0006" -> editing = new StringBuilder(filter);
                case "c" -> {
                    onlyChanges = !onlyChanges;
                    refresh();
                }
                case "s" -> {
                    bySize = !bySize;
                    refresh();
                }
                case "j" -> move(1);
                case "k" -> move(-1);
                default -> {
                }
            }
            return true;
        }
        switch (key) {
            case TAB -> focus = focus == Pane.LAYERS ? Pane.FILES : Pane.LAYERS;
            case UP -> move(-1);
            case DOWN -> move(1);
            case PAGE_UP -> move(-pageRows);
            case PAGE_DOWN -> move(pageRows);
            case HOME -> move(-Integer.MAX_VALUE / 2);
            case END -> move(Integer.MAX_VALUE / 2);
            case LEFT -> fold(true);
            case RIGHT -> fold(false);
            case SPACE, ENTER -> toggle();
            case ESCAPE -> {
                if (!filter.isEmpty()) {
                    filter = "";
                    refresh();
                }
            }
            default -> {
            }
        }
        return true;
    }

    /** The whole screen for a terminal of this size. */
    List<AttributedString> render(int width, int height) {
        width = Math.max(40, width);
        height = Math.max(8, height);
        List<AttributedString> lines = new ArrayList<>(height);
        LayerSummary current = analysis.layers().get(layer);
        lines.add(bar(" kiln analyze  " + analysis.reference() + "  layer " + layer + " of "
                + (analysis.layerCount() - 1) + "  " + human(analysis.totals().uncompressedBytes()) + ", "
                + human(analysis.totals().reclaimableBytes()) + " reclaimable", width));
        int body = height - 2 - (editing != null ? 1 : 0);
        int left = Math.min(Math.max(36, width * 2 / 5), width - 30);
        int right = width - left - 1;
        List<AttributedString> leftLines = leftPane(left, body, current);
        List<AttributedString> rightLines = rightPane(right, body);
        for (int i = 0; i < body; i++) {
            AttributedStringBuilder line = new AttributedStringBuilder();
            line.append(fit(leftLines.get(i), left));
            line.append("│", DIM);
            line.append(fit(rightLines.get(i), right));
            lines.add(line.toAttributedString());
        }
        if (editing != null) {
            lines.add(fit(new AttributedString(fitText(" Filter (Enter to apply, Esc to cancel): " + editing + "_", width)),
                    width));
        }
        lines.add(bar(" Tab pane  ↑↓ move  ←→ Space fold  / filter  c only changes  s sort by "
                + (bySize ? "name" : "size") + "  q quit", width));
        return lines;
    }

    private List<AttributedString> leftPane(int width, int height, LayerSummary current) {
        List<AttributedString> out = new ArrayList<>();
        out.add(header("Layers", focus == Pane.LAYERS, width));
        int listRows = Math.max(3, Math.min(analysis.layerCount(), height / 2 - 1));
        if (layer < layerTop) {
            layerTop = layer;
        } else if (layer >= layerTop + listRows) {
            layerTop = layer - listRows + 1;
        }
        for (int i = layerTop; i < Math.min(analysis.layerCount(), layerTop + listRows); i++) {
            LayerSummary l = analysis.layers().get(i);
            String text = String.format(Locale.ROOT, "%s%3d %9s  %s", i == layer ? "▶" : " ", i,
                    human(l.uncompressedSize()), oneLine(l.step().isEmpty() ? "(no history)" : l.step()));
            AttributedStyle style = i == layer ? (focus == Pane.LAYERS ? AttributedStyle.INVERSE : AttributedStyle.BOLD)
                    : AttributedStyle.DEFAULT;
            out.add(new AttributedString(fitText(text, width), style));
        }
        out.add(new AttributedString(""));
        out.add(header("Layer " + layer, false, width));
        details(out, current, width);
        out.add(new AttributedString(""));
        out.add(header("Image", false, width));
        out.add(new AttributedString(" total " + human(analysis.totals().uncompressedBytes()) + ", files "
                + human(analysis.totals().contentBytes())));
        out.add(new AttributedString(" reclaimable " + human(analysis.totals().reclaimableBytes()) + " ("
                + AnalyzeText.percent(analysis.totals().reclaimableRatio()) + ")", REMOVED));
        out.add(new AttributedString(" dive efficiency " + AnalyzeText.percent(analysis.dive().efficiency())
                + ", wasted " + human(analysis.dive().wastedBytes())));
        while (out.size() < height) {
            out.add(new AttributedString(""));
        }
        return out.subList(0, height);
    }

    private void details(List<AttributedString> out, LayerSummary l, int width) {
        out.add(new AttributedString(" " + l.digest().toString()));
        out.add(new AttributedString(" " + human(l.compressedSize()) + " compressed, " + human(l.uncompressedSize())
                + " uncompressed"));
        out.add(new AttributedStringBuilder().append(" ").append("+" + l.added(), ADDED).append(" ")
                .append("~" + l.modified(), MODIFIED).append(" ").append("-" + l.removed(), REMOVED)
                .append(l.hiddenBytes() > 0 ? "  " + human(l.hiddenBytes()) + " not in the final image" : "")
                .toAttributedString());
        String command = l.createdBy().isEmpty() ? "(no history)" : l.createdBy().strip();
        int lines = 0;
        for (String part : wrap(command.replace('\n', ' '), width - 2)) {
            if (lines++ == 4) {
                out.add(new AttributedString(" ...", DIM));
                break;
            }
            out.add(new AttributedString(" " + part, DIM));
        }
    }

    private List<AttributedString> rightPane(int width, int height) {
        List<AttributedString> out = new ArrayList<>();
        String title = "Files after layer " + layer + (onlyChanges ? ", its changes only" : "")
                + (bySize ? ", by size" : "") + (filter.isEmpty() ? "" : ", filter: " + filter);
        out.add(header(title, focus == Pane.FILES, width));
        int visible = height - 1;
        pageRows = Math.max(1, visible - 1);
        List<AnalyzeTreeRows.Row> all = rows();
        if (cursor < top) {
            top = cursor;
        } else if (cursor >= top + visible) {
            top = cursor - visible + 1;
        }
        if (all.isEmpty()) {
            out.add(new AttributedString(" (nothing to show)", DIM));
        }
        for (int i = top; i < Math.min(all.size(), top + visible); i++) {
            out.add(row(all.get(i), i == cursor && focus == Pane.FILES, width));
        }
        while (out.size() < height) {
            out.add(new AttributedString(""));
        }
        return out;
    }

    private AttributedString row(AnalyzeTreeRows.Row row, boolean selected, int width) {
        int node = row.node();
        Change change = view.change(node);
        AttributedStyle style = switch (change) {
            case ADDED -> ADDED;
            case MODIFIED -> MODIFIED;
            case REMOVED -> REMOVED;
            default -> AttributedStyle.DEFAULT;
        };
        String marker = switch (change) {
            case ADDED -> "+";
            case MODIFIED -> "~";
            case REMOVED -> "-";
            default -> " ";
        };
        boolean directory = view.isDirectory(node);
        String fold = directory ? (isCollapsed(node, row.depth()) ? "⊕ " : "") : "";
        String link = view.linkTarget(node);
        String attributes = String.format(Locale.ROOT, "%s %s %-11s %9s ", marker, view.mode(node),
                view.owner(node), human(view.bytes(node)));
        AttributedStringBuilder line = new AttributedStringBuilder();
        line.append(attributes, style);
        line.append(row.prefix(), DIM);
        line.append(fold + trie.name(node) + (link.isEmpty() ? "" : " → " + link), style);
        AttributedString text = fit(line.toAttributedString(), width);
        return selected ? new AttributedString(text.toString(), AttributedStyle.INVERSE) : text;
    }

    // ---- state changes

    private void select(int index) {
        layer = Math.max(0, Math.min(analysis.layerCount() - 1, index));
        view = views.computeIfAbsent(layer, l -> LayerView.of(analysis, l));
        refresh();
    }

    private void refresh() {
        rows = null;
        cursor = Math.min(cursor, Math.max(0, rows().size() - 1));
    }

    private void move(int delta) {
        if (focus == Pane.LAYERS) {
            long target = (long) layer + delta;
            int next = (int) Math.max(0, Math.min(analysis.layerCount() - 1, target));
            if (next != layer) {
                select(next);
            }
        } else {
            long target = (long) cursor + delta;
            cursor = (int) Math.max(0, Math.min(Math.max(0, rows().size() - 1), target));
        }
    }

    private void fold(boolean close) {
        if (focus != Pane.FILES || rows().isEmpty()) {
            return;
        }
        AnalyzeTreeRows.Row row = rows().get(cursor);
        if (!view.isDirectory(row.node())) {
            return;
        }
        setCollapsed(row.node(), close);
        refresh();
    }

    private void toggle() {
        if (focus == Pane.LAYERS) {
            focus = Pane.FILES;
            return;
        }
        if (rows().isEmpty()) {
            return;
        }
        AnalyzeTreeRows.Row row = rows().get(cursor);
        if (view.isDirectory(row.node())) {
            setCollapsed(row.node(), !isCollapsed(row.node(), row.depth()));
            refresh();
        }
    }

    private void editFilter(Key key, String text) {
        switch (key) {
            case ENTER -> {
                filter = editing.toString().strip();
                editing = null;
                cursor = 0;
                top = 0;
                refresh();
            }
            case ESCAPE, QUIT -> editing = null;
            case BACKSPACE -> {
                if (editing.length() > 0) {
                    editing.setLength(editing.length() - 1);
                }
            }
            case CHAR, SPACE -> editing.append(key == Key.SPACE ? " " : text);
            default -> {
            }
        }
    }

    private boolean isCollapsed(int node, int depth) {
        return tree.isCollapsed(node, depth, !filter.isEmpty());
    }

    private void setCollapsed(int node, boolean value) {
        tree.setCollapsed(node, value);
    }

    private List<AnalyzeTreeRows.Row> rows() {
        if (rows == null) {
            rows = tree.rows(view, onlyChanges, bySize, filter);
        }
        return rows;
    }

    // ---- drawing helpers

    private static AttributedString header(String text, boolean focused, int width) {
        return new AttributedString(fitText((focused ? "● " : "○ ") + text, width), AttributedStyle.BOLD);
    }

    private static AttributedString bar(String text, int width) {
        String line = fitText(text, width);
        return new AttributedString(line + " ".repeat(Math.max(0, width - line.length())), BAR);
    }

    private static AttributedString fit(AttributedString line, int width) {
        int length = line.columnLength();
        if (length > width) {
            return line.columnSubSequence(0, width);
        }
        if (length < width) {
            AttributedStringBuilder padded = new AttributedStringBuilder();
            padded.append(line);
            padded.append(" ".repeat(width - length), line.length() > 0 && line.styleAt(0) == AttributedStyle.INVERSE
                    ? AttributedStyle.INVERSE : AttributedStyle.DEFAULT);
            return padded.toAttributedString();
        }
        return line;
    }

    private static String fitText(String text, int width) {
        return text.length() > width ? text.substring(0, Math.max(0, width - 1)) + "…" : text;
    }

    private static String oneLine(String text) {
        return text.replace('\n', ' ').replace('\t', ' ');
    }

    private static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        int w = Math.max(10, width);
        for (int i = 0; i < text.length(); i += w) {
            lines.add(text.substring(i, Math.min(text.length(), i + w)));
        }
        return lines;
    }
}
