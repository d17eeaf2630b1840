package dev.kiln.lint.rules;

import dev.kiln.lint.LabelType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * DL3054: an {@code spdx} label that is not an SPDX license expression: identifiers from the SPDX
 * license list (or {@code LicenseRef-...}), optionally with {@code +}, joined by AND / OR, with
 * WITH exceptions and parentheses. The identifier lists are resources read on first use.
 */
public final class LabelSpdx extends LabelFormatRule {

    private static volatile Set<String> licenses;
    private static volatile Set<String> exceptions;

    public LabelSpdx() {
        super("DL3054", LabelType.SPDX, "Label is not a valid SPDX license identifier",
                "an SPDX license expression such as Apache-2.0 or MIT OR GPL-2.0-only");
    }

    @Override
    boolean valid(String value) {
        String[] tokens = value.replace("(", " ( ").replace(")", " ) ").trim().split("\\s+");
        int depth = 0;
        boolean expectId = true;
        boolean afterWith = false;
        for (String t : tokens) {
            String u = t.toUpperCase(Locale.ROOT);
            if (t.equals("(")) {
                if (!expectId) {
                    return false;
                }
                depth++;
            } else if (t.equals(")")) {
                if (expectId || --depth < 0) {
                    return false;
                }
            } else if (u.equals("AND") || u.equals("OR")) {
                if (expectId) {
                    return false;
                }
                expectId = true;
            } else if (u.equals("WITH")) {
                if (expectId) {
                    return false;
                }
                expectId = true;
                afterWith = true;
            } else {
                if (!expectId) {
                    return false;
                }
                boolean known = afterWith ? exceptions().contains(u) : license(t);
                if (!known) {
                    return false;
                }
                expectId = false;
                afterWith = false;
            }
        }
        return !expectId && depth == 0;
    }

    private static boolean license(String id) {
        String bare = id.endsWith("+") ? id.substring(0, id.length() - 1) : id;
        return bare.startsWith("LicenseRef-") || bare.startsWith("DocumentRef-") || licenses().contains(
                bare.toUpperCase(Locale.ROOT));
    }

    private static Set<String> licenses() {
        if (licenses == null) {
            licenses = load("spdx-licenses.txt");
        }
        return licenses;
    }

    private static Set<String> exceptions() {
        if (exceptions == null) {
            exceptions = load("spdx-exceptions.txt");
        }
        return exceptions;
    }

    private static Set<String> load(String resource) {
        Set<String> out = new HashSet<>();
        try (InputStream in = LabelSpdx.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    out.add(line.trim().toUpperCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(out);
    }
}
