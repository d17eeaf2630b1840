package dev.kiln.cli;

import dev.kiln.tar.LayerEntry;
import dev.kiln.tar.LayerReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code kiln layer list FILE}: the entries of a layer, like {@code tar -tv}. */
@Command(name = "list", description = {
        "List a layer's entries like 'tar -tv' (any compression), marking whiteouts, opaque directories,",
        "sparse files and xattrs."})
final class LayerListCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    private final Terminal terminal;

    @Parameters(index = "0", paramLabel = "FILE", description = "Layer file (tar, tar+gzip or tar+zstd).")
    Path file;

    LayerListCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws Exception {
        try (LayerReader reader = LayerReader.open(UserPaths.open(file))) {
            LayerEntry e;
            while ((e = reader.next()) != null) {
                terminal.out().println(LayerPrinting.entry(e));
            }
        } catch (Exception e) {
            throw ArchiveErrors.naming(file, e);
        }
        return ErrorHandler.OK;
    }
}
