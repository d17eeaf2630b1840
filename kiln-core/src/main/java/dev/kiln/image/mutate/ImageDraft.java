package dev.kiln.image.mutate;

import dev.kiln.image.Image;
import dev.kiln.oci.ContainerConfig;
import dev.kiln.oci.Descriptor;
import dev.kiln.oci.Digest;
import dev.kiln.oci.History;
import dev.kiln.oci.ImageConfig;
import dev.kiln.oci.Manifest;
import dev.kiln.oci.MediaType;
import dev.kiln.oci.Platform;
import dev.kiln.oci.Schema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * An image being made: its config and its layers (descriptor plus {@code diff_id}), as an immutable
 * value. Every change is a pure function returning a new draft, so build steps, squash and import
 * compose them freely; {@link #render} produces the config and manifest bytes to write. The config's
 * {@code rootfs.diff_ids} and history always agree with the layer list: the n-th non-empty history
 * entry describes the n-th layer.
 */
public record ImageDraft(Schema schema, ImageConfig config, List<Descriptor> layers,
        Map<String, String> annotations) {

    public ImageDraft {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(config, "config");
        layers = List.copyOf(layers);
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
        if (layers.size() != config.diffIds().size()) {
            throw new IllegalArgumentException(layers.size() + " layers but " + config.diffIds().size() + " diff_ids");
        }
    }

    /** An empty image (FROM scratch) for a platform. */
    public static ImageDraft scratch(Platform platform, Schema schema) {
        return new ImageDraft(schema, ImageConfig.of(platform), List.of(), Map.of());
    }

    /** A draft starting from an existing image (FROM base), keeping its schema, layers and config. */
    public static ImageDraft of(Image image) {
        return new ImageDraft(image.manifest().schema(), image.config(), image.manifest().layers(),
                image.manifest().annotations());
    }

    /** Adds a layer on top, with the history entry that made it. */
    public ImageDraft appendLayer(Descriptor layer, Digest diffId, History history) {
        if (history.emptyLayer()) {
            throw new IllegalArgumentException("a layer's history entry cannot be marked empty_layer");
        }
        List<Descriptor> newLayers = new ArrayList<>(layers);
        newLayers.add(layer);
        List<Digest> diffIds = new ArrayList<>(config.diffIds());
        diffIds.add(diffId);
        List<History> newHistory = new ArrayList<>(paddedHistory());
        newHistory.add(history);
        return new ImageDraft(schema, config.withDiffIds(diffIds).withHistory(newHistory), newLayers, annotations);
    }

    /** Records a step that changed only the config ({@code ENV}, {@code CMD}, ...). */
    public ImageDraft appendHistory(History emptyLayerStep) {
        History entry = emptyLayerStep.emptyLayer() ? emptyLayerStep
                : new History(emptyLayerStep.created(), emptyLayerStep.createdBy(), emptyLayerStep.author(),
                        emptyLayerStep.comment(), true);
        List<History> newHistory = new ArrayList<>(paddedHistory());
        newHistory.add(entry);
        return new ImageDraft(schema, config.withHistory(newHistory), layers, annotations);
    }

    /** Replaces the run configuration. */
    public ImageDraft withConfig(ContainerConfig run) {
        return new ImageDraft(schema, config.withConfig(run), layers, annotations);
    }

    /** Edits the run configuration. */
    public ImageDraft editConfig(UnaryOperator<ContainerConfig> edit) {
        return withConfig(edit.apply(config.config()));
    }

    /** Replaces the whole image config's non-layer fields through a function (created, author, platform). */
    public ImageDraft withImageConfig(UnaryOperator<ImageConfig> edit) {
        ImageConfig edited = edit.apply(config);
        if (!edited.diffIds().equals(config.diffIds())) {
            throw new IllegalArgumentException("change layers with appendLayer or replaceLayers, not the config");
        }
        return new ImageDraft(schema, edited, layers, annotations);
    }

    public ImageDraft withCreated(Instant created) {
        return new ImageDraft(schema, config.withCreated(created), layers, annotations);
    }

    public ImageDraft withSchema(Schema newSchema) {
        return new ImageDraft(newSchema, config, layers, annotations);
    }

    public ImageDraft withAnnotations(Map<String, String> newAnnotations) {
        return new ImageDraft(schema, config, layers, newAnnotations);
    }

    /**
     * Replaces layers {@code [from, to)} by new ones (squash merges a range into one). The history
     * entries that made the replaced layers stay, marked {@code empty_layer} so the record of what
     * happened survives, and {@code history} entries for the new layers follow the last of them.
     */
    public ImageDraft replaceLayers(int from, int to, List<Descriptor> newLayers, List<Digest> newDiffIds,
            List<History> history) {
        if (from < 0 || to > layers.size() || from > to) {
            throw new IndexOutOfBoundsException("layer range [" + from + ", " + to + ") of " + layers.size());
        }
        if (newLayers.size() != newDiffIds.size() || newLayers.size() != history.size()) {
            throw new IllegalArgumentException("each new layer needs one diff_id and one history entry");
        }
        List<Descriptor> resultLayers = new ArrayList<>(layers.subList(0, from));
        resultLayers.addAll(newLayers);
        resultLayers.addAll(layers.subList(to, layers.size()));
        List<Digest> diffIds = new ArrayList<>(config.diffIds().subList(0, from));
        diffIds.addAll(newDiffIds);
        diffIds.addAll(config.diffIds().subList(to, layers.size()));

        List<History> resultHistory = new ArrayList<>();
        int layerIndex = 0;
        boolean inserted = false;
        for (History h : paddedHistory()) {
            if (h.emptyLayer()) {
                resultHistory.add(h);
                continue;
            }
            if (layerIndex >= from && layerIndex < to) {
                resultHistory.add(new History(h.created(), h.createdBy(), h.author(), h.comment(), true));
                if (layerIndex == to - 1) {
                    resultHistory.addAll(history);
                    inserted = true;
                }
            } else {
                if (layerIndex == to && !inserted) {
                    resultHistory.addAll(history);
                    inserted = true;
                }
                resultHistory.add(h);
            }
            layerIndex++;
        }
        if (!inserted) {
            resultHistory.addAll(history);
        }
        ImageConfig newConfig = config.withDiffIds(diffIds).withHistory(resultHistory);
        return new ImageDraft(schema, newConfig, resultLayers, annotations);
    }

    /**
     * The history with a placeholder for every layer it does not describe (some tools write none),
     * so appending keeps the n-th entry with the n-th layer.
     */
    private List<History> paddedHistory() {
        long described = config.history().stream().filter(h -> !h.emptyLayer()).count();
        if (described >= layers.size()) {
            return config.history();
        }
        List<History> padded = new ArrayList<>(config.history());
        for (long i = described; i < layers.size(); i++) {
            padded.add(new History(null, null, null, "layer without history", false));
        }
        return padded;
    }

    /** The config and manifest to write, with the manifest pointing at this config. */
    public Rendered render() {
        byte[] configBytes = config.toJson();
        Descriptor configDescriptor = Descriptor.of(schema.configType(), configBytes);
        List<Descriptor> converted = layers.stream()
                .map(l -> l.withMediaType(MediaType.convert(l.mediaType(), schema)))
                .toList();
        Manifest manifest = new Manifest(2, schema.manifestType(), null, configDescriptor, converted, null,
                schema == Schema.OCI ? annotations : Map.of());
        byte[] manifestBytes = manifest.toJson();
        return new Rendered(configBytes, configDescriptor, manifestBytes,
                Descriptor.of(schema.manifestType(), manifestBytes), manifest);
    }

    /** A draft rendered to bytes. */
    public record Rendered(byte[] configBytes, Descriptor configDescriptor, byte[] manifestBytes,
            Descriptor manifestDescriptor, Manifest manifest) {
    }
}
