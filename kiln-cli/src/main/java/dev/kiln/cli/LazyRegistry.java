package dev.kiln.cli;

import dev.kiln.KilnException;
import dev.kiln.event.EventSink;
import dev.kiln.image.ImageSink;
import dev.kiln.image.ImageSource;
import dev.kiln.image.RemoteImages;
import dev.kiln.ref.ImageReference;
import dev.kiln.registry.RegistryImages;
import dev.kiln.registry.RegistrySession;
import java.io.IOException;

/**
 * Registry access opened on first use, so that commands which usually find everything in the store
 * (a cached rebuild) never load the registry client or read credentials.
 */
final class LazyRegistry implements RemoteImages, AutoCloseable {

    private final Terminal terminal;
    private final RegistryOptions options;
    private final EventSink events;
    private RegistrySession session;
    private RegistryImages images;

    LazyRegistry(Terminal terminal, RegistryOptions options, EventSink events) {
        this.terminal = terminal;
        this.options = options;
        this.events = events;
    }

    private synchronized RegistryImages images() throws KilnException {
        if (images == null) {
            session = RegistrySession.create(options.config(terminal), terminal.env(), events);
            images = new RegistryImages(session);
        }
        return images;
    }

    @Override
    public ImageSource source(ImageReference reference) throws IOException, KilnException {
        return images().source(reference);
    }

    @Override
    public ImageSink sink(ImageReference reference) throws IOException, KilnException {
        return images().sink(reference);
    }

    @Override
    public synchronized void close() {
        if (session != null) {
            session.close();
        }
    }
}
