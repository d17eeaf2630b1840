package dev.kiln.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.KilnException;
import dev.kiln.image.Image;
import dev.kiln.image.ImageSource;
import dev.kiln.image.Images;
import dev.kiln.image.Index;
import dev.kiln.image.Layer;
import dev.kiln.oci.ContainerConfig;
import dev.kiln.oci.Descriptor;
import dev.kiln.oci.History;
import dev.kiln.oci.ImageConfig;
import dev.kiln.oci.Platform;
import dev.kiln.ref.ImageLocation;
import dev.kiln.registry.RegistryImages;
import dev.kiln.registry.RegistrySession;
import dev.kiln.store.ImageLocator;
import dev.kiln.store.LayerSizes;
import dev.kiln.store.Store;
import dev.kiln.store.StoredImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code kiln inspect REF}: an image's identity, platform, run configuration and layers (stored and
 * uncompressed sizes, the history line that made each). Local layers are read once to learn their
 * uncompressed size, which also verifies both their digests; the store remembers the sizes.
 */
@Command(name = "inspect", description = {
        "Show an image: config, and layers with compressed and uncompressed sizes and the step that made each.",
        "REF is a store name (busybox:1.36.1-1), a digest or its prefix, oci:DIR[:TAG], oci-archive:FILE[:TAG], "
                + "docker-archive:FILE[:NAME:TAG] or docker://NAME."})
final class InspectCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    enum Raw { manifest, config, index }

    private final Terminal terminal;

    @ParentCommand
    KilnCommand root;

    @Mixin
    StoreOptions store;

    @Mixin
    RegistryOptions registry;

    @Parameters(index = "0", paramLabel = "REF", description = "The image.")
    String reference;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text or json.")
    OutputFormat format;

    @Option(names = "--raw", arity = "0..1", fallbackValue = "manifest", paramLabel = "WHAT",
            description = "Print a stored document exactly as stored: manifest (default), config or index.")
    Raw raw;

    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]", converter = PlatformConverter.class,
            description = "The image to show out of an index (default: this machine's).")
    Platform platform;

    InspectCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws Exception {
        ImageLocation location = ImageLocation.parse(reference);
        Store images = store.openFor(reference);
        ConsoleEvents events = new ConsoleEvents(terminal, root.debug(), false);
        try (RegistrySession session = RegistrySession.create(registry.config(terminal), terminal.env(), events)) {
            ImageLocator locator = ImageLocator.storeNamesOnly(images, new RegistryImages(session));
            Optional<StoredImage> stored = findInStore(images, location, reference);
            try (ImageSource source = stored.isPresent() ? images.source(stored.get()) : locator.source(reference)) {
                Descriptor rootDescriptor = source.root();
                Index index = Images.isIndex(source, rootDescriptor) ? Index.load(source, rootDescriptor) : null;
                if (raw == Raw.index) {
                    if (index == null) {
                        throw new BadInputException(reference + " is a single image, not an index; use --raw or --raw=config");
                    }
                    printRaw(index.bytes());
                    return ErrorHandler.OK;
                }
                Image image = Images.resolve(source, rootDescriptor, Optional.ofNullable(platform));
                if (raw == Raw.manifest) {
                    printRaw(image.manifestBytes());
                    return ErrorHandler.OK;
                }
                if (raw == Raw.config) {
                    printRaw(image.configBytes());
                    return ErrorHandler.OK;
                }
                boolean local = stored.isPresent() || location instanceof ImageLocation.OciLayout
                        || location instanceof ImageLocation.OciArchive || location instanceof ImageLocation.DockerArchive;
                List<Long> uncompressed = uncompressedSizes(image, local, stored.isPresent() ? images.layerSizes() : null);
                String name = stored.flatMap(StoredImage::name).map(n -> n.familiar()).orElse(source.describe());
                if (format == OutputFormat.json) {
                    JsonOutput.print(terminal, json(name, index, image, uncompressed));
                } else {
                    text(terminal.out(), name, index, image, uncompressed);
                }
            }
        }
        return ErrorHandler.OK;
    }

    /** The stored image a store name (or digest) means, if the store has it. */
    static Optional<StoredImage> findInStore(Store images, ImageLocation location, String text)
            throws IOException, KilnException {
        if (!(location instanceof ImageLocation.Named)) {
            return Optional.empty();
        }
        try {
            return Optional.of(images.resolve(text));
        } catch (dev.kiln.image.ImageNotFoundException e) {
            return Optional.empty();
        }
    }

    private void printRaw(byte[] bytes) {
        terminal.out().print(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        terminal.out().flush();
    }

    /** Uncompressed size per layer: known for plain tars, remembered by the store, else measured if local. */
    private static List<Long> uncompressedSizes(Image image, boolean local, LayerSizes remembered)
            throws IOException, KilnException {
        List<Long> sizes = new ArrayList<>();
        for (Layer layer : image.layers()) {
            if (layer.compression() == dev.kiln.tar.Compression.NONE) {
                sizes.add(layer.size());
                continue;
            }
            Optional<LayerSizes.Entry> known = remembered == null ? Optional.empty()
                    : remembered.get(layer.descriptor().digest()).filter(e -> e.diffId().equals(layer.diffId()));
            if (known.isPresent()) {
                sizes.add(known.get().uncompressedSize());
            } else if (local) {
                long size = layer.measureUncompressed();
                if (remembered != null) {
                    remembered.put(layer.descriptor().digest(), layer.diffId(), size);
                }
                sizes.add(size);
            } else {
                sizes.add(-1L);
            }
        }
        return sizes;
    }

    private static long total(List<Long> sizes) {
        long sum = 0;
        for (long size : sizes) {
            if (size < 0) {
                return -1;
            }
            sum += size;
        }
        return sum;
    }

    private static void text(PrintWriter out, String name, Index index, Image image, List<Long> uncompressed) {
        ImageConfig config = image.config();
        ContainerConfig run = config.config();
        field(out, "Name", name);
        if (index != null) {
            field(out, "Index", index.descriptor().digest() + " (" + index.index().platforms().size() + " platforms)");
        }
        field(out, "Digest", image.descriptor().digest().toString());
        field(out, "Media type", image.descriptor().mediaType());
        field(out, "Platform", image.platform().toString());
        field(out, "Created", config.created() == null ? "-"
                : config.created() + " (" + TimeAgo.format(config.created(), Instant.now()) + ")");
        if (config.author() != null) {
            field(out, "Author", config.author());
        }
        field(out, "Size", HumanSize.format(image.storedSize()) + " stored, "
                + (total(uncompressed) < 0 ? "?" : HumanSize.format(total(uncompressed))) + " uncompressed");
        out.println("Config:");
        config(out, "User", run.user());
        list(out, "Env", run.env());
        config(out, "Entrypoint", exec(run.entrypoint()));
        config(out, "Cmd", exec(run.cmd()));
        config(out, "WorkingDir", run.workingDir());
        list(out, "ExposedPorts", run.exposedPorts() == null ? null : List.copyOf(run.exposedPorts()));
        list(out, "Volumes", run.volumes() == null ? null : List.copyOf(run.volumes()));
        if (run.labels() != null && !run.labels().isEmpty()) {
            List<String> labels = new ArrayList<>();
            for (Map.Entry<String, String> label : run.labels().entrySet()) {
                labels.add(label.getKey() + "=" + label.getValue());
            }
            list(out, "Labels", labels);
        }
        config(out, "StopSignal", run.stopSignal());
        config(out, "Shell", exec(run.shell()));
        if (run.healthcheck() != null) {
            config(out, "Healthcheck", exec(run.healthcheck().test()));
        }
        list(out, "OnBuild", run.onBuild());
        out.println("Layers:");
        Table table = new Table("  #", "DIGEST", "COMPRESSED", "UNCOMPRESSED", "CREATED BY");
        for (Layer layer : image.layers()) {
            long size = uncompressed.get(layer.index());
            table.row("  " + (layer.index() + 1), layer.descriptor().digest().shortHex(),
                    HumanSize.format(layer.size()), size < 0 ? "?" : HumanSize.format(size),
                    layer.history().map(InspectCommand::createdBy).orElse("-"));
        }
        table.print(out);
    }

    private static String createdBy(History h) {
        String text = h.createdBy() == null ? "" : h.createdBy().replaceAll("\\s+", " ").strip();
        if (text.startsWith("/bin/sh -c #(nop) ")) {
            text = text.substring("/bin/sh -c #(nop) ".length()).strip();
        }
        if (text.length() > 100) {
            text = text.substring(0, 99) + "…";
        }
        return text.isEmpty() ? (h.comment() == null ? "-" : h.comment()) : text;
    }

    private static String exec(List<String> args) {
        if (args == null) {
            return null;
        }
        ArrayNode array = JsonOutput.array();
        args.forEach(array::add);
        return array.toString();
    }

    private static void field(PrintWriter out, String label, String value) {
        out.println(String.format("%-12s%s", label + ":", value));
    }

    private static void config(PrintWriter out, String label, String value) {
        if (value != null && !value.isEmpty()) {
            out.println(String.format("  %-14s%s", label + ":", value));
        }
    }

    private static void list(PrintWriter out, String label, List<String> values) {
        if (values == null || values.isEmpty()) {
            return;
        }
        for (int i = 0; i < values.size(); i++) {
            out.println(String.format("  %-14s%s", i == 0 ? label + ":" : "", values.get(i)));
        }
    }

    private static JsonNode json(String name, Index index, Image image, List<Long> uncompressed) throws IOException {
        ObjectNode node = JsonOutput.object();
        node.put("name", name);
        node.put("digest", image.descriptor().digest().toString());
        node.put("mediaType", image.descriptor().mediaType());
        if (index != null) {
            ObjectNode idx = node.putObject("index");
            idx.put("digest", index.descriptor().digest().toString());
            idx.put("mediaType", index.descriptor().mediaType());
            ArrayNode platforms = idx.putArray("platforms");
            index.index().platforms().forEach(p -> platforms.add(p.toString()));
        }
        ImageConfig config = image.config();
        node.put("platform", image.platform().toString());
        node.put("architecture", config.architecture());
        node.put("os", config.os());
        if (config.variant() != null) {
            node.put("variant", config.variant());
        }
        node.put("created", config.created() == null ? null : config.created().toString());
        node.put("author", config.author());
        node.put("size", image.storedSize());
        long total = total(uncompressed);
        if (total < 0) {
            node.putNull("uncompressedSize");
        } else {
            node.put("uncompressedSize", total);
        }
        JsonNode rawConfig = JsonOutput.parse(image.configBytes());
        node.set("config", rawConfig.has("config") ? rawConfig.get("config") : JsonOutput.object());
        ArrayNode layers = node.putArray("layers");
        for (Layer layer : image.layers()) {
            ObjectNode l = layers.addObject();
            l.put("digest", layer.descriptor().digest().toString());
            l.put("mediaType", layer.descriptor().mediaType());
            l.put("size", layer.size());
            l.put("diffId", layer.diffId().toString());
            long size = uncompressed.get(layer.index());
            if (size < 0) {
                l.putNull("uncompressedSize");
            } else {
                l.put("uncompressedSize", size);
            }
            if (layer.history().isPresent()) {
                History h = layer.history().get();
                l.put("createdBy", h.createdBy());
                l.put("created", h.created() == null ? null : h.created().toString());
                if (h.comment() != null) {
                    l.put("comment", h.comment());
                }
            }
        }
        node.set("history", rawConfig.has("history") ? rawConfig.get("history") : JsonOutput.array());
        node.set("manifest", JsonOutput.parse(image.manifestBytes()));
        return node;
    }
}
