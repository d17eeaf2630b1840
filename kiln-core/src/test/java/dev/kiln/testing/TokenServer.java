package dev.kiln.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A small token server per the distribution token-auth spec, for a {@link LocalRegistry} in token mode.
 * {@code GET /token?service=&scope=} with HTTP basic credentials, and the OAuth2 form
 * {@code POST /token} (password or refresh_token grant), answer a JWT signed RS256 with a fresh
 * self-signed key made by the JDK's {@code keytool}; the certificate travels in the {@code x5c}
 * header and the registry trusts it through its root cert bundle. Only the requested actions the
 * user is allowed are granted; wrong credentials get 401.
 */
public final class TokenServer implements AutoCloseable {

    public static final String SERVICE = "kiln-test-registry";
    public static final String ISSUER = "kiln-test-issuer";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ANONYMOUS = "";

    /** One request the server answered, to assert on caching and scopes. */
    public record Issued(String user, List<String> requestedScopes, List<String> grantedScopes, String grant) {
    }

    private record Rule(Pattern repository, Set<String> actions) {
    }

    private final HttpServer server;
    private final PrivateKey key;
    private final X509Certificate certificate;
    private final Map<String, String> passwords = new ConcurrentHashMap<>();
    private final Map<String, List<Rule>> rules = new ConcurrentHashMap<>();
    private final Map<String, String> refreshTokens = new ConcurrentHashMap<>();
    private final List<Issued> issued = new CopyOnWriteArrayList<>();
    private volatile Duration lifetime = Duration.ofMinutes(5);

    private TokenServer(HttpServer server, PrivateKey key, X509Certificate certificate) {
        this.server = server;
        this.key = key;
        this.certificate = certificate;
    }

    /** Starts on a free loopback port with a new RSA key and self-signed certificate. */
    public static TokenServer start() throws IOException {
        Path dir = Files.createTempDirectory("kiln-token-");
        try {
            Path store = dir.resolve("token.p12");
            String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "token", "-keyalg", "RSA",
                    "-keysize", "2048", "-dname", "CN=kiln-test-token", "-validity", "3", "-storetype", "PKCS12",
                    "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("keytool failed: " + out);
            }
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                keyStore.load(in, "changeit".toCharArray());
            }
            PrivateKey key = (PrivateKey) keyStore.getKey("token", "changeit".toCharArray());
            X509Certificate certificate = (X509Certificate) keyStore.getCertificate("token");
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            TokenServer tokens = new TokenServer(server, key, certificate);
            server.createContext("/token", tokens::handle);
            server.setExecutor(Executors.newCachedThreadPool());
            server.start();
            return tokens;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot load the token signing key", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            LocalRegistry.deleteTree(dir);
        }
    }

    /** Adds a user with a password (replacing an earlier one). */
    public TokenServer user(String name, String password) {
        passwords.put(name, password);
        return this;
    }

    /**
     * Lets {@code user} ({@code ""} for anonymous requests) do {@code actions} on repositories matching
     * the glob ({@code *} matches within a path segment run, e.g. {@code app} or {@code team/*}).
     */
    public TokenServer allow(String user, String repositoryGlob, String... actions) {
        Pattern pattern = Pattern.compile(Pattern.quote(repositoryGlob).replace("*", "\\E.*\\Q"));
        rules.computeIfAbsent(user, u -> new CopyOnWriteArrayList<>()).add(new Rule(pattern, Set.of(actions)));
        return this;
    }

    /** Lets anonymous clients do {@code actions} on matching repositories. */
    public TokenServer allowAnonymous(String repositoryGlob, String... actions) {
        return allow(ANONYMOUS, repositoryGlob, actions);
    }

    /** How long issued tokens live ({@code expires_in}); default five minutes. */
    public TokenServer tokenLifetime(Duration lifetime) {
        this.lifetime = lifetime;
        return this;
    }

    public String realm() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
    }

    public String service() {
        return SERVICE;
    }

    public String issuer() {
        return ISSUER;
    }

    public String certificatePem() {
        try {
            String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(certificate.getEncoded());
            return "-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every token request answered with a token, oldest first. */
    public List<Issued> issued() {
        return List.copyOf(issued);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, List<String>> params;
            String user;
            String grant;
            if ("POST".equals(exchange.getRequestMethod())) {
                params = parseQuery(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                grant = first(params, "grant_type");
                if ("password".equals(grant)) {
                    user = checkPassword(first(params, "username"), first(params, "password"));
                } else if ("refresh_token".equals(grant)) {
                    user = refreshTokens.get(String.valueOf(first(params, "refresh_token")));
                } else {
                    send(exchange, 400, "{\"error\":\"unsupported_grant_type\"}");
                    return;
                }
                List<String> scopes = new ArrayList<>();
                for (String scope : params.getOrDefault("scope", List.of())) {
                    scopes.addAll(List.of(scope.split(" ")));
                }
                params.put("scope", scopes);
            } else {
                params = parseQuery(exchange.getRequestURI().getRawQuery());
                grant = "basic";
                user = basicUser(exchange.getRequestHeaders().getFirst("Authorization"));
            }
            if (user == null) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"kiln-test-token\"");
                send(exchange, 401, "{\"details\":\"incorrect username or password\"}");
                return;
            }
            if (!SERVICE.equals(first(params, "service"))) {
                send(exchange, 400, "{\"details\":\"unknown service\"}");
                return;
            }
            List<String> requested = params.getOrDefault("scope", List.of());
            List<String> granted = new ArrayList<>();
            ArrayNode access = JSON.createArrayNode();
            for (String scope : requested) {
                grant(user, scope, granted, access);
            }
            issued.add(new Issued(user, List.copyOf(requested), List.copyOf(granted), grant));
            ObjectNode body = JSON.createObjectNode();
            String token = sign(user, access);
            body.put("token", token);
            body.put("access_token", token);
            body.put("expires_in", lifetime.toSeconds());
            body.put("issued_at", Instant.now().toString());
            if ("offline".equals(first(params, "access_type")) && !user.isEmpty()) {
                String refresh = UUID.randomUUID().toString();
                refreshTokens.put(refresh, user);
                body.put("refresh_token", refresh);
            }
            send(exchange, 200, JSON.writeValueAsString(body));
        } catch (RuntimeException | GeneralSecurityException e) {
            send(exchange, 500, "{\"details\":\"" + e.getClass().getSimpleName() + "\"}");
        }
    }

    /** Adds the allowed part of {@code type:name:actions} to the grant. */
    private void grant(String user, String scope, List<String> granted, ArrayNode access) {
        int first = scope.indexOf(':');
        int last = scope.lastIndexOf(':');
        if (first < 0 || last <= first) {
            return;
        }
        String type = scope.substring(0, first);
        String name = scope.substring(first + 1, last);
        Set<String> allowed = new LinkedHashSet<>();
        for (String action : scope.substring(last + 1).split(",")) {
            for (Rule rule : rules.getOrDefault(user, List.of())) {
                if ("repository".equals(type) && rule.repository().matcher(name).matches()
                        && (rule.actions().contains(action) || rule.actions().contains("*"))) {
                    allowed.add(action);
                }
            }
        }
        if (allowed.isEmpty()) {
            return;
        }
        ObjectNode entry = access.addObject();
        entry.put("type", type);
        entry.put("name", name);
        ArrayNode actions = entry.putArray("actions");
        allowed.forEach(actions::add);
        granted.add(type + ":" + name + ":" + String.join(",", allowed));
    }

    private String sign(String user, ArrayNode access) throws GeneralSecurityException {
        ObjectNode header = JSON.createObjectNode();
        header.put("typ", "JWT");
        header.put("alg", "RS256");
        header.putArray("x5c").add(Base64.getEncoder().encodeToString(certificate.getEncoded()));
        long now = Instant.now().getEpochSecond();
        ObjectNode claims = JSON.createObjectNode();
        claims.put("iss", ISSUER);
        claims.put("sub", user);
        claims.put("aud", SERVICE);
        claims.put("exp", now + lifetime.toSeconds());
        claims.put("nbf", now - 10);
        claims.put("iat", now);
        claims.put("jti", UUID.randomUUID().toString());
        claims.set("access", access);
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        String signingInput = url.encodeToString(header.toString().getBytes(StandardCharsets.UTF_8)) + "."
                + url.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(key);
        rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + url.encodeToString(rsa.sign());
    }

    private String basicUser(String authorization) {
        if (authorization == null) {
            return ANONYMOUS;
        }
        if (!authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        return colon < 0 ? null : checkPassword(decoded.substring(0, colon), decoded.substring(colon + 1));
    }

    private String checkPassword(String user, String password) {
        if (user == null || password == null) {
            return null;
        }
        return password.equals(passwords.get(user)) ? user : null;
    }

    private static Map<String, List<String>> parseQuery(String query) {
        Map<String, List<String>> params = new ConcurrentHashMap<>();
        if (query == null || query.isEmpty()) {
            return params;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>()).add(value);
        }
        return params;
    }

    private static String first(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        if (server.getExecutor() instanceof java.util.concurrent.ExecutorService pool) {
            pool.shutdownNow();
        }
    }
}
