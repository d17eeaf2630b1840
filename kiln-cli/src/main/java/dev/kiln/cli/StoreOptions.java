package dev.kiln.cli;

import dev.kiln.KilnException;
import dev.kiln.store.ImageLocator;
import dev.kiln.ref.ImageLocation;
import dev.kiln.store.Store;
import dev.kiln.store.StoreNotFoundException;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The local store option every store command mixes in: {@code --store DIR}, else {@code $KILN_HOME},
 * else {@code $XDG_DATA_HOME/kiln}, else {@code ~/.local/share/kiln}.
 */
final class StoreOptions {

    private final Terminal terminal;

    @Option(names = "--store", paramLabel = "DIR",
            description = "The local image store (default: $KILN_HOME, else ~/.local/share/kiln).")
    Path store;

    StoreOptions(Terminal terminal) {
        this.terminal = terminal;
    }

    /** The store directory this invocation uses. */
    Path home() {
        return store != null ? store : Store.defaultHome(terminal.env());
    }

    /** Opens (creating on first use) the store. */
    Store open() throws IOException, KilnException {
        return Store.open(home());
    }

    /**
     * Opens the store for a command that only reads it (or removes from it): a {@code --store} or
     * {@code KILN_HOME} naming no store is an error, never a new store at a mistyped path. The
     * default place is still made on first use, so a fresh machine lists no images rather than failing.
     */
    Store openExisting() throws IOException, KilnException {
        String kilnHome = terminal.env().get("KILN_HOME");
        if (store == null && (kilnHome == null || kilnHome.isBlank())) {
            return open();
        }
        return Store.openExisting(home());
    }

    /**
     * Opens the store to look up {@code reference}: a store name needs an existing store (see
     * {@link #openExisting()}; the error then says the image is not there and why), anything else
     * ({@code oci:}, archives, {@code docker://}) only borrows the store's ingest directory.
     */
    Store openFor(String reference) throws IOException, KilnException {
        if (!(ImageLocation.parse(reference) instanceof ImageLocation.Named)) {
            return open();
        }
        return openExistingFor(reference);
    }

    /** {@link #openExisting()}, its error saying that {@code reference} cannot be in a store that is not there. */
    Store openExistingFor(String reference) throws IOException, KilnException {
        try {
            return openExisting();
        } catch (StoreNotFoundException e) {
            throw new StoreNotFoundException("no image " + reference + " in the store at "
                    + home().toAbsolutePath().normalize() + ": there is no kiln store there (check --store and KILN_HOME)");
        }
    }

    /** A locator over the store for commands that do not reach registries. */
    ImageLocator localLocator() throws IOException, KilnException {
        return new ImageLocator(open(), null);
    }
}
