package dev.kiln.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.event.EventSink;
import dev.kiln.event.LogEvent;
import dev.kiln.oci.Digest;
import dev.kiln.oci.MediaType;
import dev.kiln.testing.FaultProxy;
import dev.kiln.testing.LocalRegistry;
import dev.kiln.testing.TokenServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The endpoint classes against Debian's real registry: open, basic auth, token auth, and faults. */
class RegistryClientIT {

    private final List<String> debug = Collections.synchronizedList(new ArrayList<>());
    private final EventSink events = event -> {
        if (event instanceof LogEvent log) {
            debug.add(log.message());
        }
    };

    private static final RegistryConfig FAST = RegistryConfig.DEFAULT
            .withRetry(new RetryPolicy(6, Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofSeconds(5)))
            .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(1))
            .withChunkSize(1 << 20);

    private RegistrySession session(Map<String, String> env) {
        return RegistrySession.create(FAST, env, events);
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static BodySource.Opener opener(byte[] bytes) {
        return offset -> {
            ByteArrayInputStream in = new ByteArrayInputStream(bytes);
            in.skipNBytes(offset);
            return in;
        };
    }

    private static String manifest(Digest config, long configSize, Digest layer, long layerSize) {
        return "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + config
                + "\",\"size\":" + configSize + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\","
                + "\"digest\":\"" + layer + "\",\"size\":" + layerSize + "}]}";
    }

    /** Pushes a config and a layer blob and a manifest tagged {@code tag}; returns the manifest digest. */
    private static Digest pushImage(RegistryHttp http, String repo, String tag, byte[] layer) throws Exception {
        byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"
                .getBytes(StandardCharsets.UTF_8);
        Digest configDigest = Digest.sha256(config);
        Digest layerDigest = Digest.sha256(layer);
        BlobUpload upload = new BlobUpload(http, repo);
        upload.push(configDigest, config.length, opener(config), Optional.empty(), n -> { });
        upload.push(layerDigest, layer.length, opener(layer), Optional.empty(), n -> { });
        byte[] manifest = manifest(configDigest, config.length, layerDigest, layer.length).getBytes(StandardCharsets.UTF_8);
        return new ManifestPush(http, repo).put(tag, manifest, MediaType.OCI_MANIFEST);
    }

    private static byte[] pullBlob(RegistryHttp http, String repo, Digest digest, long size) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new BlobPull(http, repo).copyTo(digest, size, out, n -> { });
        return out.toByteArray();
    }

    @Test
    void pushedBlobsAndManifestComeBackIdenticalAndTagsPaginate() throws Exception {
        try (LocalRegistry registry = LocalRegistry.open(); RegistrySession session = session(Map.of())) {
            RegistryHttp http = session.host(registry.host());
            new Ping(http).check();
            byte[] big = random(3 * (1 << 20) + 12345, 1); // above the chunk size: PATCH chunks
            byte[] small = random(1000, 2);
            Digest first = pushImage(http, "app", "1.0.0-1", big);
            pushImage(http, "app", "1.0.0-2", small);

            FetchedManifest fetched = new ManifestPull(http, "app").get("1.0.0-1");
            assertThat(fetched.digest()).isEqualTo(first);
            assertThat(fetched.mediaType()).isEqualTo(MediaType.OCI_MANIFEST);
            assertThat(new ManifestPull(http, "app").get(first.toString()).digest()).isEqualTo(first);
            assertThat(new ManifestPull(http, "app").head("1.0.0-1").orElseThrow().digest()).contains(first);
            assertThat(pullBlob(http, "app", Digest.sha256(big), big.length)).isEqualTo(big);
            assertThat(registry.requestLog()).anyMatch(line -> line.startsWith("PATCH /v2/app/blobs/uploads/"));

            // A second push finds every blob present and uploads nothing.
            assertThat(new BlobUpload(http, "app").push(Digest.sha256(big), big.length, opener(big), Optional.empty(), n -> { }))
                    .isEqualTo(BlobUpload.Outcome.EXISTED);
            // Another repository gets the blob by a cross-repository mount.
            assertThat(new BlobUpload(http, "other").push(Digest.sha256(big), big.length, opener(big), Optional.of("app"), n -> { }))
                    .isEqualTo(BlobUpload.Outcome.MOUNTED);
            assertThat(pullBlob(http, "other", Digest.sha256(big), big.length)).isEqualTo(big);

            for (int i = 3; i <= 7; i++) {
                new ManifestPush(http, "app").put("1.0.0-" + i, fetched.bytes(), fetched.mediaType());
            }
            // Registry 2.8 ignores n (no Link header) and lists in its own order; every tag comes once.
            assertThat(new TagList(http, "app").all(2))
                    .containsExactlyInAnyOrder("1.0.0-1", "1.0.0-2", "1.0.0-3", "1.0.0-4", "1.0.0-5", "1.0.0-6", "1.0.0-7");

            new ManifestDelete(http, "app").delete(first);
            assertThatThrownBy(() -> new ManifestPull(http, "app").get(first.toString()))
                    .isInstanceOfSatisfying(RegistryException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.MANIFEST_UNKNOWN);
                        assertThat(e.getMessage()).startsWith(registry.host() + "/app: manifest unknown");
                    });
            assertThatThrownBy(() -> new TagList(http, "nothing-here").all(0))
                    .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NAME_UNKNOWN));
        }
    }

    @Test
    void basicAuthWithWrongPasswordIsUnauthorizedAndNamesNoSecret() throws Exception {
        try (LocalRegistry registry = LocalRegistry.htpasswd(Map.of("alice", "s3cret-Pa55"))) {
            try (RegistrySession wrong = session(Map.of("KILN_REGISTRY_AUTH", registry.host() + "=alice:not-the-Pa55",
                    "HOME", "/nonexistent"))) {
                assertThatThrownBy(() -> pushImage(wrong.host(registry.host()), "app", "1", random(10, 3)))
                        .isInstanceOfSatisfying(RegistryException.class, e -> {
                            assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED);
                            assertThat(e.getMessage()).isEqualTo(registry.host() + "/app: unauthorized (check kiln login)");
                        });
            }
            try (RegistrySession right = session(Map.of("KILN_REGISTRY_AUTH", registry.host() + "=alice:s3cret-Pa55",
                    "HOME", "/nonexistent"))) {
                RegistryHttp http = right.host(registry.host());
                Digest digest = pushImage(http, "app", "1", random(10, 3));
                assertThat(new ManifestPull(http, "app").get("1").digest()).isEqualTo(digest);
            }
            assertThat(String.join("\n", debug)).doesNotContain("s3cret-Pa55").doesNotContain("not-the-Pa55");
        }
    }

    @Test
    void tokenAuthPushesAndPullsWithCachedScopedTokens() throws Exception {
        try (TokenServer tokens = TokenServer.start().user("bob", "builder-pw").allow("bob", "team/*", "pull", "push");
             LocalRegistry registry = LocalRegistry.tokenAuth(tokens);
             RegistrySession session = session(Map.of("KILN_REGISTRY_AUTH", registry.host() + "=bob:builder-pw",
                     "HOME", "/nonexistent"))) {
            RegistryHttp http = session.host(registry.host());
            byte[] layer = random(200_000, 4);
            Digest digest = pushImage(http, "team/app", "1.0", layer);
            assertThat(new ManifestPull(http, "team/app").get("1.0").digest()).isEqualTo(digest);
            assertThat(pullBlob(http, "team/app", Digest.sha256(layer), layer.length)).isEqualTo(layer);
            // One token per scope set, reused across blobs and manifests.
            assertThat(tokens.issued()).hasSizeLessThanOrEqualTo(3);
            assertThat(tokens.issued()).allMatch(t -> t.user().equals("bob"));

            assertThatThrownBy(() -> new ManifestPull(http, "elsewhere/app").get("1.0"))
                    .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED));
        }
    }

    @Test
    void dropsErrorsAndStallsAreRetriedUntilTheTransferCompletes() throws Exception {
        try (LocalRegistry registry = LocalRegistry.open(); FaultProxy proxy = FaultProxy.start(registry.port());
             RegistrySession session = session(Map.of())) {
            RegistryHttp http = session.host(proxy.host());
            byte[] layer = random(2_500_000, 5);
            FaultProxy.Rule uploadDrop = proxy.on("PATCH", "/v2/app/blobs/uploads/.*").dropRequestAfter(300_000);
            FaultProxy.Rule busy = proxy.on("PUT", "/v2/app/manifests/.*").times(2).respond(503);
            FaultProxy.Rule limited = proxy.on("POST", "/v2/app/blobs/uploads/").respond(429, 1);
            Digest manifest = pushImage(http, "app", "1.0", layer);
            assertThat(uploadDrop.fired()).isEqualTo(1);
            assertThat(busy.fired()).isEqualTo(2);
            assertThat(limited.fired()).isEqualTo(1);

            Digest layerDigest = Digest.sha256(layer);
            FaultProxy.Rule drop = proxy.on("GET", "/v2/app/blobs/" + layerDigest).times(2).dropResponseAfter(700_000);
            FaultProxy.Rule stall = proxy.on("GET", "/v2/app/blobs/" + layerDigest).stall(100_000, Duration.ofSeconds(4));
            FaultProxy.Rule error = proxy.on("GET", "/v2/app/manifests/.*").respond(500);
            assertThat(new ManifestPull(http, "app").get("1.0").digest()).isEqualTo(manifest);
            assertThat(pullBlob(http, "app", layerDigest, layer.length)).isEqualTo(layer);
            assertThat(drop.fired()).isEqualTo(2);
            assertThat(stall.fired()).isEqualTo(1);
            assertThat(error.fired()).isEqualTo(1);
            assertThat(String.join("\n", debug)).contains("resuming");
        }
    }

    @Test
    void aRegistryGoneForGoodFailsWithUnavailableNamingIt() throws Exception {
        try (LocalRegistry registry = LocalRegistry.open(); RegistrySession session = session(Map.of())) {
            RegistryHttp http = session.host(registry.host());
            registry.kill();
            assertThatThrownBy(() -> new ManifestPull(http, "app").get("1.0"))
                    .isInstanceOfSatisfying(RegistryException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
                        assertThat(e.getMessage()).startsWith(registry.host() + "/app: registry unavailable")
                                .contains("connection refused");
                    });
        }
    }
}
