package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.testing.ExternalCommand;
import dev.kiln.testing.Tools;
import dev.kiln.testing.TreeSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same Dockerfile built by kiln and by buildah ({@code bud --isolation chroot --layers}, vfs storage
 * in temp dirs) from the same base gives the same final file system, path by path (type, mode, owner,
 * size, content hash, link target; not mtimes), and the same run config.
 */
class BuildahParityIT {

    @TempDir
    Path tmp;

    BuildHarness h;
    Path base;

    @BeforeEach
    void base() throws Exception {
        Tools.require("buildah");
        Tools.require("umoci");
        Tools.require("busybox");
        h = new BuildHarness(tmp).withBusybox("busybox:test");
        base = tmp.resolve("base-oci");
        assertThat(h.kiln("copy", "busybox:test", "oci:" + base + ":1")).as(h.err()).isZero();
    }

    private static final String DOCKERFILE = """
            FROM busybox:test AS build
            ARG FLAVOUR=plain
            WORKDIR /work
            COPY src/ ./src/
            RUN mkdir -p /out/bin && for f in src/*.sh; do cp "$f" /out/bin/; done \\
                && chmod 755 /out/bin/*.sh && echo "$FLAVOUR" > /out/flavour \\
                && ln -s bin/run.sh /out/start && rm -f /out/bin/tmp.sh

            FROM busybox:test
            RUN echo 'app:x:1000:1000:app:/home/app:/bin/sh' >> /etc/passwd && echo 'app:x:1000:' >> /etc/group \\
                && mkdir -p /home/app && chown 1000:1000 /home/app && rm -rf /var
            COPY --from=build /out /opt/app
            COPY --chown=app:app conf/ /etc/app/
            ENV APP_HOME=/opt/app PATH=/opt/app/bin:/usr/bin:/bin
            EXPOSE 8080 9090/udp
            WORKDIR /home/app
            USER app
            ENTRYPOINT ["/opt/app/start"]
            CMD ["--serve"]
            """;

    @Test
    void kilnAndBuildahGiveTheSameFilesAndConfig() throws Exception {
        Path ctx = h.context("ctx", Map.of(
                "Dockerfile", DOCKERFILE.replace("busybox:test", "busybox:test"),
                ".dockerignore", "**/*.bak\n",
                "src/run.sh", "#!/bin/sh\necho run\n",
                "src/tmp.sh", "#!/bin/sh\n",
                "src/old.bak", "old\n",
                "conf/app.conf", "port=8080\n",
                "conf/nested/extra.conf", "x=1\n"));
        Files.setPosixFilePermissions(ctx.resolve("conf/app.conf"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));

        Path kilnOut = tmp.resolve("kiln-oci");
        assertThat(h.kiln("build", "--build-arg", "FLAVOUR=spicy", "--output", "oci:" + kilnOut + ":1", ctx.toString()))
                .as(h.err()).isZero();

        Path buildahOut = tmp.resolve("buildah-oci");
        List<String> buildah = List.of("buildah", "--root", tmp.resolve("b-root").toString(), "--runroot",
                tmp.resolve("b-runroot").toString(), "--storage-driver", "vfs");
        ExternalCommand.check(ctx, concat(buildah, "pull", "oci:" + base + ":1"));
        String id = ExternalCommand.check(ctx, concat(buildah, "images", "-q")).out().strip().split("\n")[0];
        ExternalCommand.check(ctx, concat(buildah, "tag", id, "busybox:test"));
        ExternalCommand.check(ctx, concat(buildah, "bud", "--isolation", "chroot", "--layers", "--pull=false",
                "--build-arg", "FLAVOUR=spicy", "-t", "parity:1", "-f", ctx.resolve("Dockerfile").toString(), ctx.toString()));
        ExternalCommand.check(ctx, concat(buildah, "push", "parity:1", "oci:" + buildahOut + ":1"));

        Map<String, String> kilnTree = tree(kilnOut, "kiln");
        Map<String, String> buildahTree = tree(buildahOut, "buildah");
        assertThat(kilnTree).containsKey("opt/app/start").doesNotContainKey("opt/app/bin/tmp.sh")
                .containsKey("etc/app/nested/extra.conf");
        assertThat(difference(kilnTree, buildahTree)).as("paths that differ (kiln | buildah)").isEmpty();
        assertThat(kilnTree).hasSize(buildahTree.size());

        assertThat(runConfig(kilnOut)).isEqualTo(runConfig(buildahOut));
    }

    private static Map<String, String> difference(Map<String, String> kiln, Map<String, String> buildah) {
        Map<String, String> diff = new TreeMap<>();
        java.util.Set<String> paths = new java.util.TreeSet<>(kiln.keySet());
        paths.addAll(buildah.keySet());
        for (String path : paths) {
            String a = kiln.get(path);
            String b = buildah.get(path);
            if (!java.util.Objects.equals(a, b)) {
                diff.put(path, a + " | " + b);
            }
        }
        return diff;
    }

    private Map<String, String> tree(Path layout, String name) throws Exception {
        Path bundle = tmp.resolve(name + "-bundle");
        ExternalCommand.check(null, "umoci", "unpack", "--image", layout + ":1", bundle.toString());
        Map<String, String> tree = new TreeMap<>(TreeSnapshot.of(bundle.resolve("rootfs")));
        // buildah's chroot isolation leaves empty mount points behind in the image for what it bound in
        for (String stub : List.of("etc/hosts", "etc/hostname", "etc/resolv.conf", "run", "run/.containerenv", "proc", "sys", "dev")) {
            String entry = tree.get(stub);
            if (entry != null && (entry.contains("size=0") || entry.startsWith("d"))) {
                tree.remove(stub);
            }
        }
        return tree;
    }

    /** env, entrypoint, cmd, user, workdir and exposed ports of the image config. */
    private static Map<String, String> runConfig(Path layout) throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode index = json.readTree(layout.resolve("index.json").toFile());
        String manifestDigest = index.get("manifests").get(0).get("digest").asText();
        JsonNode manifest = json.readTree(blob(layout, manifestDigest).toFile());
        JsonNode config = json.readTree(blob(layout, manifest.get("config").get("digest").asText()).toFile()).get("config");
        Map<String, String> out = new TreeMap<>();
        for (String field : List.of("Env", "Entrypoint", "Cmd", "User", "WorkingDir", "ExposedPorts")) {
            JsonNode value = config.get(field);
            out.put(field, value == null || value.isNull() ? "" : value.toString());
        }
        return out;
    }

    private static Path blob(Path layout, String digest) {
        String[] parts = digest.split(":");
        return layout.resolve("blobs").resolve(parts[0]).resolve(parts[1]);
    }

    private static String[] concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all.toArray(String[]::new);
    }
}
