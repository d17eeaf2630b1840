package dev.kiln.build.executor;

import dev.kiln.build.context.BuildException;
import dev.kiln.oci.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Optional;

/**
 * ADD's URL sources: downloaded to a temp file, checked against {@code --checksum}, dated by
 * {@code Last-Modified} as Docker does, named after the URL's last path segment.
 */
final class UrlSource {

    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private UrlSource() {
    }

    static Path download(String url, Optional<String> checksum, Path scratch, String where)
            throws IOException, BuildException, InterruptedException {
        Files.createDirectories(scratch);
        Path file = Files.createTempFile(scratch, "url-", "");
        try {
            HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                    .connectTimeout(Duration.ofSeconds(30)).build();
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build();
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                if (response.statusCode() != 200) {
                    throw new BuildException(dev.kiln.KilnException.Kind.FAILURE,
                            where + ": ADD " + url + ": the server answered HTTP " + response.statusCode());
                }
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
            Optional<String> modified = response.headers().firstValue("Last-Modified");
            if (modified.isPresent()) {
                try {
                    Instant time = ZonedDateTime.parse(modified.get(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                    Files.setLastModifiedTime(file, FileTime.from(time));
                } catch (java.time.format.DateTimeParseException ignored) {
                    // no usable date: the step's time is used
                }
            } else {
                Files.setLastModifiedTime(file, FileTime.from(Instant.EPOCH));
            }
            if (checksum.isPresent()) {
                String actual = "sha256:" + sha256(file);
                if (!actual.equals(checksum.get())) {
                    throw new BuildException(where + ": ADD " + url + ": checksum mismatch: expected " + checksum.get()
                            + ", got " + actual);
                }
            }
            return file;
        } catch (IOException | BuildException | InterruptedException | RuntimeException e) {
            Files.deleteIfExists(file);
            if (e instanceof java.net.ConnectException || e instanceof java.net.http.HttpTimeoutException) {
                throw new BuildException(dev.kiln.KilnException.Kind.FAILURE, where + ": ADD " + url + ": " + e);
            }
            if (e instanceof IllegalArgumentException) {
                throw new BuildException(where + ": ADD: invalid URL " + url);
            }
            throw e;
        }
    }

    static String sha256(Path file) throws IOException {
        MessageDigest sha = Digest.newSha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                sha.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    static Optional<Instant> lastModified(Path file) throws IOException {
        Instant time = Files.getLastModifiedTime(file).toInstant();
        return time.equals(Instant.EPOCH) ? Optional.empty() : Optional.of(time);
    }

    static String fileName(String url) {
        String path = URI.create(url).getPath();
        if (path == null || path.isEmpty() || path.endsWith("/")) {
            return "index.html";
        }
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
