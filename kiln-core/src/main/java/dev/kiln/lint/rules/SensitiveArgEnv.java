package dev.kiln.lint.rules;

import dev.kiln.dockerfile.ast.ArgDeclaration;
import dev.kiln.dockerfile.ast.ArgInstruction;
import dev.kiln.dockerfile.ast.EnvInstruction;
import dev.kiln.dockerfile.ast.KeyValue;
import dev.kiln.dockerfile.ast.Word;
import dev.kiln.lint.FindingSink;
import dev.kiln.lint.Level;
import dev.kiln.lint.LintContext;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * DL3064: an ARG or ENV whose name says it holds a secret. ENV values are stored in the image
 * config and ARG values in its history, readable by anyone who pulls it. Names are matched by their
 * {@code _}-separated parts (PASSWORD, SECRET, TOKEN, API_KEY, PRIVATE_KEY ...), so {@code GOPRIVATE},
 * {@code USERNAME} or {@code TOKENIZER_VERSION} do not match, and names ending in {@code _FILE},
 * {@code _PATH}, {@code _DIR}, {@code _URL} (a path or address, the safe pattern) are left alone.
 */
public final class SensitiveArgEnv extends BaseRule {

    private static final Set<String> SECRET_PARTS = Set.of("PASSWORD", "PASSWD", "PASSPHRASE", "SECRET", "TOKEN",
            "APIKEY", "CREDENTIALS", "PWD");
    private static final List<String> SECRET_PAIRS = List.of("API_KEY", "PRIVATE_KEY", "ACCESS_KEY", "CLIENT_KEY",
            "SECRET_KEY", "AUTH_KEY", "APP_KEY", "ACCESS_KEY_ID", "SIGNING_KEY", "ENCRYPTION_KEY");
    private static final Set<String> SAFE_SUFFIXES = Set.of("FILE", "PATH", "DIR", "URL", "URI", "HOST", "PORT",
            "ENDPOINT", "NAME", "TYPE", "LENGTH", "EXPIRY", "TTL", "ENABLED", "VERSION", "ID_FILE", "HEADER", "HASH");

    public SensitiveArgEnv() {
        super("DL3064", Level.WARNING, "Potentially sensitive data should not be used in the ARG or ENV commands",
                "Pass secrets with RUN --mount=type=secret; ARG and ENV values are readable in the image's history and config.");
    }

    @Override
    public void check(LintContext context, FindingSink sink) {
        for (ArgInstruction arg : Instructions.all(context, ArgInstruction.class, true)) {
            for (ArgDeclaration d : arg.declarations()) {
                if (looksSecret(d.name())) {
                    report(sink, "ARG", d.name(), d.word());
                }
            }
        }
        for (EnvInstruction env : Instructions.all(context, EnvInstruction.class, true)) {
            for (KeyValue kv : env.pairs()) {
                String name = kv.key().value();
                if (looksSecret(name) && !kv.value().value().isEmpty()) {
                    report(sink, "ENV", name, kv.key());
                }
            }
        }
    }

    private static void report(FindingSink sink, String keyword, String name, Word where) {
        sink.report(where.range(), keyword + " " + name + " looks like a secret: its value ends up in the image "
                + (keyword.equals("ENV") ? "config" : "history") + " for anyone who pulls it; use RUN --mount=type=secret,"
                + "id=" + name.toLowerCase(Locale.ROOT) + " where it is needed");
    }

    static boolean looksSecret(String name) {
        String n = name.toUpperCase(Locale.ROOT);
        String[] parts = n.split("_");
        String last = parts[parts.length - 1];
        if (parts.length > 1 && SAFE_SUFFIXES.contains(last)) {
            return false;
        }
        for (String p : parts) {
            if (SECRET_PARTS.contains(p)) {
                return true;
            }
        }
        String padded = "_" + n + "_";
        for (String pair : SECRET_PAIRS) {
            if (padded.contains("_" + pair + "_")) {
                return true;
            }
        }
        return false;
    }
}
