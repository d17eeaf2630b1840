package dev.kiln.cli;

import dev.kiln.format.dockerarchive.DockerArchiveSink;
import dev.kiln.image.CopyResult;
import dev.kiln.ref.ImageLocation;
import dev.kiln.ref.ImageReference;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code kiln push REF [DEST]}: a stored image to its registry (or to DEST), blobs first, the tag last. */
@Command(name = "push", description = {
        "Push an image from the local store to a registry: to the registry its name says, or to DEST.",
        "Blobs go first (skipped when there, mounted when in another repository of that registry), the tag last."})
final class PushCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    private final Terminal terminal;

    @ParentCommand
    KilnCommand root;

    @Mixin
    RegistryOptions registry;

    @Mixin
    TransferOptions transfer;

    @Mixin
    TagPolicyOptions tagPolicy;

    @Mixin
    TagSchemeOptions tagScheme;

    @Parameters(index = "0", paramLabel = "REF", description = "An image in the store, e.g. 127.0.0.1:5000/app:1.0.0-1.")
    String ref;

    @Parameters(index = "1", arity = "0..1", paramLabel = "DEST",
            description = "Where to push instead: a registry name (docker:// optional), or any location kiln copy takes.")
    String dest;

    PushCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws Exception {
        ImageLocation to;
        if (dest == null) {
            to = new ImageLocation.Registry(ImageReference.parse(ref));
        } else if (CopyCommand.hasTransport(dest)) {
            to = ImageLocation.parse(dest);
        } else {
            // A bare DEST is a registry name here: push means "to a registry".
            to = new ImageLocation.Registry(ImageReference.parse(dest));
        }
        if (to instanceof ImageLocation.Registry r && !r.reference().hasTag() && !r.reference().hasDigest()
                && tagScheme.requested()) {
            to = new ImageLocation.Registry(r.reference().withTag(
                    tagScheme.compute(terminal, java.time.Clock.systemUTC()).tag()));
        }
        ImageLocation target = to;
        try (ImageTransfer run = new ImageTransfer(terminal, root, registry, transfer)) {
            run.likelyOrigin(ImageReference.parse(ref));
            if (target instanceof ImageLocation.Registry r && r.reference().hasTag()) {
                // Tag rules before any upload: :latest alone warns (or fails), --immutable never moves a tag.
                new dev.kiln.tag.PushGuard(new dev.kiln.tag.TagPolicy(tagPolicy.strictTags), tagPolicy.immutable,
                        run.events()).check(r.reference().familiarName(), java.util.List.of(r.reference().tag()),
                        run.locator().store().resolve(ref).root().digest(),
                        new dev.kiln.tag.RegistryTagLookup(run.session(), r.reference()));
            }
            // The store only: pushing a name the store lacks must not quietly copy between registries.
            CopyResult result = run.copy(l -> l.store().source(l.store().resolve(ref)),
                    l -> l.sink(target, ImageReference.parse(ref), DockerArchiveSink.Form.CLASSIC),
                    transfer.platform());
            terminal.out().println("Pushed " + target.text() + " (" + result.root().digest() + ")");
        }
        return ErrorHandler.OK;
    }
}
