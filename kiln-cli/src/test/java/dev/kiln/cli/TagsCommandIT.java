package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.testing.LocalRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code kiln tags} against a real registry holding tags pushed over the plain HTTP API. */
class TagsCommandIT {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int kiln(String... args) {
        Terminal terminal = new Terminal(new PrintWriter(out, true), new PrintWriter(err, true),
                Map.of("HOME", "/nonexistent", "PATH", "/usr/bin:/bin"), false);
        return Kiln.run(terminal, args);
    }

    private static void putManifest(LocalRegistry registry, String repo, String tag) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String config = "{}";
        String digest = dev.kiln.oci.Digest.sha256(config).toString();
        HttpResponse<String> start = http.send(HttpRequest.newBuilder(URI.create(registry.url() + "/v2/" + repo + "/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        String location = start.headers().firstValue("Location").orElseThrow();
        URI put = URI.create(registry.url()).resolve(location + (location.contains("?") ? "&" : "?") + "digest=" + digest);
        http.send(HttpRequest.newBuilder(put).PUT(HttpRequest.BodyPublishers.ofString(config)).build(), HttpResponse.BodyHandlers.ofString());
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":"
                + "\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + digest + "\",\"size\":2},\"layers\":[]}";
        HttpResponse<String> done = http.send(HttpRequest.newBuilder(URI.create(registry.url() + "/v2/" + repo + "/manifests/" + tag))
                .header("Content-Type", "application/vnd.oci.image.manifest.v1+json")
                .PUT(HttpRequest.BodyPublishers.ofString(manifest)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(done.statusCode()).as(done.body()).isEqualTo(201);
    }

    @Test
    void tagsAreListedAsTextOrJsonAndAnUnknownRepositoryIsAClearError() throws Exception {
        try (LocalRegistry registry = LocalRegistry.open()) {
            putManifest(registry, "team/app", "1.0.0-1");
            putManifest(registry, "team/app", "1.0.0-2");
            assertThat(kiln("tags", registry.host() + "/team/app")).as(err.toString()).isZero();
            assertThat(out.toString().lines()).containsExactlyInAnyOrder("1.0.0-1", "1.0.0-2");
            out.getBuffer().setLength(0);
            assertThat(kiln("tags", "--format", "json", "docker://" + registry.host() + "/team/app:ignored")).isZero();
            assertThat(out.toString().strip()).isIn("[\"1.0.0-1\",\"1.0.0-2\"]", "[\"1.0.0-2\",\"1.0.0-1\"]");

            assertThat(kiln("tags", registry.host() + "/nothing")).isEqualTo(1);
            assertThat(err.toString()).contains("kiln: error: " + registry.host() + "/nothing: repository unknown (list tags)");
            assertThat(kiln("tags", "Not A Repo")).isEqualTo(2);
        }
    }
}
