package dev.kiln.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A loopback HTTP/1.1 proxy in front of a real registry that injects faults by a scripted plan:
 * answer 500/503/429 (with {@code Retry-After}), drop the connection after part of a response body
 * or part of a request body, or stall. Requests that no rule claims pass through unchanged, with
 * keep-alive. Rules are tried in the order added; each fires a given number of times.
 *
 * <pre>{@code
 * proxy.on("GET", "/v2/.+/blobs/sha256:.+").times(2).dropResponseAfter(100_000);
 * proxy.on("PUT", "/v2/.+/manifests/.+").respond(503, 1);
 * }</pre>
 */
public final class FaultProxy implements AutoCloseable {

    /** What to do to a matching request. */
    public sealed interface Fault permits Respond, DropResponse, DropRequest, Stall {
    }

    /** Answer with a status (no upstream call); {@code retryAfterSeconds < 0} sends no Retry-After. */
    public record Respond(int status, int retryAfterSeconds) implements Fault {
    }

    /** Forward, relay the response head and {@code bodyBytes} of the body, then cut the connection. */
    public record DropResponse(long bodyBytes) implements Fault {
    }

    /** Forward {@code bodyBytes} of the request body upstream, then cut both connections. */
    public record DropRequest(long bodyBytes) implements Fault {
    }

    /** Forward, relay the head and {@code bodyBytes} of the body, then hold still for {@code pause} and cut. */
    public record Stall(long bodyBytes, Duration pause) implements Fault {
    }

    /** A rule under construction and then in force; {@link #fired()} counts its hits. */
    public final class Rule {
        private final String method;
        private final Pattern path;
        private final AtomicInteger remaining = new AtomicInteger(1);
        private final AtomicInteger fired = new AtomicInteger();
        private volatile Fault fault;

        private Rule(String method, Pattern path) {
            this.method = method;
            this.path = path;
        }

        /** How many matching requests this rule takes (default 1). */
        public Rule times(int count) {
            remaining.set(count);
            return this;
        }

        public Rule respond(int status) {
            return install(new Respond(status, -1));
        }

        public Rule respond(int status, int retryAfterSeconds) {
            return install(new Respond(status, retryAfterSeconds));
        }

        public Rule dropResponseAfter(long bodyBytes) {
            return install(new DropResponse(bodyBytes));
        }

        public Rule dropRequestAfter(long bodyBytes) {
            return install(new DropRequest(bodyBytes));
        }

        public Rule stall(long bodyBytes, Duration pause) {
            return install(new Stall(bodyBytes, pause));
        }

        /** How many requests this rule has caught so far. */
        public int fired() {
            return fired.get();
        }

        private Rule install(Fault fault) {
            this.fault = fault;
            rules.add(this);
            return this;
        }

        private boolean claim(String requestMethod, String requestPath) {
            if (fault == null || (method != null && !method.equalsIgnoreCase(requestMethod))
                    || !path.matcher(requestPath).matches()) {
                return false;
            }
            if (remaining.getAndUpdate(n -> Math.max(0, n - 1)) <= 0) {
                return false;
            }
            fired.incrementAndGet();
            return true;
        }
    }

    private static final int BUFFER = 65536;

    private final ServerSocket listener;
    private final int upstreamPort;
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fault-proxy");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closed;

    private FaultProxy(ServerSocket listener, int upstreamPort) {
        this.listener = listener;
        this.upstreamPort = upstreamPort;
    }

    /** Starts a proxy on a free loopback port forwarding to {@code 127.0.0.1:upstreamPort}. */
    public static FaultProxy start(int upstreamPort) throws IOException {
        ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        FaultProxy proxy = new FaultProxy(listener, upstreamPort);
        proxy.workers.execute(proxy::acceptLoop);
        return proxy;
    }

    /** A rule for requests with this method ({@code null} for any) whose path (without query) matches. */
    public Rule on(String method, String pathRegex) {
        return new Rule(method, Pattern.compile(pathRegex));
    }

    /** {@code 127.0.0.1:PORT}, the host clients should use. */
    public String host() {
        return "127.0.0.1:" + listener.getLocalPort();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** {@code METHOD path?query} of every request seen, in arrival order. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** Removes every rule not yet used up. */
    public void clearRules() {
        rules.clear();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                open.add(client);
                workers.execute(() -> serve(client));
            } catch (IOException e) {
                if (!closed) {
                    continue;
                }
                return;
            }
        }
    }

    private void serve(Socket client) {
        Socket upstream = null;
        try (client) {
            InputStream fromClient = new BufferedInputStream(client.getInputStream(), BUFFER);
            OutputStream toClient = client.getOutputStream();
            InputStream fromUpstream = null;
            while (!closed) {
                Head request = Head.read(fromClient);
                if (request == null) {
                    return;
                }
                requests.add(request.method() + " " + request.target());
                Fault fault = match(request);
                if (fault instanceof Respond respond) {
                    answer(toClient, respond);
                    return;
                }
                if (upstream == null || upstream.isClosed()) {
                    upstream = new Socket();
                    upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), upstreamPort), 5000);
                    open.add(upstream);
                    fromUpstream = new BufferedInputStream(upstream.getInputStream(), BUFFER);
                }
                OutputStream toUpstream = upstream.getOutputStream();
                toUpstream.write(request.raw());
                long requestLimit = fault instanceof DropRequest drop ? drop.bodyBytes() : Long.MAX_VALUE;
                boolean complete = relayBody(fromClient, toUpstream, request, false, requestLimit);
                toUpstream.flush();
                if (!complete) {
                    reset(client);
                    upstream.close();
                    return;
                }
                Head response = Head.read(fromUpstream);
                while (response != null && response.status() >= 100 && response.status() < 200) {
                    toClient.write(response.raw());
                    response = Head.read(fromUpstream);
                }
                if (response == null) {
                    return;
                }
                toClient.write(response.raw());
                long limit = Long.MAX_VALUE;
                if (fault instanceof DropResponse drop) {
                    limit = drop.bodyBytes();
                } else if (fault instanceof Stall stall) {
                    limit = stall.bodyBytes();
                }
                boolean headOnly = request.method().equals("HEAD");
                boolean whole = relayBody(fromUpstream, toClient, response, headOnly, limit);
                toClient.flush();
                if (fault instanceof Stall stall) {
                    Thread.sleep(stall.pause().toMillis());
                    reset(client);
                    return;
                }
                if (!whole) {
                    reset(client);
                    return;
                }
                if (response.closes() || request.closes()) {
                    return;
                }
            }
        } catch (IOException e) {
            // A client or upstream went away; the connection ends here.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (upstream != null) {
                try {
                    upstream.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
                open.remove(upstream);
            }
            open.remove(client);
        }
    }

    private Fault match(Head request) {
        String path = request.target();
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        for (Rule rule : rules) {
            if (rule.claim(request.method(), path)) {
                return rule.fault;
            }
        }
        return null;
    }

    private static void answer(OutputStream toClient, Respond respond) throws IOException {
        String body = "{\"errors\":[{\"code\":\"UNAVAILABLE\",\"message\":\"injected by FaultProxy\"}]}";
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(respond.status()).append(" Injected\r\n")
                .append("Content-Type: application/json\r\n")
                .append("Content-Length: ").append(body.length()).append("\r\n")
                .append("Connection: close\r\n");
        if (respond.retryAfterSeconds() >= 0) {
            head.append("Retry-After: ").append(respond.retryAfterSeconds()).append("\r\n");
        }
        head.append("\r\n").append(body);
        toClient.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        toClient.flush();
    }

    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    /**
     * Copies one message body as framed by its head, stopping after {@code limit} body bytes.
     * Returns false when the limit cut it short.
     */
    private static boolean relayBody(InputStream in, OutputStream out, Head head, boolean noBody, long limit)
            throws IOException {
        if (noBody || head.status() == 204 || head.status() == 304) {
            return true;
        }
        long[] budget = {limit};
        if (head.chunked()) {
            while (true) {
                String sizeLine = readLine(in);
                out.write((sizeLine + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                int semicolon = sizeLine.indexOf(';');
                long size = Long.parseLong((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).strip(), 16);
                if (size == 0) {
                    String trailer;
                    do {
                        trailer = readLine(in);
                        out.write((trailer + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    } while (!trailer.isEmpty());
                    return true;
                }
                if (!copy(in, out, size, budget)) {
                    return false;
                }
                String end = readLine(in);
                out.write((end + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            }
        }
        long length = head.contentLength();
        if (length < 0) {
            if (head.isRequest()) {
                return true;
            }
            return copy(in, out, Long.MAX_VALUE, budget);
        }
        return copy(in, out, length, budget);
    }

    /** Copies up to {@code count} bytes (until EOF when unbounded); false when the budget ran out first. */
    private static boolean copy(InputStream in, OutputStream out, long count, long[] budget) throws IOException {
        byte[] buffer = new byte[BUFFER];
        long left = count;
        while (left > 0) {
            if (budget[0] <= 0) {
                return false;
            }
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, Math.min(left, budget[0])));
            if (n < 0) {
                if (count == Long.MAX_VALUE) {
                    return true;
                }
                throw new IOException("unexpected end of stream");
            }
            out.write(buffer, 0, n);
            left -= n;
            budget[0] -= n;
        }
        return true;
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        throw new IOException("unexpected end of stream in a line");
    }

    /** A request or response head: its raw bytes and the fields that frame the body. */
    private record Head(byte[] raw, String method, String target, int status, long contentLength, boolean chunked,
                        boolean closes) {

        boolean isRequest() {
            return method != null;
        }

        /** Reads a head, or returns null at a clean end of stream before its first byte. */
        static Head read(InputStream in) throws IOException {
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            List<String> lines = new ArrayList<>();
            StringBuilder line = new StringBuilder();
            int b;
            while (true) {
                try {
                    b = in.read();
                } catch (SocketException e) {
                    b = -1;
                }
                if (b < 0) {
                    if (raw.size() == 0) {
                        return null;
                    }
                    throw new IOException("connection closed inside a message head");
                }
                raw.write(b);
                if (b == '\n') {
                    String text = line.toString().strip();
                    if (text.isEmpty()) {
                        break;
                    }
                    lines.add(text);
                    line.setLength(0);
                } else {
                    line.append((char) b);
                }
            }
            String[] start = lines.get(0).split(" ", 3);
            String method = null;
            String target = null;
            int status = 0;
            if (start[0].startsWith("HTTP/")) {
                status = Integer.parseInt(start[1]);
            } else {
                method = start[0];
                target = start[1];
            }
            long length = -1;
            boolean chunked = false;
            boolean closes = false;
            for (String header : lines.subList(1, lines.size())) {
                int colon = header.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = header.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).strip();
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    case "connection" -> closes = value.equalsIgnoreCase("close");
                    default -> { }
                }
            }
            return new Head(raw.toByteArray(), method, target, status, length, chunked, closes);
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        listener.close();
        for (Socket socket : open) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        workers.shutdownNow();
    }
}
