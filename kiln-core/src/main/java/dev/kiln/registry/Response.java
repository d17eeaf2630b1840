package dev.kiln.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;

/**
 * A registry's answer with its body still streaming; close it (or read it to the end) to free the
 * connection. {@link #failure()} turns an unwanted status into a {@link RegistryException} using the
 * spec's error body when there is one.
 */
public final class Response implements Closeable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final HttpResponse<InputStream> response;
    private final InputStream body;
    private final RegistryHttp http;
    private final Request request;

    Response(HttpResponse<InputStream> response, InputStream body, RegistryHttp http, Request request) {
        this.response = response;
        this.body = body;
        this.http = http;
        this.request = request;
    }

    public int status() {
        return response.statusCode();
    }

    public boolean isSuccess() {
        return status() >= 200 && status() < 300;
    }

    public Optional<String> header(String name) {
        return response.headers().firstValue(name);
    }

    public List<String> headers(String name) {
        return response.headers().allValues(name);
    }

    /** The URI that answered (after redirects). */
    public URI uri() {
        return response.uri();
    }

    public InputStream body() {
        return body;
    }

    /** The whole body, refusing more than {@code limit} bytes (manifests, tag lists, errors). */
    public byte[] bytes(int limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[16384];
        int n;
        while ((n = body.read(buffer)) >= 0) {
            out.write(buffer, 0, n);
            if (out.size() > limit) {
                throw new IOException("response larger than " + limit + " bytes");
            }
        }
        return out.toByteArray();
    }

    /** The failure this response stands for, with the spec's error code from its body when present. */
    public RegistryException failure() {
        ErrorCode code = ErrorCode.fromStatus(status(), request.notFound());
        String detail = "";
        try {
            byte[] bytes = bytes(MAX_ERROR_BODY);
            if (bytes.length > 0) {
                JsonNode errors = JSON.readTree(bytes).path("errors");
                if (errors.isArray() && errors.size() > 0) {
                    JsonNode first = errors.get(0);
                    ErrorCode named = ErrorCode.fromSpec(first.path("code").asText(null));
                    if (named != ErrorCode.UNEXPECTED) {
                        code = named;
                    }
                    detail = first.path("message").asText("");
                }
            }
        } catch (IOException e) {
            // No spec error body: the status decides.
        } finally {
            close();
        }
        if (code == ErrorCode.UNAUTHORIZED || detail.equalsIgnoreCase(code.phrase())
                || detail.equalsIgnoreCase(code.name().replace('_', ' '))) {
            detail = "";
        }
        if (code == ErrorCode.UNEXPECTED || code == ErrorCode.UNAVAILABLE) {
            detail = "HTTP " + status() + (detail.isEmpty() ? "" : " " + detail);
        }
        return http.error(request, code, http.redact(detail), null);
    }

    /** Reads and drops the rest of the body so that the connection can be reused. */
    public void discard() {
        try (InputStream in = body) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException ignored) {
            // the connection is simply not reused
        }
    }

    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException ignored) {
            // nothing more to free
        }
    }
}
