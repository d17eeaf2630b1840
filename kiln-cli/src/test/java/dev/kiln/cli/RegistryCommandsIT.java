package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.testing.FaultProxy;
import dev.kiln.testing.LocalRegistry;
import dev.kiln.testing.Tools;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kiln pull, push and copy end to end: a real registry, a real image made by umoci, skopeo as the
 * peer, faults caused for real through the FaultProxy, and a registry that dies.
 */
class RegistryCommandsIT {

    private static final Pattern DIGEST = Pattern.compile("\\((sha256:[0-9a-f]{64})\\)");

    @TempDir
    Path tmp;

    private StringWriter out;
    private StringWriter err;
    private final Map<String, String> env = new HashMap<>();
    private Path layout;

    @BeforeEach
    void image() throws Exception {
        Path umoci = Tools.require("umoci");
        layout = tmp.resolve("layout");
        run(umoci.toString(), "init", "--layout", layout.toString());
        run(umoci.toString(), "new", "--image", layout + ":1.0");
        for (int i = 0; i < 3; i++) {
            Path file = tmp.resolve("data" + i + ".bin");
            byte[] bytes = new byte[1_500_000 + i * 700_000];
            new Random(i).nextBytes(bytes);
            Files.write(file, bytes);
            run(umoci.toString(), "insert", "--image", layout + ":1.0", file.toString(), "/data/" + i + ".bin");
        }
        env.put("HOME", tmp.resolve("home").toString());
        env.put("KILN_HOME", tmp.resolve("store").toString());
        env.put("PATH", "/usr/bin:/bin");
        // Quick retries and a short stall limit, so fault tests take seconds.
        Path settings = tmp.resolve("kiln.yaml");
        Files.writeString(settings, "registries:\n  retries: 6\n  timeouts: {connect: 5s, response: 10s, idle: 2s}\n");
        env.put("KILN_CONFIG", settings.toString());
    }

    private int kiln(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        Terminal terminal = new Terminal(new PrintWriter(out, true), new PrintWriter(err, true), env, false);
        return Kiln.run(terminal, args);
    }

    private String digestPrinted() {
        Matcher m = DIGEST.matcher(out.toString());
        assertThat(m.find()).as(out.toString()).isTrue();
        return m.group(1);
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
        return output;
    }

    private String skopeoDigest(String host, String repoTag) throws Exception {
        return run(Tools.require("skopeo").toString(), "inspect", "--tls-verify=false", "--format", "{{.Digest}}",
                "docker://" + host + "/" + repoTag).strip();
    }

    @Test
    void pushPullRoundTripKeepsDigestsAndSkopeoAgrees() throws Exception {
        try (LocalRegistry registry = LocalRegistry.open()) {
            String host = registry.host();
            assertThat(kiln("copy", "oci:" + layout + ":1.0", "docker://" + host + "/app:1.0")).as(err.toString()).isZero();
            String pushed = digestPrinted();
            assertThat(skopeoDigest(host, "app:1.0")).isEqualTo(pushed);
            assertThat(err.toString()).contains("copy ").contains(": done");

            assertThat(kiln("pull", host + "/app:1.0")).as(err.toString()).isZero();
            assertThat(digestPrinted()).isEqualTo(pushed);
            assertThat(kiln("copy", host + "/app:1.0", "oci:" + tmp.resolve("back") + ":1.0")).as(err.toString()).isZero();
            assertThat(digestPrinted()).isEqualTo(pushed);
            assertThat(Files.readString(tmp.resolve("back/index.json"))).contains(pushed);

            // From the store to another repository of the same registry: blobs are mounted, not sent.
            assertThat(kiln("push", host + "/app:1.0", host + "/mirror/app:2.0")).as(err.toString()).isZero();
            assertThat(digestPrinted()).isEqualTo(pushed);
            assertThat(registry.requestLog()).anyMatch(l -> l.startsWith("POST /v2/mirror/app/blobs/uploads/?mount="));
            assertThat(registry.requestLog()).noneMatch(l -> l.startsWith("PATCH /v2/mirror/app/")
                    || l.startsWith("PUT /v2/mirror/app/blobs/uploads/"));

            // kiln pulls what skopeo pushed.
            run(Tools.require("skopeo").toString(), "copy", "--dest-tls-verify=false", "oci:" + layout + ":1.0",
                    "docker://" + host + "/by-skopeo:3.0");
            env.put("KILN_HOME", tmp.resolve("store2").toString());
            assertThat(kiln("pull", host + "/by-skopeo:3.0")).as(err.toString()).isZero();
            assertThat(digestPrinted()).isEqualTo(skopeoDigest(host, "by-skopeo:3.0"));
        }
    }

    @Test
    void pullAndPushCompleteThroughDropsErrorsAndStalls() throws Exception {
        try (LocalRegistry registry = LocalRegistry.open(); FaultProxy proxy = FaultProxy.start(registry.port())) {
            String host = proxy.host();
            proxy.on("PATCH", "/v2/app/blobs/uploads/.*").dropRequestAfter(100_000);
            proxy.on("PUT", "/v2/app/blobs/uploads/.*").times(2).respond(500);
            proxy.on("PUT", "/v2/app/manifests/.*").respond(503, 1);
            proxy.on("HEAD", "/v2/app/blobs/.*").times(2).respond(429, 0);
            assertThat(kiln("copy", "oci:" + layout + ":1.0", "docker://" + host + "/app:1.0")).as(err.toString()).isZero();
            String pushed = digestPrinted();

            FaultProxy.Rule drop = proxy.on("GET", "/v2/app/blobs/.*").times(2).dropResponseAfter(300_000);
            FaultProxy.Rule stall = proxy.on("GET", "/v2/app/blobs/.*").stall(200_000, java.time.Duration.ofSeconds(5));
            FaultProxy.Rule error = proxy.on("GET", "/v2/app/manifests/.*").respond(502);
            assertThat(kiln("pull", host + "/app:1.0")).as(err.toString()).isZero();
            assertThat(digestPrinted()).isEqualTo(pushed);
            assertThat(drop.fired()).isEqualTo(2);
            assertThat(stall.fired()).isEqualTo(1);
            assertThat(error.fired()).isEqualTo(1);
        }
    }

    @Test
    void aRegistryThatDiesFailsWithExitOneAndLeavesNothingInTheStore() throws Exception {
        try (LocalRegistry registry = LocalRegistry.open(); FaultProxy proxy = FaultProxy.start(registry.port())) {
            assertThat(kiln("copy", "oci:" + layout + ":1.0", "docker://" + registry.host() + "/app:1.0")).isZero();
            // Every blob download breaks: the pull must give up and keep the store clean.
            proxy.on("GET", "/v2/app/blobs/.*").times(10_000).dropResponseAfter(50_000);
            assertThat(kiln("pull", proxy.host() + "/app:1.0")).isEqualTo(1);
            assertThat(err.toString().lines().filter(l -> l.startsWith("kiln: error:")).toList())
                    .singleElement().asString().startsWith("kiln: error: " + proxy.host() + "/app: registry unavailable");
            assertThat(err.toString()).doesNotContain("\tat ");
            assertThat(kiln("copy", proxy.host() + "/app:1.0", "oci:" + tmp.resolve("x"))).isNotZero();

            registry.kill();
            assertThat(kiln("pull", registry.host() + "/app:1.0")).isEqualTo(1);
            assertThat(err.toString()).contains("kiln: error: " + registry.host() + "/app: registry unavailable")
                    .contains("connection refused");
            Path index = tmp.resolve("store/index.json");
            assertThat(!Files.exists(index) || !Files.readString(index).contains("app")).as("no image in the store").isTrue();
        }
    }

    @Test
    void wrongCredentialsAreUnauthorizedAndNoSecretIsPrintedEvenWithDebug() throws Exception {
        String secret = "Sup3r-Secret-Pw";
        String wrong = "Not-The-Pw-42";
        try (LocalRegistry registry = LocalRegistry.htpasswd(Map.of("ci", secret))) {
            String host = registry.host();
            env.put("KILN_REGISTRY_AUTH", host + "=ci:" + wrong);
            assertThat(kiln("--debug", "copy", "oci:" + layout + ":1.0", "docker://" + host + "/app:1.0")).isEqualTo(1);
            assertThat(err.toString().lines().filter(l -> l.startsWith("kiln: error:")))
                    .containsExactly("kiln: error: " + host + "/app: unauthorized (check kiln login)");
            String everything = out + "\n" + err;
            assertThat(everything).contains("debug: registry:").doesNotContain(wrong).doesNotContain(secret)
                    .doesNotContain(java.util.Base64.getEncoder().encodeToString(("ci:" + wrong).getBytes(StandardCharsets.UTF_8)));

            env.put("KILN_REGISTRY_AUTH", host + "=ci:" + secret);
            assertThat(kiln("--debug", "copy", "oci:" + layout + ":1.0", "docker://" + host + "/app:1.0")).as(err.toString()).isZero();
            assertThat(kiln("--debug", "pull", host + "/app:1.0")).as(err.toString()).isZero();
            everything = out + "\n" + err;
            assertThat(everything).doesNotContain(secret)
                    .doesNotContain(java.util.Base64.getEncoder().encodeToString(("ci:" + secret).getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void loginToATokenRegistryThenPushAndPullWithScopedTokens() throws Exception {
        try (dev.kiln.testing.TokenServer tokens = dev.kiln.testing.TokenServer.start().user("dev", "T0ken-Pass")
                .allow("dev", "team/*", "pull", "push");
             LocalRegistry registry = LocalRegistry.tokenAuth(tokens)) {
            String host = registry.host();
            env.put("DOCKER_CONFIG", tmp.resolve("docker").toString());
            Terminal wrongLogin = new Terminal(new PrintWriter(out = new StringWriter(), true),
                    new PrintWriter(err = new StringWriter(), true), env, false,
                    new java.io.ByteArrayInputStream("nope\n".getBytes(StandardCharsets.UTF_8)));
            assertThat(Kiln.run(wrongLogin, "login", "-u", "dev", "--password-stdin", host)).isEqualTo(1);
            assertThat(err.toString()).contains("kiln: error: " + host + ": unauthorized (check kiln login)");

            Terminal login = new Terminal(new PrintWriter(out = new StringWriter(), true),
                    new PrintWriter(err = new StringWriter(), true), env, false,
                    new java.io.ByteArrayInputStream("T0ken-Pass\n".getBytes(StandardCharsets.UTF_8)));
            assertThat(Kiln.run(login, "login", "-u", "dev", "--password-stdin", host)).as(err.toString()).isZero();

            assertThat(kiln("copy", "oci:" + layout + ":1.0", "docker://" + host + "/team/app:1.0")).as(err.toString()).isZero();
            String pushed = digestPrinted();
            assertThat(kiln("pull", host + "/team/app:1.0")).as(err.toString()).isZero();
            assertThat(digestPrinted()).isEqualTo(pushed);
            assertThat(tokens.issued()).allMatch(t -> t.user().equals("dev"));
            // Outside the user's grant: the registry refuses the token's missing access.
            assertThat(kiln("copy", "oci:" + layout + ":1.0", "docker://" + host + "/other/app:1.0")).isEqualTo(1);
            assertThat(err.toString()).contains("kiln: error: " + host + "/other/app: unauthorized (check kiln login)");
        }
    }
}
