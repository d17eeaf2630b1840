package dev.kiln.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.ref.ImageReference;
import dev.kiln.store.Store;
import dev.kiln.store.StoredImage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kiln images}: the images in the local store. */
@Command(name = "images", description = "List the images in the local store.")
final class ImagesCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    private final Terminal terminal;

    @Mixin
    StoreOptions store;

    @Parameters(index = "0", arity = "0..1", paramLabel = "REPOSITORY",
            description = "Only images of this repository (e.g. busybox, ghcr.io/org/app).")
    String repository;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (a table) or json (an array with full references, digests, sizes in bytes, ISO times).")
    OutputFormat format;

    @Option(names = "--no-trunc", description = "Show whole digests.")
    boolean noTrunc;

    ImagesCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws Exception {
        ImageReference only = repository == null ? null : ImageReference.parse(repository).repositoryOnly();
        Store images = store.openExisting();
        List<ImageSummary> summaries = new ArrayList<>();
        for (StoredImage image : images.images()) {
            if (only != null && !image.name().map(n -> n.sameRepository(only)).orElse(false)) {
                continue;
            }
            summaries.add(ImageSummary.of(images, image));
        }
        summaries.sort(Comparator.comparing((ImageSummary s) -> s.image().name().map(ImageReference::familiarName).orElse("~"))
                .thenComparing(s -> s.image().name().map(ImageReference::tag).orElse("")));
        if (format == OutputFormat.json) {
            ArrayNode array = JsonOutput.array();
            for (ImageSummary s : summaries) {
                ObjectNode node = array.addObject();
                if (s.image().name().isPresent()) {
                    ImageReference name = s.image().name().get();
                    node.put("reference", name.toString());
                    node.put("name", name.familiarName());
                    node.put("tag", name.tag());
                } else {
                    node.putNull("reference");
                    node.putNull("name");
                    node.putNull("tag");
                }
                node.put("digest", s.image().root().digest().toString());
                node.put("mediaType", s.image().root().mediaType());
                node.put("platform", s.platform());
                node.put("size", s.size());
                if (s.created() != null) {
                    node.put("created", s.created().toString());
                } else {
                    node.putNull("created");
                }
            }
            JsonOutput.print(terminal, array);
            return ErrorHandler.OK;
        }
        Table table = new Table("NAME", "TAG", "DIGEST", "SIZE", "CREATED");
        Instant now = Instant.now();
        for (ImageSummary s : summaries) {
            String digest = noTrunc ? s.image().root().digest().toString() : s.image().root().digest().shortHex();
            table.row(s.image().name().map(ImageReference::familiarName).orElse("<none>"),
                    s.image().name().map(ImageReference::tag).orElse("<none>"),
                    digest, HumanSize.format(s.size()), TimeAgo.format(s.created(), now));
        }
        table.print(terminal.out());
        return ErrorHandler.OK;
    }
}
