package dev.kiln.cli;

import dev.kiln.store.GcResult;
import dev.kiln.store.Store;
import dev.kiln.store.StoredImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kiln rmi REF...}: removes names (or, given a digest, every name of that image) from the
 * store, then frees the blobs nothing uses any more unless another kiln is writing. Every reference
 * is resolved first: one unknown reference removes nothing.
 */
@Command(name = "rmi", description = {
        "Remove images from the store: a name removes that tag; a digest (or its prefix) removes every tag of the image.",
        "Blobs no image uses are then deleted (run kiln gc if another kiln was writing at the time)."})
final class RmiCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    private static final java.util.regex.Pattern DIGEST = java.util.regex.Pattern.compile("(?:sha256:)?[a-f0-9]{6,64}");

    private final Terminal terminal;

    @Mixin
    StoreOptions store;

    @Parameters(arity = "1..*", paramLabel = "REF", description = "Images to remove.")
    List<String> references;

    @Option(names = "--keep-blobs", description = "Only remove the names; leave the blobs for a later kiln gc.")
    boolean keepBlobs;

    RmiCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws Exception {
        Store images = store.openExistingFor(references.get(0));
        List<StoredImage> targets = new ArrayList<>();
        for (String reference : references) {
            StoredImage image = images.resolve(reference);
            boolean byDigest = DIGEST.matcher(reference).matches() || reference.contains("@");
            targets.add(byDigest ? new StoredImage(Optional.empty(), image.root()) : image);
        }
        for (StoredImage target : targets) {
            for (StoredImage removed : images.remove(target)) {
                terminal.out().println("Untagged: " + removed.display());
            }
        }
        if (!keepBlobs) {
            Optional<GcResult> freed = images.gcIfIdle();
            if (freed.isPresent() && freed.get().blobs() > 0) {
                terminal.out().println("Deleted: " + freed.get().blobs() + " blobs, "
                        + HumanSize.format(freed.get().blobBytes()));
            } else if (freed.isEmpty()) {
                terminal.err().println("kiln: another kiln is writing to the store; run kiln gc later to free space");
            }
        }
        return ErrorHandler.OK;
    }
}
