package dev.kiln.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.build.context.BuildException;
import dev.kiln.event.EventSink;
import dev.kiln.event.ProgressEvent;
import dev.kiln.image.Image;
import dev.kiln.image.ImageSource;
import dev.kiln.oci.ContainerConfig;
import dev.kiln.oci.History;
import dev.kiln.ref.ImageReference;
import dev.kiln.store.ImageLocator;
import dev.kiln.store.Store;
import dev.kiln.tar.LayerEntry;
import dev.kiln.tar.LayerReader;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The builder without RUN (no root needed): FROM scratch, COPY and every config instruction. */
class BuilderTest {

    @TempDir
    Path tmp;

    private final List<ProgressEvent> steps = Collections.synchronizedList(new ArrayList<>());

    private BuildResult build(Path ctx, Optional<Instant> epoch, String... tags) throws Exception {
        Store store = Store.open(tmp.resolve("home"));
        EventSink events = e -> {
            if (e instanceof ProgressEvent p) {
                steps.add(p);
            }
        };
        List<ImageReference> names = new ArrayList<>();
        for (String tag : tags) {
            names.add(ImageReference.parse(tag));
        }
        BuildRequest request = new BuildRequest(ctx.resolve("Dockerfile"), ctx, names, Optional.empty(), Map.of("V", "2"),
                Optional.empty(), false, Optional.empty(), Map.of(), dev.kiln.build.run.Network.HOST,
                BuildRequest.Squash.NONE, Optional.empty(), OptionalInt.empty(), Map.of("org.example.team", "core"), epoch,
                List.of(), Optional.empty(), Map.of());
        return new Builder(new ImageLocator(store, null), events).build(request);
    }

    private Image load(BuildResult result) throws Exception {
        Store store = Store.open(tmp.resolve("home"));
        ImageSource source = store.source(new dev.kiln.store.StoredImage(Optional.empty(), result.manifest()));
        return Image.load(source, result.manifest());
    }

    private Path context(String dockerfile) throws Exception {
        Path ctx = Files.createDirectories(tmp.resolve("ctx"));
        Files.writeString(ctx.resolve("Dockerfile"), dockerfile);
        Files.createDirectories(ctx.resolve("app"));
        Files.writeString(ctx.resolve("app/run.sh"), "#!/bin/sh\necho hi\n");
        return ctx;
    }

    @Test
    void configInstructionsHistoryAndLayersFollowDockerAndBuildKit() throws Exception {
        Path ctx = context("""
                FROM scratch
                ARG V=1
                ENV A=1 B=v$V
                COPY app/ /app/
                WORKDIR /srv
                EXPOSE 80 53/udp
                VOLUME /data
                USER 1000:1000
                LABEL version=$V
                CMD ["serve"]
                ENTRYPOINT ["/app/run.sh"]
                STOPSIGNAL SIGINT
                """);
        BuildResult result = build(ctx, Optional.empty(), "app:1");
        Image image = load(result);
        ContainerConfig config = image.config().config();
        assertThat(config.env()).containsExactly("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                "A=1", "B=v2");
        assertThat(config.workingDir()).isEqualTo("/srv");
        assertThat(config.exposedPorts()).containsExactly("53/udp", "80/tcp");
        assertThat(config.volumes()).containsExactly("/data");
        assertThat(config.user()).isEqualTo("1000:1000");
        assertThat(config.labels()).containsEntry("version", "2").containsEntry("org.example.team", "core");
        assertThat(config.cmd()).as("CMD set in this stage survives a later ENTRYPOINT").containsExactly("serve");
        assertThat(config.entrypoint()).containsExactly("/app/run.sh");
        assertThat(config.stopSignal()).isEqualTo("SIGINT");

        assertThat(image.layers()).hasSize(2).as("COPY and WORKDIR made layers");
        List<String> createdBy = image.config().history().stream().map(History::createdBy).toList();
        assertThat(createdBy).contains("ENV A=1 B=v2", "COPY app/ /app/ # buildkit", "WORKDIR /srv", "EXPOSE 80/tcp 53/udp",
                "CMD [\"serve\"]", "ENTRYPOINT [\"/app/run.sh\"]");
        assertThat(image.config().history().stream().filter(h -> !h.emptyLayer()).count()).isEqualTo(2);

        List<String> paths = new ArrayList<>();
        try (InputStream in = image.layers().get(0).openUncompressed(); LayerReader reader = LayerReader.open(in)) {
            LayerEntry entry;
            while ((entry = reader.next()) != null) {
                paths.add(entry.path() + " " + Integer.toOctalString(entry.mode()) + " " + entry.uid());
            }
        }
        assertThat(paths).containsExactly("app 755 0", "app/run.sh 644 0");
    }

    @Test
    void aRebuildTakesEveryStepFromTheCacheAndGivesTheSameDigest() throws Exception {
        Path ctx = context("FROM scratch\nCOPY app/run.sh /run.sh\nWORKDIR /w\nENV X=1\n");
        BuildResult first = build(ctx, Optional.empty(), "c:1");
        assertThat(first.stepsExecuted()).isEqualTo(2);
        steps.clear();
        Thread.sleep(1100);
        BuildResult second = build(ctx, Optional.empty(), "c:1");
        assertThat(second.stepsExecuted()).isZero();
        assertThat(second.stepsCached()).isEqualTo(2);
        assertThat(steps).allMatch(p -> p.state() == ProgressEvent.State.CACHED);
        assertThat(second.manifest()).isEqualTo(first.manifest());

        Files.writeString(ctx.resolve("app/run.sh"), "changed\n");
        BuildResult third = build(ctx, Optional.empty(), "c:1");
        assertThat(third.stepsExecuted()).as("the COPY and the WORKDIR after it").isEqualTo(2);
        assertThat(third.manifest()).isNotEqualTo(first.manifest());
    }

    @Test
    void sourceDateEpochFixesEveryTime() throws Exception {
        Path ctx = context("FROM scratch\nCOPY app/ /app/\n");
        Instant epoch = Instant.ofEpochSecond(1_600_000_000L);
        Image image = load(build(ctx, Optional.of(epoch), "r:1"));
        assertThat(image.config().created()).isEqualTo(epoch);
        assertThat(image.config().history()).allMatch(h -> epoch.equals(h.created()));
        try (InputStream in = image.layers().get(0).openUncompressed(); LayerReader reader = LayerReader.open(in)) {
            LayerEntry entry;
            while ((entry = reader.next()) != null) {
                assertThat(entry.mtime()).isBeforeOrEqualTo(epoch);
            }
        }
    }

    @Test
    void badInputIsOneLocatedError() throws Exception {
        Path ctx = context("FROM scratch\nCOPY missing.txt /x\n");
        assertThatThrownBy(() -> build(ctx, Optional.empty(), "b:1")).isInstanceOf(BuildException.class)
                .hasMessageContaining("Dockerfile:2").hasMessageContaining("missing.txt");
        Files.writeString(ctx.resolve("Dockerfile"), "FROM scratch AS a\nCOPY app /app\n");
        Store store = Store.open(tmp.resolve("home"));
        BuildRequest request = BuildRequest.of(ctx, List.of(), Map.of());
        BuildRequest targeted = new BuildRequest(request.dockerfile(), ctx, List.of(), Optional.of("nope"), Map.of(),
                Optional.empty(), false, Optional.empty(), Map.of(), request.network(), request.squash(), Optional.empty(),
                OptionalInt.empty(), Map.of(), Optional.empty(), List.of(), Optional.empty(), Map.of());
        assertThatThrownBy(() -> new Builder(new ImageLocator(store, null), EventSink.NONE).build(targeted))
                .isInstanceOf(BuildException.class).hasMessageContaining("--target nope");
    }
}
