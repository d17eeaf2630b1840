package dev.kiln.registry.auth;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Hides credentials in any text before it reaches a log line, an event or an exception message: every
 * secret it was told about (passwords, tokens, their base64 forms), plus anything shaped like one
 * ({@code Authorization} values, bearer and basic credentials, JWTs, {@code password=} and token
 * form fields). One instance per session; thread-safe.
 */
public final class Redactor {

    public static final String MASK = "<redacted>";

    private static final List<Pattern> SHAPES = List.of(
            Pattern.compile("(?i)(authorization\\s*[:=]\\s*)(\\S+\\s+)?[^\\s,;\"']+"),
            Pattern.compile("(?i)(\\b(?:bearer|basic)\\s+)[A-Za-z0-9._~+/=-]{8,}"),
            Pattern.compile("eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*"),
            Pattern.compile("(?i)((?:password|passwd|secret|refresh_token|access_token|identitytoken|token|auth)"
                    + "\"?\\s*[=:]\\s*\"?)[^\\s&\",}]+"));

    private final Set<String> secrets = ConcurrentHashMap.newKeySet();

    /** Remembers the secrets of a credential so that they are hidden from now on. */
    public void register(Credential credential) {
        for (String secret : credential.secrets()) {
            register(secret);
        }
    }

    /** Remembers one secret string (ignored when too short to be hidden without hiding ordinary text). */
    public void register(String secret) {
        if (secret != null && secret.length() >= 3) {
            secrets.add(secret);
        }
    }

    /** The text with every known secret and every secret-shaped value replaced by {@value #MASK}. */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = text;
        // Longest first, so a secret that contains another is hidden whole.
        for (String secret : secrets.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
            result = result.replace(secret, MASK);
        }
        for (Pattern shape : SHAPES) {
            result = shape.matcher(result).replaceAll(match ->
                    match.groupCount() >= 1 && match.group(1) != null
                            ? java.util.regex.Matcher.quoteReplacement(match.group(1) + MASK)
                            : MASK);
        }
        return result;
    }
}
