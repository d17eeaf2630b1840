package dev.kiln.registry;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.nio.file.Path;

/**
 * A request body that can be produced again for a retry: bytes, a file region or a re-openable
 * stream. Never held in memory beyond small manifests.
 */
public interface BodySource {

    /** A fresh publisher for one attempt. */
    HttpRequest.BodyPublisher publisher() throws IOException;

    /** Bytes in the body. */
    long length();

    static BodySource of(byte[] bytes) {
        return new BodySource() {
            @Override
            public HttpRequest.BodyPublisher publisher() {
                return HttpRequest.BodyPublishers.ofByteArray(bytes);
            }

            @Override
            public long length() {
                return bytes.length;
            }
        };
    }

    static BodySource empty() {
        return of(new byte[0]);
    }

    /** Opens content at an offset; used to send a blob or a part of one. */
    @FunctionalInterface
    interface Opener {
        InputStream open(long offset) throws IOException;
    }

    /** {@code length} bytes starting at {@code offset} of what {@code opener} yields. */
    static BodySource range(Opener opener, long offset, long length) {
        return new BodySource() {
            @Override
            public HttpRequest.BodyPublisher publisher() {
                return new StreamPublisher(() -> {
                    try {
                        return new BoundedInputStream(opener.open(offset), length);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }, length);
            }

            @Override
            public long length() {
                return length;
            }
        };
    }

    /** A whole file. */
    static BodySource file(Path file, long length) {
        return new BodySource() {
            @Override
            public HttpRequest.BodyPublisher publisher() throws IOException {
                return HttpRequest.BodyPublishers.ofFile(file);
            }

            @Override
            public long length() {
                return length;
            }
        };
    }
}
