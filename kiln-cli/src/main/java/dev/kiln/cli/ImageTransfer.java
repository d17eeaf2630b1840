package dev.kiln.cli;

import dev.kiln.KilnException;
import dev.kiln.image.CopyOptions;
import dev.kiln.image.CopyResult;
import dev.kiln.image.ImageCopier;
import dev.kiln.image.ImageSink;
import dev.kiln.image.ImageSource;
import dev.kiln.oci.Platform;
import dev.kiln.registry.RegistryConfig;
import dev.kiln.registry.RegistryImages;
import dev.kiln.registry.RegistrySession;
import dev.kiln.store.ImageLocator;
import dev.kiln.store.Store;
import java.io.IOException;

/**
 * What pull, push and copy share: the store, the registry session, the locator that joins them, the
 * progress display, and one copy with its summary line. Close it when done.
 */
final class ImageTransfer implements AutoCloseable {

    /** Opens a source or sink once the locator exists. */
    @FunctionalInterface
    interface Opener<T> {
        T open(ImageLocator locator) throws IOException, KilnException;
    }

    private final Terminal terminal;
    private final ProgressRenderer progress;
    private final RegistrySession session;
    private final ImageLocator locator;
    private final RegistryConfig config;
    private final RegistryImages registries;

    ImageTransfer(Terminal terminal, KilnCommand root, RegistryOptions registry, TransferOptions transfer)
            throws IOException, KilnException {
        this.terminal = terminal;
        this.config = registry.config(terminal);
        this.progress = new ProgressRenderer(terminal, new ConsoleEvents(terminal, root.debug(), transfer.quiet),
                transfer.quiet);
        this.session = RegistrySession.create(config, terminal.env(), progress);
        this.registries = new RegistryImages(session);
        this.locator = new ImageLocator(Store.open(Store.defaultHome(terminal.env())), registries);
    }

    ImageLocator locator() {
        return locator;
    }

    /** The registry session, for checks before a copy (the tag rules' manifest HEAD). */
    RegistrySession session() {
        return session;
    }

    /** Where warnings and progress go. */
    dev.kiln.event.EventSink events() {
        return progress;
    }

    /** A store image named after a registry repository: its blobs are likely there, so mount from it. */
    void likelyOrigin(dev.kiln.ref.ImageReference name) {
        registries.likelyOrigin(name);
    }

    /**
     * Copies and commits; the source and sink are closed whatever happens, so a failed copy leaves
     * the destination as it was (a store or layout never shows a half image).
     */
    CopyResult copy(Opener<ImageSource> from, Opener<ImageSink> to, Platform platform) throws IOException, KilnException {
        return copy(from, to, CopyOptions.DEFAULT.withPlatform(platform));
    }

    /** As above, with the platform choice in {@code options}; parallelism comes from the configuration. */
    CopyResult copy(Opener<ImageSource> from, Opener<ImageSink> to, CopyOptions choice) throws IOException, KilnException {
        CopyOptions options = choice.withParallelism(config.parallelism());
        try (ImageSource source = from.open(locator); ImageSink sink = to.open(locator)) {
            return new ImageCopier(progress).copy(source, sink, options);
        } finally {
            progress.finish();
        }
    }

    @Override
    public void close() {
        session.close();
    }
}
