package dev.kiln.registry;

import dev.kiln.blob.BlobDigestMismatchException;
import dev.kiln.registry.auth.CredentialException;
import dev.kiln.registry.auth.HostAuthenticator;
import dev.kiln.registry.auth.TokenEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.SSLException;

/**
 * Sends registry calls to one host: picks the scheme (HTTPS with the system trust store and the
 * host's certs.d files; plain HTTP for loopback hosts; for an insecure host HTTPS without checks,
 * falling back to HTTP), attaches credentials through {@link HostAuthenticator}, retries per the
 * {@link RetryPolicy} on 5xx, 429, 408, resets and timeouts, follows redirects without carrying
 * credentials to other hosts, and guards response bodies against stalls. Debug lines go through the
 * session's redactor.
 */
public final class RegistryHttp {

    private static final String USER_AGENT = "kiln/0.1 (+java.net.http)";
    private static final int MAX_REDIRECTS = 5;

    private final String host;
    private final RegistrySession session;
    private final RegistryConfig config;
    private final HostAuthenticator auth;
    private final HttpClient tokenClient;
    private volatile HttpClient client;
    private volatile String scheme;

    RegistryHttp(String host, RegistrySession session) {
        this.host = host;
        this.session = session;
        this.config = session.config();
        this.tokenClient = plainClient();
        this.auth = new HostAuthenticator(host, session.credentials()::lookup,
                new TokenEndpoint(tokenClient, config.responseTimeout()), session.tokens());
    }

    public String host() {
        return host;
    }

    public RegistrySession session() {
        return session;
    }

    /** Whether a credential is known for this host (for messages like "anonymous"). */
    public boolean hasCredential() throws CredentialException {
        return auth.hasCredential();
    }

    /** Sends a call with auth, retries and redirects; any status comes back, callers judge it. */
    public Response send(Request request) throws RegistryException {
        ensureClient(request);
        int attempt = 0;
        int challenges = 0;
        int redirects = 0;
        String target = request.target();
        boolean ownHost = true;
        while (true) {
            attempt++;
            Optional<String> authorization = Optional.empty();
            HttpResponse<InputStream> response;
            URI uri = resolve(target);
            try {
                if (ownHost) {
                    authorization = auth.authorization(request.scopes());
                }
                HttpRequest built = build(request, uri, authorization);
                response = client.send(built, HttpResponse.BodyHandlers.ofInputStream());
            } catch (TokenEndpoint.TokenException e) {
                ErrorCode code = e.status() == 401 || e.status() == 403 ? ErrorCode.UNAUTHORIZED : ErrorCode.UNAVAILABLE;
                throw error(request, code, code == ErrorCode.UNAUTHORIZED ? "" : redact(e.getMessage()), null);
            } catch (CredentialException e) {
                throw error(request, ErrorCode.UNAUTHORIZED, redact(e.getMessage()), null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw error(request, ErrorCode.UNAVAILABLE, "interrupted", e);
            } catch (IOException e) {
                Optional<BlobDigestMismatchException> corrupted = BlobDigestMismatchException.in(e);
                if (corrupted.isPresent()) {
                    // The body's source failed its digest check: sending it again cannot help.
                    // It is kiln's input that is damaged, not the registry: bad input, exit 2.
                    throw new RegistryException(dev.kiln.KilnException.Kind.BAD_INPUT, host, request.repository(),
                            ErrorCode.DIGEST_MISMATCH, request.action(), redact(corrupted.get().getMessage()), e);
                }
                if (retryable(e) && config.retry().mayRetry(attempt)) {
                    pause(request, attempt, Optional.empty(), describe(e));
                    continue;
                }
                throw error(request, ErrorCode.UNAVAILABLE, describe(e) + after(attempt), e);
            }
            int status = response.statusCode();
            debug(request.method() + " " + uri + " -> " + status + (attempt > 1 ? " (try " + attempt + ")" : ""));
            if (status == 401 && ownHost && challenges < 2) {
                closeQuietly(response);
                boolean retry;
                try {
                    retry = auth.challenged(response.headers().allValues("WWW-Authenticate"), request.scopes(),
                            authorization);
                } catch (CredentialException e) {
                    throw error(request, ErrorCode.UNAUTHORIZED, redact(e.getMessage()), null);
                }
                challenges++;
                if (retry) {
                    attempt--;
                    continue;
                }
                throw error(request, ErrorCode.UNAUTHORIZED, "", null);
            }
            if (RetryPolicy.retryableStatus(status) && config.retry().mayRetry(attempt)) {
                Optional<Duration> retryAfter = RetryPolicy.parseRetryAfter(
                        response.headers().firstValue("Retry-After").orElse(null), Instant.now());
                if (retryAfter.isEmpty() || !config.retry().tooLong(retryAfter.get())) {
                    closeQuietly(response);
                    pause(request, attempt, retryAfter, "HTTP " + status);
                    continue;
                }
            }
            if (isRedirect(status) && (request.method().equals("GET") || request.method().equals("HEAD"))
                    && redirects < MAX_REDIRECTS) {
                Optional<String> location = response.headers().firstValue("Location");
                if (location.isPresent()) {
                    closeQuietly(response);
                    redirects++;
                    URI next = uri.resolve(location.get());
                    ownHost = sameHost(next);
                    target = next.toString();
                    attempt = 0;
                    continue;
                }
            }
            InputStream body = new IdleGuardedStream(response.body(), config.idleTimeout(), session.timer());
            return new Response(response, body, this, request);
        }
    }

    /** An absolute URI for a {@code /v2/...} path, or the URL itself when the registry gave one. */
    public URI resolve(String target) {
        if (target.startsWith("http://") || target.startsWith("https://")) {
            return URI.create(target);
        }
        return URI.create(scheme + "://" + host + target);
    }

    private boolean sameHost(URI uri) {
        String authority = uri.getPort() > 0 ? uri.getHost() + ":" + uri.getPort() : uri.getHost();
        return host.equalsIgnoreCase(authority) || host.equalsIgnoreCase(uri.getHost());
    }

    private HttpRequest build(Request request, URI uri, Optional<String> authorization) throws IOException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).header("User-Agent", USER_AGENT);
        Duration timeout = request.timeout() != null ? request.timeout() : config.responseTimeout();
        if (request.body() != null && request.body().length() > 0) {
            // The client's timeout runs until the response head, so a long upload needs room for
            // its bytes: at least 1 MiB/s.
            timeout = timeout.plusSeconds(request.body().length() >> 20);
        }
        builder.timeout(timeout);
        request.headers().forEach(builder::header);
        authorization.ifPresent(value -> builder.header("Authorization", value));
        HttpRequest.BodyPublisher publisher = request.body() == null
                ? HttpRequest.BodyPublishers.noBody() : request.body().publisher();
        builder.method(request.method(), publisher);
        return builder.build();
    }

    private void ensureClient(Request request) throws RegistryException {
        if (client != null) {
            return;
        }
        synchronized (this) {
            if (client != null) {
                return;
            }
            try {
                if (RegistryConfig.isLoopback(host)) {
                    client = tokenClient; // the same settings: one client, one selector thread
                    scheme = "http";
                } else if (config.insecureHosts().contains(host)) {
                    HttpClient tls = tlsClient(true);
                    if (answersTls(tls)) {
                        client = tls;
                        scheme = "https";
                    } else {
                        HttpClients.stop(tls);
                        client = tokenClient;
                        scheme = "http";
                    }
                } else {
                    client = tlsClient(false);
                    scheme = "https";
                }
            } catch (IOException e) {
                throw error(request, ErrorCode.UNAVAILABLE, redact(e.getMessage()), e);
            }
        }
    }

    /** Ends the clients' selector threads (see {@link HttpClients}); called when the session closes. */
    void close() {
        HttpClients.stop(tokenClient);
        HttpClient main = client;
        if (main != null && main != tokenClient) {
            HttpClients.stop(main);
        }
    }

    private boolean answersTls(HttpClient tls) {
        HttpRequest ping = HttpRequest.newBuilder(URI.create("https://" + host + "/v2/"))
                .timeout(config.connectTimeout()).header("User-Agent", USER_AGENT).GET().build();
        try {
            HttpResponse<Void> response = tls.send(ping, HttpResponse.BodyHandlers.discarding());
            debug("GET https://" + host + "/v2/ -> " + response.statusCode() + " (TLS probe)");
            return true;
        } catch (SSLException e) {
            debug("https://" + host + " does not speak TLS; using plain HTTP (insecure registry)");
            return false;
        } catch (IOException e) {
            return !(e.getCause() instanceof SSLException);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private HttpClient plainClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    private HttpClient tlsClient(boolean insecure) throws IOException {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_2)
                .sslContext(TlsSetup.context(host, config.certDir(), insecure))
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    private void pause(Request request, int attempt, Optional<Duration> retryAfter, String why)
            throws RegistryException {
        Duration delay = config.retry().delay(attempt, retryAfter, ThreadLocalRandom.current().nextDouble());
        debug("retrying " + request.method() + " " + request.target() + " after " + why + " in "
                + delay.toMillis() + " ms");
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw error(request, ErrorCode.UNAVAILABLE, "interrupted", e);
        }
    }

    /**
     * Whether an I/O failure is worth another try: resets, timeouts, early ends. A host that does not
     * resolve or refuses the connection is not: that is a typo or a registry that is not there, and
     * six tries only make the user wait (connect timeouts are {@code HttpTimeoutException}s and retried).
     */
    static boolean retryable(IOException e) {
        if (e instanceof ConnectException || e instanceof java.net.UnknownHostException) {
            return false;
        }
        return !(e instanceof SSLException) && !(e.getCause() instanceof SSLException);
    }

    /** A short, credential-free phrase for an I/O failure. */
    public String describe(IOException e) {
        if (e instanceof HttpTimeoutException) {
            return "timed out (" + e.getMessage() + ")";
        }
        if (unresolved(e)) {
            return "unknown host";
        }
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        if (e instanceof SSLException) {
            return "TLS failed: " + redact(e.getMessage());
        }
        String message = e.getMessage();
        return redact(message == null || message.isBlank() ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + message);
    }

    private static boolean unresolved(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.UnknownHostException || t instanceof java.nio.channels.UnresolvedAddressException) {
                return true;
            }
        }
        return false;
    }

    private String after(int attempt) {
        return attempt > 1 ? " (after " + attempt + " tries)" : "";
    }

    RegistryException error(Request request, ErrorCode code, String detail, Throwable cause) {
        return new RegistryException(host, request.repository(), code, request.action(), redact(detail), cause);
    }

    public String redact(String text) {
        return session.redactor().redact(text);
    }

    void debug(String message) {
        session.events().debug("registry: " + redact(message));
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static void closeQuietly(HttpResponse<InputStream> response) {
        try {
            response.body().close();
        } catch (IOException ignored) {
            // freeing only
        }
    }
}
