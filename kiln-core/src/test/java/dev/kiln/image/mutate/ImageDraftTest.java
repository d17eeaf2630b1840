package dev.kiln.image.mutate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.oci.Descriptor;
import dev.kiln.oci.Digest;
import dev.kiln.oci.History;
import dev.kiln.oci.ImageConfig;
import dev.kiln.oci.Manifest;
import dev.kiln.oci.MediaType;
import dev.kiln.oci.Platform;
import dev.kiln.oci.Schema;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageDraftTest {

    private static final Instant T = Instant.parse("2024-01-01T00:00:00Z");

    private static Descriptor layer(String name) {
        return new Descriptor(MediaType.OCI_LAYER_GZIP, Digest.sha256("blob " + name), name.length());
    }

    private static Digest diff(String name) {
        return Digest.sha256("diff " + name);
    }

    private static ImageDraft threeLayers() {
        return ImageDraft.scratch(Platform.parse("linux/amd64"), Schema.OCI)
                .appendLayer(layer("a"), diff("a"), History.of(T, "ADD a"))
                .appendHistory(History.emptyLayer(T, "ENV X=1"))
                .appendLayer(layer("b"), diff("b"), History.of(T, "RUN b"))
                .appendLayer(layer("c"), diff("c"), History.of(T, "RUN c"));
    }

    @Test
    void appendingKeepsDiffIdsAndHistoryInStepWithTheLayers() {
        ImageDraft draft = threeLayers();
        assertThat(draft.layers()).hasSize(3);
        assertThat(draft.config().diffIds()).containsExactly(diff("a"), diff("b"), diff("c"));
        assertThat(draft.config().layerHistory()).extracting(h -> h.orElseThrow().createdBy())
                .containsExactly("ADD a", "RUN b", "RUN c");
        assertThat(draft.config().history()).hasSize(4);
    }

    @Test
    void draftsAreValuesEveryChangeReturnsANewOne() {
        ImageDraft base = threeLayers();
        ImageDraft changed = base.editConfig(c -> c.withEnv("A", "1"));
        assertThat(base.config().config().env()).isNull();
        assertThat(changed.config().config().env()).containsExactly("A=1");
    }

    @Test
    void replacingARangeMarksItsHistoryEmptyAndAddsTheNewEntriesAfterIt() {
        ImageDraft squashed = threeLayers().replaceLayers(1, 3, List.of(layer("bc")), List.of(diff("bc")),
                List.of(History.of(T, "kiln squash 2..3")));
        assertThat(squashed.layers()).containsExactly(layer("a"), layer("bc"));
        assertThat(squashed.config().diffIds()).containsExactly(diff("a"), diff("bc"));
        assertThat(squashed.config().history()).extracting(History::createdBy)
                .containsExactly("ADD a", "ENV X=1", "RUN b", "RUN c", "kiln squash 2..3");
        assertThat(squashed.config().history()).extracting(History::emptyLayer)
                .containsExactly(false, true, true, true, false);
        assertThat(squashed.config().layerHistory()).extracting(h -> h.orElseThrow().createdBy())
                .containsExactly("ADD a", "kiln squash 2..3");
    }

    @Test
    void replacingTheBottomOfTheImageKeepsTheTopHistory() {
        ImageDraft squashed = threeLayers().replaceLayers(0, 2, List.of(layer("ab")), List.of(diff("ab")),
                List.of(History.of(T, "squash")));
        assertThat(squashed.config().layerHistory()).extracting(h -> h.orElseThrow().createdBy())
                .containsExactly("squash", "RUN c");
    }

    @Test
    void renderPointsTheManifestAtTheRenderedConfigAndConvertsMediaTypes() throws Exception {
        ImageDraft.Rendered oci = threeLayers().render();
        Manifest manifest = Manifest.parse(oci.manifestBytes());
        assertThat(manifest.config().digest()).isEqualTo(Digest.sha256(oci.configBytes()));
        assertThat(oci.manifestDescriptor().digest()).isEqualTo(Digest.sha256(oci.manifestBytes()));
        assertThat(ImageConfig.parse(oci.configBytes()).diffIds()).hasSize(3);
        ImageDraft.Rendered docker = threeLayers().withSchema(Schema.DOCKER).render();
        assertThat(docker.manifest().layers()).extracting(Descriptor::mediaType).containsOnly(MediaType.DOCKER_LAYER_GZIP);
        assertThat(docker.configDescriptor().mediaType()).isEqualTo(MediaType.DOCKER_CONFIG);
    }

    @Test
    void imagesWithoutHistoryGetPlaceholdersSoNewLayersLineUp() {
        ImageDraft noHistory = threeLayers().withImageConfig(c -> c.withHistory(List.of()));
        ImageDraft appended = noHistory.appendLayer(layer("d"), diff("d"), History.of(T, "RUN d"));
        assertThat(appended.config().layerHistory()).hasSize(4);
        assertThat(appended.config().layerHistory().get(3).orElseThrow().createdBy()).isEqualTo("RUN d");
    }

    @Test
    void inconsistentChangesAreRefused() {
        assertThatThrownBy(() -> threeLayers().replaceLayers(2, 4, List.of(), List.of(), List.of()))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> threeLayers().withImageConfig(c -> c.withDiffIds(List.of())))
                .hasMessageContaining("appendLayer or replaceLayers");
        assertThatThrownBy(() -> threeLayers().appendLayer(layer("e"), diff("e"), History.emptyLayer(T, "x")))
                .hasMessageContaining("empty_layer");
    }
}
