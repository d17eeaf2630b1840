package dev.kiln.lint;

import dev.kiln.dockerfile.ast.Comment;
import dev.kiln.dockerfile.ast.Dockerfile;
import dev.kiln.dockerfile.ast.Instruction;
import dev.kiln.dockerfile.ast.Node;
import dev.kiln.dockerfile.ast.SourceRange;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lint comments of a Dockerfile: {@code # hadolint ignore=DL3008,DL3015} (and {@code # kiln
 * ignore=...}) in the comment block directly above an instruction silence those rules for that
 * instruction; {@code # hadolint global ignore=...} (or {@code # kiln global ignore=...}) anywhere
 * silences them for the whole file; {@code # hadolint shell=powershell} marks the following
 * instructions as run by a non-POSIX shell. Text after a second {@code #} is a free comment.
 */
public final class Pragmas {

    private static final Pattern IGNORE = Pattern.compile(
            "^(hadolint|kiln)\\s+(global\\s+)?ignore\\s*=\\s*([A-Za-z]+[0-9]+(?:\\s*,\\s*[A-Za-z]+[0-9]+)*)\\s*(?:#.*)?$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SHELL = Pattern.compile("^(hadolint|kiln)\\s+shell\\s*=\\s*(\\S+)\\s*(?:#.*)?$",
            Pattern.CASE_INSENSITIVE);

    /** One inline (instruction-scoped) ignore comment, kept for DL1001. */
    public record InlineIgnore(Set<String> codes, SourceRange range) {
    }

    private final Set<String> global;
    private final Map<Node, Set<String>> perNode;
    private final List<InlineIgnore> inline;
    private final List<Integer> nonPosixShellFrom;

    private Pragmas(Set<String> global, Map<Node, Set<String>> perNode, List<InlineIgnore> inline,
            List<Integer> nonPosixShellFrom) {
        this.global = global;
        this.perNode = perNode;
        this.inline = inline;
        this.nonPosixShellFrom = nonPosixShellFrom;
    }

    public static Pragmas of(Dockerfile dockerfile) {
        Set<String> global = new HashSet<>();
        List<Integer> shells = new ArrayList<>();
        for (Comment c : dockerfile.comments()) {
            Matcher m = IGNORE.matcher(c.text());
            if (m.matches() && m.group(2) != null) {
                global.addAll(codes(m.group(3)));
            }
            Matcher s = SHELL.matcher(c.text());
            if (s.matches()) {
                String shell = s.group(2).toLowerCase(Locale.ROOT);
                if (shell.contains("powershell") || shell.equals("pwsh") || shell.equals("cmd")) {
                    shells.add(c.range().startOffset());
                }
            }
        }
        Map<Node, Set<String>> perNode = new IdentityHashMap<>();
        List<InlineIgnore> inline = new ArrayList<>();
        for (Instruction i : dockerfile.instructions()) {
            addNode(i.node(), perNode, inline);
        }
        return new Pragmas(Set.copyOf(global), perNode, List.copyOf(inline), List.copyOf(shells));
    }

    private static void addNode(Node node, Map<Node, Set<String>> perNode, List<InlineIgnore> inline) {
        Set<String> codes = new HashSet<>();
        for (Comment c : node.comments()) {
            Matcher m = IGNORE.matcher(c.text());
            if (m.matches() && m.group(2) == null) {
                Set<String> these = codes(m.group(3));
                codes.addAll(these);
                inline.add(new InlineIgnore(these, c.range()));
            }
        }
        if (!codes.isEmpty()) {
            perNode.put(node, codes);
        }
    }

    private static Set<String> codes(String list) {
        Set<String> out = new HashSet<>();
        for (String part : list.split(",")) {
            out.add(part.trim().toUpperCase(Locale.ROOT));
        }
        return out;
    }

    /** True if {@code code} is silenced at {@code position} (an offset inside an instruction), or globally. */
    public boolean ignores(String code, Dockerfile dockerfile, int offset, boolean inlineAllowed) {
        if (global.contains(code)) {
            return true;
        }
        if (!inlineAllowed) {
            return false;
        }
        for (Instruction i : dockerfile.instructions()) {
            SourceRange r = i.range();
            if (offset >= r.startOffset() && offset < Math.max(r.endOffset(), r.startOffset() + 1)) {
                Set<String> codes = perNode.get(i.node());
                return codes != null && codes.contains(code);
            }
        }
        return false;
    }

    public Set<String> global() {
        return global;
    }

    public List<InlineIgnore> inline() {
        return inline;
    }

    /** True if a {@code # hadolint shell=powershell} (or cmd) comment comes before this offset. */
    public boolean nonPosixShellBefore(int offset) {
        for (int at : nonPosixShellFrom) {
            if (at < offset) {
                return true;
            }
        }
        return false;
    }
}
