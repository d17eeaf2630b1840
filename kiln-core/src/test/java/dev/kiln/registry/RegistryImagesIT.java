package dev.kiln.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.event.EventSink;
import dev.kiln.event.ProgressEvent;
import dev.kiln.image.CopyOptions;
import dev.kiln.image.CopyResult;
import dev.kiln.image.ImageCopier;
import dev.kiln.image.ImageSink;
import dev.kiln.image.ImageSource;
import dev.kiln.oci.Descriptor;
import dev.kiln.oci.Digest;
import dev.kiln.oci.MediaType;
import dev.kiln.oci.Platform;
import dev.kiln.ref.ImageReference;
import dev.kiln.testing.FaultProxy;
import dev.kiln.testing.LocalRegistry;
import dev.kiln.testing.Tools;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Registry sources and sinks through the image copier, against the real registry and skopeo. */
class RegistryImagesIT {

    @TempDir
    Path tmp;

    private final List<ProgressEvent> progress = Collections.synchronizedList(new ArrayList<>());
    private final EventSink events = event -> {
        if (event instanceof ProgressEvent p) {
            progress.add(p);
        }
    };

    private static final RegistryConfig FAST = RegistryConfig.DEFAULT
            .withRetry(new RetryPolicy(6, Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofSeconds(5)))
            .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(1))
            .withChunkSize(1 << 20);

    private static ImageReference ref(String text) throws Exception {
        return ImageReference.parse(text);
    }

    private static BodySource.Opener opener(byte[] bytes) {
        return offset -> new ByteArrayInputStream(bytes, (int) offset, bytes.length - (int) offset);
    }

    /** Pushes one image for {@code arch} by hand; returns its manifest descriptor with the platform. */
    private static Descriptor pushPlatformImage(RegistryHttp http, String repo, String arch, int layerSize, long seed)
            throws Exception {
        byte[] raw = new byte[layerSize];
        new Random(seed).nextBytes(raw);
        // gzip layers: skopeo compresses uncompressed ones on the way, which would change digests.
        java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(gz)) {
            out.write(raw);
        }
        byte[] layer = gz.toByteArray();
        Digest layerDigest = Digest.sha256(layer);
        byte[] config = ("{\"architecture\":\"" + arch + "\",\"os\":\"linux\",\"config\":{},\"rootfs\":{\"type\":\"layers\","
                + "\"diff_ids\":[\"" + layerDigest + "\"]}}").getBytes(StandardCharsets.UTF_8);
        Digest configDigest = Digest.sha256(config);
        BlobUpload upload = new BlobUpload(http, repo);
        upload.push(configDigest, config.length, opener(config), Optional.empty(), n -> { });
        upload.push(layerDigest, layer.length, opener(layer), Optional.empty(), n -> { });
        byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaType.OCI_MANIFEST + "\",\"config\":{\"mediaType\":\""
                + MediaType.OCI_CONFIG + "\",\"digest\":\"" + configDigest + "\",\"size\":" + config.length + "},"
                + "\"layers\":[{\"mediaType\":\"" + MediaType.OCI_LAYER_GZIP + "\",\"digest\":\"" + layerDigest + "\",\"size\":"
                + layer.length + "}]}").getBytes(StandardCharsets.UTF_8);
        Digest digest = new ManifestPush(http, repo).put(Digest.sha256(manifest).toString(), manifest, MediaType.OCI_MANIFEST);
        return new Descriptor(MediaType.OCI_MANIFEST, digest, manifest.length).withPlatform(new Platform("linux", arch));
    }

    /** An index of an amd64 and an arm64 image, tagged {@code tag}; returns the index digest. */
    private static Digest pushIndex(RegistryHttp http, String repo, String tag) throws Exception {
        Descriptor amd = pushPlatformImage(http, repo, "amd64", 3_000_000, 1);
        Descriptor arm = pushPlatformImage(http, repo, "arm64", 200_000, 2);
        byte[] index = dev.kiln.oci.ImageIndex.of(dev.kiln.oci.Schema.OCI, List.of(amd, arm)).toJson();
        return new ManifestPush(http, repo).put(tag, index, MediaType.OCI_INDEX);
    }

    private CopyResult copy(RegistryImages registries, String from, String to, CopyOptions options) throws Exception {
        try (ImageSource source = registries.source(ref(from)); ImageSink sink = registries.sink(ref(to))) {
            return new ImageCopier(events).copy(source, sink, options);
        }
    }

    @Test
    void indexCopiesWholeOrByPlatformWithMountsAndDigestsKept() throws Exception {
        try (LocalRegistry registry = LocalRegistry.open(); RegistrySession session = RegistrySession.create(FAST, Map.of(), events)) {
            RegistryImages registries = new RegistryImages(session);
            String host = registry.host();
            Digest index = pushIndex(session.host(host), "src", "1.0");

            CopyResult all = copy(registries, host + "/src:1.0", host + "/all:1.0", CopyOptions.DEFAULT);
            assertThat(all.root().digest()).isEqualTo(index);
            assertThat(new ManifestPull(session.host(host), "all").get("1.0").digest()).isEqualTo(index);
            assertThat(registry.requestLog()).anyMatch(l -> l.startsWith("POST /v2/all/blobs/uploads/?mount="));
            assertThat(registry.requestLog()).noneMatch(l -> l.startsWith("PUT /v2/all/blobs/uploads/"));

            CopyResult arm = copy(registries, host + "/src:1.0", host + "/arm:1.0",
                    CopyOptions.DEFAULT.withPlatform(new Platform("linux", "arm64")));
            FetchedManifest armManifest = new ManifestPull(session.host(host), "arm").get("1.0");
            assertThat(armManifest.mediaType()).isEqualTo(MediaType.OCI_MANIFEST);
            assertThat(armManifest.digest()).isEqualTo(arm.root().digest());
            assertThat(new String(new ManifestPull(session.host(host), "src").get(index.toString()).bytes(), StandardCharsets.UTF_8))
                    .contains(armManifest.digest().toString());
            assertThat(progress).anyMatch(p -> p.state() == ProgressEvent.State.DONE || p.state() == ProgressEvent.State.CACHED);
        }
    }

    @Test
    void skopeoPullsWhatKilnPushedAndKilnPullsWhatSkopeoPushed() throws Exception {
        Path skopeo = Tools.require("skopeo");
        try (LocalRegistry registry = LocalRegistry.open(); RegistrySession session = RegistrySession.create(FAST, Map.of(), events)) {
            RegistryImages registries = new RegistryImages(session);
            String host = registry.host();
            Digest index = pushIndex(session.host(host), "src", "1.0");
            copy(registries, host + "/src:1.0", host + "/kiln:1.0", CopyOptions.DEFAULT);

            Path layout = tmp.resolve("layout");
            run(skopeo.toString(), "copy", "--all", "--src-tls-verify=false", "docker://" + host + "/kiln:1.0", "oci:" + layout + ":1.0");
            assertThat(Files.readString(layout.resolve("index.json"))).contains(index.toString());

            run(skopeo.toString(), "copy", "--all", "--dest-tls-verify=false", "oci:" + layout + ":1.0", "docker://" + host + "/skopeo:2.0");
            CopyResult back = copy(registries, host + "/skopeo:2.0", host + "/again:2.0", CopyOptions.DEFAULT);
            assertThat(back.root().digest()).isEqualTo(index);
        }
    }

    @Test
    void copyThroughFaultsCompletesWithRetries() throws Exception {
        try (LocalRegistry registry = LocalRegistry.open(); FaultProxy proxy = FaultProxy.start(registry.port());
             RegistrySession session = RegistrySession.create(FAST, Map.of(), events)) {
            RegistryImages registries = new RegistryImages(session);
            pushIndex(session.host(registry.host()), "src", "1.0");
            String host = proxy.host();
            FaultProxy.Rule drop = proxy.on("GET", "/v2/src/blobs/.*").times(2).dropResponseAfter(500_000);
            FaultProxy.Rule upload = proxy.on("PATCH", "/v2/dst/blobs/uploads/.*").dropRequestAfter(200_000);
            FaultProxy.Rule busy = proxy.on("PUT", "/v2/dst/manifests/.*").respond(503);
            FaultProxy.Rule limit = proxy.on("HEAD", "/v2/dst/blobs/.*").respond(429, 0);
            // Another name for the same proxy, so kiln cannot mount: every blob goes over the wire.
            String other = "localhost:" + proxy.port();
            CopyResult result = copy(registries, host + "/src:1.0", other + "/dst:1.0", CopyOptions.DEFAULT);
            assertThat(drop.fired()).isEqualTo(2);
            assertThat(upload.fired()).isEqualTo(1);
            assertThat(busy.fired()).isEqualTo(1);
            assertThat(limit.fired()).isEqualTo(1);
            assertThat(new ManifestPull(session.host(registry.host()), "dst").get("1.0").digest()).isEqualTo(result.root().digest());
        }
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + out).isZero();
    }

    @Test
    void pullsGoToAWorkingMirrorFirstAndFallBackToTheRegistry() throws Exception {
        try (LocalRegistry registry = LocalRegistry.open(); FaultProxy mirror = FaultProxy.start(registry.port());
             LocalRegistry empty = LocalRegistry.open()) {
            String host = registry.host();
            try (RegistrySession plain = RegistrySession.create(FAST, Map.of(), events)) {
                pushIndex(plain.host(host), "src", "1.0");
            }
            RegistryConfig viaMirror = FAST.withMirrors(Map.of(host, List.of(empty.host(), mirror.host())));
            try (RegistrySession session = RegistrySession.create(viaMirror, Map.of(), events)) {
                RegistryImages registries = new RegistryImages(session);
                CopyResult result = copy(registries, host + "/src:1.0", host + "/copy:1.0",
                        CopyOptions.DEFAULT.withPlatform(new Platform("linux", "amd64")));
                // The empty mirror lacks the image, the second has it and serves manifest and blobs.
                assertThat(mirror.requests()).anyMatch(r -> r.startsWith("GET /v2/src/manifests/1.0"))
                        .anyMatch(r -> r.startsWith("GET /v2/src/blobs/sha256:"));
                assertThat(new ManifestPull(session.host(host), "copy").get("1.0").digest()).isEqualTo(result.root().digest());
            }
            mirror.on(null, "/v2/.*").times(1000).respond(500);
            try (RegistrySession session = RegistrySession.create(viaMirror, Map.of(), events)) {
                CopyResult again = copy(new RegistryImages(session), host + "/src:1.0", host + "/copy2:1.0",
                        CopyOptions.DEFAULT.withPlatform(new Platform("linux", "amd64")));
                assertThat(again.root().digest()).isNotNull();
            }
        }
    }

    @Test
    void identityTokensFromConfigJsonAreExchangedAtTheTokenEndpoint() throws Exception {
        try (dev.kiln.testing.TokenServer tokens = dev.kiln.testing.TokenServer.start().user("ci", "pw-for-refresh")
                .allow("ci", "app", "pull", "push");
             LocalRegistry registry = LocalRegistry.tokenAuth(tokens)) {
            java.net.http.HttpResponse<String> grant = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(tokens.realm()))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString("grant_type=password&username=ci"
                                    + "&password=pw-for-refresh&access_type=offline&client_id=test&service="
                                    + dev.kiln.testing.TokenServer.SERVICE)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            String refresh = new com.fasterxml.jackson.databind.ObjectMapper().readTree(grant.body()).get("refresh_token").asText();
            Path docker = Files.createDirectories(tmp.resolve("docker"));
            Files.writeString(docker.resolve("config.json"), "{\"auths\":{\"" + registry.host() + "\":{\"identitytoken\":\""
                    + refresh + "\"}}}");
            try (RegistrySession session = RegistrySession.create(FAST, Map.of("DOCKER_CONFIG", docker.toString()), events)) {
                Digest index = pushIndex(session.host(registry.host()), "app", "1.0");
                assertThat(new ManifestPull(session.host(registry.host()), "app").get("1.0").digest()).isEqualTo(index);
            }
            assertThat(tokens.issued()).anyMatch(t -> t.grant().equals("refresh_token") && t.user().equals("ci")
                    && t.grantedScopes().contains("repository:app:pull,push"));
        }
    }
}
