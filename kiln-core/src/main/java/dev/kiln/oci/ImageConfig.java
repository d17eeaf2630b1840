package dev.kiln.oci;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An image configuration (OCI {@code config.v1} or Docker {@code container.image.v1}, which share a
 * format): platform, how to run it ({@link ContainerConfig}), the layers' {@code diff_ids} and the
 * history. Fields kiln does not model (Docker's {@code container_config}, buildkit metadata) are kept
 * as JSON text in {@code unknown} and written back unchanged, so editing a config we did not create
 * loses nothing of it.
 */
public record ImageConfig(Instant created, String author, String architecture, String os, String osVersion,
        List<String> osFeatures, String variant, ContainerConfig config, List<Digest> diffIds,
        List<History> history, Map<String, String> unknown) {

    public ImageConfig {
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(os, "os");
        osFeatures = osFeatures == null ? List.of() : List.copyOf(osFeatures);
        config = config == null ? ContainerConfig.EMPTY : config;
        diffIds = List.copyOf(Objects.requireNonNull(diffIds, "diffIds"));
        history = history == null ? List.of() : List.copyOf(history);
        unknown = unknown == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(unknown));
    }

    /** A fresh config for a platform, with no layers and no history. */
    public static ImageConfig of(Platform platform) {
        return new ImageConfig(null, null, platform.architecture(), platform.os(), platform.osVersion(),
                platform.osFeatures(), platform.variant(), ContainerConfig.EMPTY, List.of(), List.of(), Map.of());
    }

    public static ImageConfig parse(byte[] json) throws ImageFormatException {
        return parse(json, "image config");
    }

    public static ImageConfig parse(byte[] json, String what) throws ImageFormatException {
        return JsonIn.decode(what, json, ImageConfigCodec::read);
    }

    /** Canonical compact JSON (fixed field order, sorted maps, unknown fields kept). */
    public byte[] toJson() {
        return ImageConfigCodec.write(this);
    }

    public Platform platform() {
        return new Platform(os, architecture, variant, osVersion, osFeatures);
    }

    /**
     * The history entry that made each layer: the n-th non-empty entry for the n-th diff_id. Empty
     * optionals where the history is shorter than the layer list (some tools write none).
     */
    public List<Optional<History>> layerHistory() {
        List<History> layered = history.stream().filter(h -> !h.emptyLayer()).toList();
        List<Optional<History>> result = new ArrayList<>(diffIds.size());
        for (int i = 0; i < diffIds.size(); i++) {
            result.add(i < layered.size() ? Optional.of(layered.get(i)) : Optional.empty());
        }
        return result;
    }

    public ImageConfig withConfig(ContainerConfig newConfig) {
        return new ImageConfig(created, author, architecture, os, osVersion, osFeatures, variant, newConfig,
                diffIds, history, unknown);
    }

    public ImageConfig withCreated(Instant newCreated) {
        return new ImageConfig(newCreated, author, architecture, os, osVersion, osFeatures, variant, config,
                diffIds, history, unknown);
    }

    public ImageConfig withAuthor(String newAuthor) {
        return new ImageConfig(created, newAuthor, architecture, os, osVersion, osFeatures, variant, config,
                diffIds, history, unknown);
    }

    public ImageConfig withDiffIds(List<Digest> newDiffIds) {
        return new ImageConfig(created, author, architecture, os, osVersion, osFeatures, variant, config,
                newDiffIds, history, unknown);
    }

    public ImageConfig withHistory(List<History> newHistory) {
        return new ImageConfig(created, author, architecture, os, osVersion, osFeatures, variant, config,
                diffIds, newHistory, unknown);
    }

    public ImageConfig withPlatform(Platform platform) {
        return new ImageConfig(created, author, platform.architecture(), platform.os(), platform.osVersion(),
                platform.osFeatures(), platform.variant(), config, diffIds, history, unknown);
    }

    /** A copy without the fields kiln does not model (Docker's build-time leftovers). */
    public ImageConfig withoutUnknown() {
        return new ImageConfig(created, author, architecture, os, osVersion, osFeatures, variant, config,
                diffIds, history, Map.of());
    }
}
