package dev.kiln.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.format.dockerarchive.DockerArchiveSink;
import dev.kiln.image.Image;
import dev.kiln.image.ImageSink;
import dev.kiln.image.ImageSource;
import dev.kiln.image.Images;
import dev.kiln.oci.Platform;
import dev.kiln.ref.ImageLocation;
import dev.kiln.ref.ImageReference;
import dev.kiln.registry.RegistryImages;
import dev.kiln.registry.RegistrySession;
import dev.kiln.squash.LayerRange;
import dev.kiln.squash.MergeOptions;
import dev.kiln.squash.SquashOptions;
import dev.kiln.squash.SquashResult;
import dev.kiln.squash.Squasher;
import dev.kiln.store.ImageLocator;
import dev.kiln.store.Store;
import dev.kiln.tar.Compression;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code kiln squash SRC}: merges the top layers of an image into one and reports the bytes won,
 * compressed and uncompressed, as {@code docker-squash} does.
 */
@Command(name = "squash", description = "Merge an image's top layers into one, dropping what later layers deleted or overwrote.")
final class SquashCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    enum Format { text, json }

    private final Terminal terminal;

    @ParentCommand
    KilnCommand root;

    @Mixin
    StoreOptions storeOptions;

    @Mixin
    RegistryOptions registry;

    @Parameters(index = "0", paramLabel = "SRC",
            description = "The image: a store name, oci:DIR[:TAG], oci-archive:FILE, docker-archive:FILE, docker://REF.")
    String source;

    @Option(names = "--from", paramLabel = "LAYER",
            description = "Squash from this layer to the top: a 0-based index or a diff_id/digest prefix.")
    String from;

    @Option(names = "--last", paramLabel = "N", description = "Squash the top N layers.")
    Integer last;

    @Option(names = "--all", description = "Squash every layer into one (the default).")
    boolean all;

    @Option(names = {"-t", "--tag"}, paramLabel = "NAME:TAG", description = "Store the result in the local store under this name.")
    String tag;

    @Option(names = "--output", paramLabel = "REF",
            description = "Write the result here (any destination kiln writes); default: back to SRC.")
    String output;

    @Option(names = {"-m", "--message"}, paramLabel = "TEXT", description = "History comment of the merged layer.")
    String message = SquashOptions.DEFAULT_MESSAGE;

    @Option(names = "--compression", paramLabel = "gzip|zstd|none", defaultValue = "gzip",
            converter = CompressionConverter.class, description = "Compression of the merged layer (default: ${DEFAULT-VALUE}).")
    Compression compression;

    @Option(names = "--platform", paramLabel = "OS/ARCH", converter = PlatformConverter.class, description = "Which image of a multi-platform SRC (default: this machine's).")
    Platform platform;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text or json.")
    Format format = Format.text;

    SquashCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws Exception {
        if (tag != null && output != null) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "give -t or --output, not both");
        }
        LayerRange range = LayerRange.of(from, last, all);
        ConsoleEvents events = new ConsoleEvents(terminal, root.debug(), format == Format.json);
        Store store = storeOptions.open();
        ImageLocation destination = ImageLocation.parse(tag != null ? tag : output != null ? output : source);
        if (tag != null && !(destination instanceof ImageLocation.Named)) {
            throw new dev.kiln.ref.InvalidReferenceException(tag, "-t takes a store name; use --output for other destinations");
        }
        if (destination instanceof ImageLocation.Named) {
            ImageNames.parseTagged(List.of(destination.text())); // a name to give needs a tag and no digest
        }
        // The lease keeps gc from deleting the squash's spool files under ingest/ while it runs.
        try (Store.Lease lease = store.lease();
                RegistrySession session = RegistrySession.create(registry.config(terminal), terminal.env(), events)) {
            ImageLocator locator = new ImageLocator(store, new RegistryImages(session));
            SquashResult result;
            try (ImageSource src = locator.source(source)) {
                Image image = Images.resolve(src, java.util.Optional.ofNullable(platform));
                ImageReference defaultName = ImageLocation.parse(source) instanceof ImageLocation.Named n
                        ? n.reference() : null;
                SquashOptions options = SquashOptions.defaults().withMessage(message).withCreated(Instant.now())
                        .withMerge(MergeOptions.defaults().withCompression(compression)
                                .withSpoolDirectory(store.ingestDir()).withEvents(events));
                try (ImageSink sink = locator.sink(destination, defaultName, DockerArchiveSink.Form.OCI)) {
                    result = Squasher.squash(image, range, options, sink);
                }
            }
            print(result, destination.text());
        }
        return ErrorHandler.OK;
    }

    private void print(SquashResult r, String destination) throws Exception {
        if (format == Format.json) {
            ObjectMapper json = new ObjectMapper();
            ObjectNode o = json.createObjectNode();
            o.put("destination", destination);
            o.put("manifest", r.manifest().digest().toString());
            o.put("mergedLayer", r.mergedLayer().digest().toString());
            o.put("mergedDiffId", r.mergedDiffId().toString());
            o.put("from", r.span().from());
            o.put("layersBefore", r.span().count());
            o.put("layersAfter", r.layersAfter());
            for (String kind : new String[] {"compressed", "uncompressed"}) {
                SquashResult.Sizes s = kind.equals("compressed") ? r.compressed() : r.uncompressed();
                ObjectNode n = o.putObject(kind);
                n.put("before", s.before());
                n.put("after", s.after());
                n.put("saved", s.saved());
                n.put("percentSaved", Math.round(s.percentSaved() * 10) / 10.0);
            }
            ObjectNode st = o.putObject("entries");
            st.put("read", r.stats().entriesRead());
            st.put("written", r.stats().entriesWritten());
            st.put("filesDropped", r.stats().filesDropped());
            st.put("bytesDropped", r.stats().bytesDropped());
            st.put("whiteoutsKept", r.stats().whiteoutsKept());
            st.put("hardlinksRewritten", r.stats().hardlinksRewritten());
            terminal.out().println(json.writeValueAsString(o));
            return;
        }
        var out = terminal.out();
        out.printf(Locale.ROOT, "squashed layers %d-%d of %d into one: %d layers -> %d%n", r.span().from(),
                r.span().to() - 1, r.span().count(), r.span().count(), r.layersAfter());
        out.printf(Locale.ROOT, "%-13s %12s %12s %12s%n", "", "before", "after", "saved");
        row("compressed", r.compressed());
        row("uncompressed", r.uncompressed());
        out.printf(Locale.ROOT, "dropped %d file%s (%s), kept %d whiteout%s%n", r.stats().filesDropped(),
                r.stats().filesDropped() == 1 ? "" : "s", human(r.stats().bytesDropped()), r.stats().whiteoutsKept(),
                r.stats().whiteoutsKept() == 1 ? "" : "s");
        out.printf(Locale.ROOT, "wrote %s (%s)%n", destination, r.manifest().digest());
    }

    private void row(String label, SquashResult.Sizes s) {
        terminal.out().printf(Locale.ROOT, "%-13s %12s %12s %12s (%.1f%%)%n", label, human(s.before()),
                human(s.after()), human(s.saved()), s.percentSaved());
    }

    static String human(long bytes) {
        long abs = Math.abs(bytes);
        if (abs < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (Math.abs(v) >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
