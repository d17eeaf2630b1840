package dev.kiln.testing;

import java.util.List;
import java.util.Random;

/**
 * Seeded random Dockerfiles that BuildKit accepts: every instruction kind, flags, quotes, variables,
 * exec and shell forms, heredocs, comments, continuations (also with comment lines inside), both escape
 * characters and mixed keyword case. For property-style tests (print and re-parse, lint robustness).
 */
public final class RandomDockerfiles {

    private static final List<String> WORDS = List.of("curl", "-fsSL", "$HOME", "${VAR:-x}", "'single quoted'",
            "\"double $X\"", "&&", "|", "x=1", "/usr/local/bin", "\u00fcber", "\u2603", "--no-install-recommends",
            "apt-get", "install", "-y", "$(date)", ">/dev/null", "2>&1", "'a\"b'", "\"c'd\"", "{a,b}", "*.txt", "#notcomment");

    private final Random random;
    private final char escape;
    private final StringBuilder out = new StringBuilder();
    private int heredocs;

    private RandomDockerfiles(long seed) {
        this.random = new Random(seed);
        this.escape = random.nextInt(6) == 0 ? '`' : '\\';
    }

    /** One random Dockerfile for a seed (the same seed gives the same text). */
    public static String generate(long seed) {
        return new RandomDockerfiles(seed).file();
    }

    private String file() {
        if (escape == '`') {
            out.append("# escape=`\n");
        }
        if (random.nextBoolean()) {
            out.append("# syntax=docker/dockerfile:1\n");
        }
        out.append('\n');
        for (int i = random.nextInt(3); i > 0; i--) {
            line("ARG", "G" + i + (random.nextBoolean() ? "=" + pick() .replace(" ", "_").replace("'", "").replace("\"", "") : ""));
        }
        int stages = 1 + random.nextInt(3);
        for (int s = 0; s < stages; s++) {
            String platform = random.nextBoolean() ? "--platform=$BUILDPLATFORM " : "";
            line("FROM", platform + "image" + s + ":1.0" + (random.nextBoolean() ? " AS stage" + s : ""));
            for (int n = 1 + random.nextInt(8); n > 0; n--) {
                instruction(s);
            }
        }
        return out.toString();
    }

    private void instruction(int stage) {
        if (random.nextInt(4) == 0) {
            out.append("# comment ").append(random.nextInt(100)).append('\n');
        }
        switch (random.nextInt(18)) {
            case 0 -> line("RUN", mounts() + shell());
            case 1 -> line("RUN", json());
            case 2 -> heredoc("RUN", "", "");
            case 3 -> line("CMD", random.nextBoolean() ? json() : shell());
            case 4 -> line("ENTRYPOINT", json());
            case 5 -> line("ENV", random.nextBoolean() ? "K" + random.nextInt(9) + " " + shell()
                    : "A=" + value() + " B=" + value());
            case 6 -> line("LABEL", "org.label=" + value() + " \"quoted key\"=" + value());
            case 7 -> line("ARG", "V" + random.nextInt(9) + (random.nextBoolean() ? "=" + value() : ""));
            case 8 -> line("EXPOSE", "80 443/tcp ${PORT}");
            case 9 -> line("COPY", copyFlags(stage) + "src" + random.nextInt(5) + " \"/dst dir/\"");
            case 10 -> heredoc("COPY", copyFlags(stage), " /etc/app.conf");
            case 11 -> line("ADD", "--checksum=sha256:0123 https://example.org/a.tgz /a/");
            case 12 -> line("VOLUME", random.nextBoolean() ? "[\"/data\", \"/logs\"]" : "/data /logs");
            case 13 -> line("USER", random.nextBoolean() ? "app:app" : "${UID}");
            case 14 -> line("WORKDIR", "/src/" + pick().replace(" ", "_"));
            case 15 -> line("HEALTHCHECK", random.nextBoolean() ? "NONE"
                    : "--interval=30s --retries=3 CMD " + (random.nextBoolean() ? json() : shell()));
            case 16 -> line("SHELL", "[\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]");
            default -> line("ONBUILD", random.nextBoolean() ? "RUN " + shell() : "COPY . /app");
        }
    }

    private String mounts() {
        return switch (random.nextInt(4)) {
            case 0 -> "--mount=type=cache,target=/root/.cache,sharing=locked ";
            case 1 -> "--mount=type=secret,id=token,required --network=none ";
            case 2 -> "--mount=\"type=bind,source=a b,target=/x\" ";
            default -> "";
        };
    }

    private String copyFlags(int stage) {
        StringBuilder f = new StringBuilder();
        if (stage > 0 && random.nextBoolean()) {
            f.append("--from=stage0 ");
        }
        if (random.nextBoolean()) {
            f.append("--chown=app:app --chmod=755 ");
        }
        if (random.nextBoolean()) {
            f.append("--link --exclude=*.md ");
        }
        return f.toString();
    }

    private void heredoc(String keyword, String flags, String after) {
        String name = "EOF" + heredocs++;
        boolean chomp = random.nextBoolean();
        boolean quoted = random.nextBoolean();
        String marker = "<<" + (chomp ? "-" : "") + (quoted ? "'" + name + "'" : name);
        out.append(keyword(keyword)).append(' ').append(flags).append(marker).append(after).append('\n');
        for (int i = random.nextInt(4); i > 0; i--) {
            out.append(chomp ? "\t" : "").append(shell()).append('\n');
        }
        out.append(chomp && random.nextBoolean() ? "\t" : "").append(name).append('\n');
    }

    private String keyword(String keyword) {
        return switch (random.nextInt(5)) {
            case 0 -> keyword.toLowerCase(java.util.Locale.ROOT);
            case 1 -> keyword.charAt(0) + keyword.substring(1).toLowerCase(java.util.Locale.ROOT);
            default -> keyword;
        };
    }

    /** Writes an instruction, sometimes split over continuation lines (with a comment line inside). */
    private void line(String keyword, String args) {
        out.append(keyword(keyword)).append(' ');
        String[] words = args.split(" ");
        for (int i = 0; i < words.length; i++) {
            out.append(words[i]);
            if (i + 1 < words.length) {
                if (random.nextInt(5) == 0 && !inJson(args) && safeBreak(out)) {
                    out.append(' ').append(escape).append('\n');
                    if (random.nextInt(3) == 0) {
                        out.append("  # inner comment\n");
                    }
                    out.append("    ");
                } else {
                    out.append(' ');
                }
            }
        }
        out.append('\n');
    }

    /** A continuation may go here: no open quote on this instruction and no escape before the space. */
    private boolean safeBreak(StringBuilder text) {
        int lineStart = text.lastIndexOf("\n") + 1;
        char quote = 0;
        for (int i = lineStart; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote == 0 && c == escape) {
                i++;
            } else if (quote == 0 && (c == '"' || c == '\'')) {
                quote = c;
            } else if (c == quote) {
                quote = 0;
            }
        }
        return quote == 0 && text.charAt(text.length() - 1) != escape;
    }

    private static boolean inJson(String args) {
        return args.startsWith("[");
    }

    private String shell() {
        StringBuilder s = new StringBuilder(random.nextBoolean() ? "echo" : "apt-get");
        for (int n = random.nextInt(6); n > 0; n--) {
            s.append(' ').append(pick());
        }
        return s.toString();
    }

    private String value() {
        return switch (random.nextInt(4)) {
            case 0 -> "\"with space $X\"";
            case 1 -> "'single'";
            case 2 -> "plain" + escape + " escaped";
            default -> "${A:-def}";
        };
    }

    private String json() {
        return "[\"" + pick().replace("\"", "\\\"") + "\", \"tab\\there\", \"\\u00e9\"]";
    }

    private String pick() {
        String w = WORDS.get(random.nextInt(WORDS.size()));
        return escape == '`' ? w : w;
    }
}
