package dev.kiln.cli;

import dev.kiln.image.CopyOptions;
import dev.kiln.image.ImageCopier;
import dev.kiln.image.ImageSink;
import dev.kiln.image.ImageSource;
import dev.kiln.ref.ImageLocation;
import dev.kiln.ref.ImageReference;
import dev.kiln.ref.InvalidReferenceException;
import dev.kiln.store.ImageLocator;
import dev.kiln.store.Store;
import dev.kiln.store.StoredImage;
import dev.kiln.tag.ComputedTag;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code kiln tag SRC NEW...}: adds names to an image in the local store (SRC from anywhere kiln reads
 * is copied in). A NEW without a tag gets the computed one when a tag scheme is given; kiln never
 * adds {@code latest} on its own.
 */
@Command(name = "tag", description = "Add tags to an image in the local store, or compute X.Y.Z-N tags.",
        subcommands = TagComputeCommand.class)
final class TagCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    private final Terminal terminal;

    @ParentCommand
    KilnCommand root;

    @Mixin
    StoreOptions storeOptions;

    @Mixin
    TagSchemeOptions scheme;

    @Parameters(index = "0", paramLabel = "SRC", arity = "0..1",
            description = "The image: a store name or digest, oci:DIR[:TAG], docker-archive:FILE, ...")
    String source;

    @Parameters(index = "1..*", paramLabel = "NEW", arity = "0..*",
            description = "Names to add, e.g. app:1.4.2-17 (NAME alone takes the computed tag with --tag-scheme).")
    List<String> names = new ArrayList<>();

    TagCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws Exception {
        if (source == null || names.isEmpty()) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "usage: kiln tag SRC NEW... or kiln tag compute --version X.Y.Z");
        }
        Optional<ComputedTag> computed = scheme.requested()
                ? Optional.of(scheme.compute(terminal, Clock.systemUTC())) : Optional.empty();
        List<ImageReference> targets = new ArrayList<>();
        for (String name : names) {
            ImageReference ref = ImageReference.parse(name);
            if (!ref.hasTag() && !ref.hasDigest() && computed.isPresent()) {
                ref = ref.withTag(computed.get().tag());
            }
            if (!ref.hasTag() || ref.hasDigest()) {
                throw new InvalidReferenceException(name, "needs a tag (kiln never assumes :latest; "
                        + "or compute one with --tag-scheme semver-build --version X.Y.Z)");
            }
            targets.add(ref);
        }
        Store store = storeOptions.openFor(source);
        ImageLocation location = ImageLocation.parse(source);
        if (location instanceof ImageLocation.Named) {
            StoredImage image = store.resolve(source);
            for (ImageReference target : targets) {
                store.tag(image.root(), target);
            }
        } else {
            ImageLocator locator = new ImageLocator(store, null);
            try (ImageSource src = locator.source(location); ImageSink sink = store.sink(targets)) {
                new ImageCopier(new ConsoleEvents(terminal, root.debug(), true)).copy(src, sink, CopyOptions.DEFAULT);
            }
        }
        for (ImageReference target : targets) {
            terminal.out().println(target.familiar());
        }
        return ErrorHandler.OK;
    }
}
