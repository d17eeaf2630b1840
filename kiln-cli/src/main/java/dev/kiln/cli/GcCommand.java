package dev.kiln.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.store.GcResult;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code kiln gc}: deletes blobs no image uses, debris of interrupted writes and unused unpacked layers. */
@Command(name = "gc", description = {
        "Delete what no image in the store uses: blobs, temp files of interrupted writes, unpacked layers.",
        "Waits for running writers; they wait for it."})
final class GcCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    private final Terminal terminal;

    @Mixin
    StoreOptions store;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text or json.")
    OutputFormat format;

    GcCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws Exception {
        GcResult result = store.open().gc();
        if (format == OutputFormat.json) {
            ObjectNode node = JsonOutput.object();
            node.put("blobs", result.blobs());
            node.put("blobBytes", result.blobBytes());
            node.put("tempFiles", result.temps());
            node.put("tempBytes", result.tempBytes());
            node.put("layerDirectories", result.layerDirs());
            JsonOutput.print(terminal, node);
        } else {
            terminal.out().println("removed " + result.blobs() + " blobs (" + HumanSize.format(result.blobBytes()) + "), "
                    + result.temps() + " temp files (" + HumanSize.format(result.tempBytes()) + "), "
                    + result.layerDirs() + " unpacked layers");
        }
        return ErrorHandler.OK;
    }
}
