package dev.kiln.analysis;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Recognises files that likely hold secrets, first by name (cheap, for every entry) and then by the
 * first bytes of the candidates only, so scanning a layer reads no extra content for ordinary files.
 * Findings name the file and the kind of secret; the secret itself is never kept.
 */
final class SecretRules {

    /** Bytes of a candidate's content that are looked at. */
    static final int PROBE_BYTES = 64 * 1024;
    /** Candidates larger than this are judged by name only. */
    static final long MAX_PROBED_FILE = 4L * 1024 * 1024;

    private static final Set<String> SSH_KEY_NAMES = Set.of("id_rsa", "id_dsa", "id_ecdsa", "id_ed25519",
            "id_ecdsa_sk", "id_ed25519_sk", "identity");
    private static final Set<String> KEY_EXTENSIONS = Set.of("pem", "key", "p8", "priv");
    private static final Set<String> KEYSTORE_EXTENSIONS = Set.of("p12", "pfx", "jks", "keystore", "ppk");
    private static final Set<String> ENV_EXAMPLES = Set.of("example", "sample", "template", "dist", "defaults");

    private static final List<TokenPattern> TOKENS = List.of(
            new TokenPattern("AWS access key id", Pattern.compile("(?<![A-Z0-9])(AKIA|ASIA)[0-9A-Z]{16}(?![A-Z0-9])")),
            new TokenPattern("GitHub token", Pattern.compile("\\b(gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{22,})")),
            new TokenPattern("GitLab token", Pattern.compile("\\bglpat-[A-Za-z0-9_-]{20,}")),
            new TokenPattern("Slack token", Pattern.compile("\\bxox[abprs]-[A-Za-z0-9-]{10,}")),
            new TokenPattern("Stripe secret key", Pattern.compile("\\b[sr]k_live_[A-Za-z0-9]{16,}")),
            new TokenPattern("Google API key", Pattern.compile("\\bAIza[0-9A-Za-z_-]{35}")),
            new TokenPattern("npm token", Pattern.compile("\\bnpm_[A-Za-z0-9]{36}")));
    private static final Pattern SECRET_ASSIGNMENT = Pattern.compile(
            "(?im)^\\s*(export\\s+)?[A-Z0-9_]*(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIALS?)"
                    + "[A-Z0-9_]*\\s*[=:]\\s*['\"]?[^\\s'\"#]{4,}");

    private SecretRules() {
    }

    private static final List<String> INTERESTING_EXTENSIONS = List.of("pem", "key", "p8", "priv", "p12", "pfx", "jks",
            "keystore", "ppk", "json", "env");

    /** Parent directory names under which credential files live. */
    private static final Set<String> CREDENTIAL_DIRS = Set.of(".aws", "gcloud", ".azure", ".docker", ".kube", ".gem",
            ".m2");

    /** What kind of candidate a path is, from its name alone; null for an ordinary file. */
    static Candidate candidate(String path) {
        if (!mayBeCandidate(path)) {
            return null;
        }
        String name = baseName(path);
        String lower = name.toLowerCase(Locale.ROOT);
        String parent = parentName(path);
        if (SSH_KEY_NAMES.contains(lower)) {
            return Candidate.PRIVATE_KEY;
        }
        String extension = extension(lower);
        if (KEY_EXTENSIONS.contains(extension)) {
            return Candidate.PRIVATE_KEY;
        }
        if (KEYSTORE_EXTENSIONS.contains(extension)) {
            return Candidate.KEYSTORE;
        }
        if (lower.equals(".env") || (lower.startsWith(".env.") && !ENV_EXAMPLES.contains(lower.substring(5)))
                || lower.endsWith(".env")) {
            return Candidate.ENV_FILE;
        }
        if ((parent.equals(".aws") && (lower.equals("credentials") || lower.equals("config")))
                || (parent.equals("gcloud") && (lower.equals("credentials.db") || lower.equals("access_tokens.db")
                        || lower.equals("application_default_credentials.json") || lower.equals("legacy_credentials")))
                || (parent.equals(".azure") && (lower.equals("accesstokens.json") || lower.equals("msal_token_cache.json")
                        || lower.equals("azureprofile.json")))) {
            return Candidate.CLOUD_CREDENTIALS;
        }
        if (lower.equals(".git-credentials") || lower.equals(".netrc") || lower.equals("_netrc")
                || lower.equals(".npmrc") || lower.equals(".pypirc") || lower.equals(".yarnrc.yml")
                || (parent.equals(".docker") && lower.equals("config.json"))
                || (parent.equals(".kube") && lower.equals("config"))
                || (parent.equals(".gem") && lower.equals("credentials"))
                || (parent.equals(".m2") && lower.equals("settings.xml"))
                || lower.equals("credentials.tfrc.json") || lower.equals(".terraformrc")
                || lower.equals(".htpasswd") || lower.equals(".pgpass") || lower.equals(".my.cnf")) {
            return Candidate.TOOL_CREDENTIALS;
        }
        if (extension.equals("json") && (lower.contains("credential") || lower.contains("service-account")
                || lower.contains("service_account") || lower.contains("serviceaccount") || lower.contains("-key")
                || lower.contains("_key") || lower.contains("secret"))) {
            return Candidate.JSON_KEY;
        }
        return null;
    }

    /**
     * A cheap first look, without copying anything, that rules out nearly every ordinary file: candidates
     * start with a dot or {@code id_}, have an extension, are called {@code identity}, or sit in a
     * credential directory.
     */
    private static boolean mayBeCandidate(String path) {
        int start = path.lastIndexOf('/') + 1;
        if (start >= path.length()) {
            return false;
        }
        char first = path.charAt(start);
        if (first == '.' || path.startsWith("id_", start) || path.startsWith("identity", start)
                || path.startsWith("_netrc", start)) {
            return true;
        }
        int dot = path.lastIndexOf('.');
        if (dot > start) {
            int length = path.length() - dot - 1;
            for (String extension : INTERESTING_EXTENSIONS) {
                if (extension.length() == length && path.regionMatches(true, dot + 1, extension, 0, length)) {
                    return true;
                }
            }
        }
        return start > 1 && CREDENTIAL_DIRS.contains(parentName(path));
    }

    /**
     * The kind of secret a candidate holds, from its first bytes ({@code head} may be empty when the
     * file was too large to look at); null when it holds none.
     */
    static String classify(Candidate candidate, String path, byte[] head, int length) {
        String text = new String(head, 0, length, StandardCharsets.ISO_8859_1);
        boolean looked = length > 0;
        switch (candidate) {
            case PRIVATE_KEY:
                if (text.contains("PRIVATE KEY-----") || text.contains("PuTTY-User-Key-File")) {
                    return "private key";
                }
                return null;
            case KEYSTORE:
                return "key store (" + extension(baseName(path).toLowerCase(Locale.ROOT)) + ")";
            case ENV_FILE:
                if (!looked) {
                    return ".env file";
                }
                if (SECRET_ASSIGNMENT.matcher(text).find()) {
                    return ".env file with secrets";
                }
                return token(text);
            case CLOUD_CREDENTIALS:
                if (baseName(path).equalsIgnoreCase("config") && !text.contains("aws_secret_access_key")
                        && !text.contains("aws_session_token")) {
                    return null;
                }
                return "cloud credentials file";
            case TOOL_CREDENTIALS:
                if (!looked) {
                    return "credentials file";
                }
                String lowerText = text.toLowerCase(Locale.ROOT);
                String name = baseName(path).toLowerCase(Locale.ROOT);
                boolean lineFormat = name.equals(".git-credentials") || name.equals(".htpasswd")
                        || name.equals(".pgpass");
                if ((lineFormat && text.contains(":")) || lowerText.contains("password") || lowerText.contains("passwd")
                        || lowerText.contains("_auth") || lowerText.contains("token") || lowerText.contains("secret")
                        || lowerText.contains("client-key-data") || lowerText.contains("api_key")
                        || lowerText.contains("\"auth\"")) {
                    String tokenKind = token(text);
                    return tokenKind != null ? tokenKind : "credentials file";
                }
                return null;
            case JSON_KEY:
                if (text.contains("\"private_key\"") || text.contains("PRIVATE KEY-----")) {
                    return "service account key";
                }
                return token(text);
            default:
                return null;
        }
    }

    /** A token found in any probed text, or null. */
    static String token(String text) {
        if (text.contains("PRIVATE KEY-----")) {
            return "private key";
        }
        for (TokenPattern pattern : TOKENS) {
            if (pattern.pattern().matcher(text).find()) {
                return pattern.kind();
            }
        }
        return null;
    }

    private static String baseName(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    private static String parentName(String path) {
        int slash = path.lastIndexOf('/');
        if (slash < 0) {
            return "";
        }
        int before = path.lastIndexOf('/', slash - 1);
        return path.substring(before + 1, slash);
    }

    private static String extension(String lowerName) {
        int dot = lowerName.lastIndexOf('.');
        return dot <= 0 ? "" : lowerName.substring(dot + 1);
    }

    enum Candidate { PRIVATE_KEY, KEYSTORE, ENV_FILE, CLOUD_CREDENTIALS, TOOL_CREDENTIALS, JSON_KEY }

    private record TokenPattern(String kind, Pattern pattern) {
    }
}
