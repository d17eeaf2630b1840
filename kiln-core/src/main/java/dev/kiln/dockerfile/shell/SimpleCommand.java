package dev.kiln.dockerfile.shell;

import dev.kiln.dockerfile.ast.SourceRange;
import java.util.List;
import java.util.Optional;

/**
 * One simple command of a shell script: leading assignments, the command name and its arguments,
 * redirections. {@link #unwrapped()} looks through wrappers such as {@code sudo}, {@code env A=b},
 * {@code nice}, {@code time}, {@code xargs}, so {@code sudo -E apt-get install -y x} answers to
 * {@code apt-get}.
 *
 * @param assignments {@code NAME=value} words before the name (and those of an {@code env} wrapper)
 * @param words       the command name and its arguments
 * @param redirects   the redirections, in order
 * @param range       from the first to the last word or redirection
 */
public record SimpleCommand(List<ShellWord> assignments, List<ShellWord> words, List<Redirect> redirects,
        SourceRange range) {

    public SimpleCommand {
        assignments = List.copyOf(assignments);
        words = List.copyOf(words);
        redirects = List.copyOf(redirects);
    }

    /** The command name as written without its directory ({@code /usr/bin/apt-get} → {@code apt-get}); "" if none. */
    public String name() {
        if (words.isEmpty()) {
            return "";
        }
        String v = words.get(0).value();
        int slash = v.lastIndexOf('/');
        return slash >= 0 && slash < v.length() - 1 ? v.substring(slash + 1) : v;
    }

    /** The words after the name. */
    public List<ShellWord> arguments() {
        return words.isEmpty() ? List.of() : words.subList(1, words.size());
    }

    /** This command with wrappers ({@code sudo}, {@code env}, {@code nice}, ...) taken off; itself if none. */
    public SimpleCommand unwrapped() {
        return Wrappers.unwrap(this);
    }

    /** The first argument that is not an option ({@code install} in {@code apt-get -q install x}). */
    public Optional<ShellWord> subcommand() {
        return arguments().stream().filter(w -> !w.isOption()).findFirst();
    }

    /** The non-option arguments after the subcommand ({@code curl}, {@code $deps} in {@code apt-get install -y curl $deps}). */
    public List<ShellWord> operands() {
        List<ShellWord> args = arguments();
        Optional<ShellWord> sub = subcommand();
        if (sub.isEmpty()) {
            return List.of();
        }
        int from = args.indexOf(sub.get()) + 1;
        return args.subList(from, args.size()).stream().filter(w -> !w.isOption()).toList();
    }

    /**
     * True if any argument is this flag: {@code --no-install-recommends} (also as {@code --flag=value}),
     * or a one-letter {@code -y}, also inside combined short flags such as {@code -qy}.
     */
    public boolean hasFlag(String flag) {
        boolean shortFlag = flag.length() == 2 && flag.charAt(0) == '-' && flag.charAt(1) != '-';
        for (ShellWord w : arguments()) {
            String a = w.value();
            if (a.equals(flag) || (!shortFlag && a.startsWith(flag + "="))) {
                return true;
            }
            if (shortFlag && a.length() > 2 && a.charAt(0) == '-' && a.charAt(1) != '-'
                    && a.chars().skip(1).allMatch(Character::isLetterOrDigit) && a.indexOf(flag.charAt(1), 1) > 0) {
                return true;
            }
        }
        return false;
    }

    /** True if any of these flags is present ({@code hasAnyFlag("-y", "--yes", "--assume-yes")}). */
    public boolean hasAnyFlag(String... flags) {
        for (String f : flags) {
            if (hasFlag(f)) {
                return true;
            }
        }
        return false;
    }

    /** The value of {@code --opt=value} or {@code --opt value} / {@code -o value}, if present. */
    public Optional<String> flagValue(String flag) {
        List<ShellWord> args = arguments();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i).value();
            if (a.startsWith(flag + "=")) {
                return Optional.of(a.substring(flag.length() + 1));
            }
            if (a.equals(flag) && i + 1 < args.size()) {
                return Optional.of(args.get(i + 1).value());
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (ShellWord w : assignments) {
            b.append(w.raw()).append(' ');
        }
        for (ShellWord w : words) {
            b.append(w.raw()).append(' ');
        }
        return b.toString().strip();
    }
}
