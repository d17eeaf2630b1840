package dev.kiln.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.kiln.store.DamagedBlob;
import dev.kiln.store.GcResult;
import dev.kiln.store.Store;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code kiln gc}: deletes blobs no image uses, debris of interrupted writes and unused unpacked layers. */
@Command(name = "gc", description = {
        "Delete what no image in the store uses: blobs, temp files of interrupted writes, unpacked layers.",
        "Waits for running writers, builds and runs; they wait for it.",
        "With --verify, also re-hashes every blob; damaged ones are deleted and named with the images",
        "that need them (pull or load those again), and the exit code is 1."})
final class GcCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    private final Terminal terminal;

    @Mixin
    StoreOptions store;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text or json.")
    OutputFormat format;

    @Option(names = "--verify", description = "Re-hash every blob and delete those that do not match their digest.")
    boolean verify;

    GcCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws Exception {
        Store images = store.openExisting();
        if (images.busy()) {
            terminal.err().println("kiln: waiting for running kiln builds, runs and writes to finish");
        }
        GcResult result = images.gc(verify);
        if (format == OutputFormat.json) {
            ObjectNode node = JsonOutput.object();
            node.put("blobs", result.blobs());
            node.put("blobBytes", result.blobBytes());
            node.put("tempFiles", result.temps());
            node.put("tempBytes", result.tempBytes());
            node.put("layerDirectories", result.layerDirs());
            if (verify) {
                ArrayNode damaged = node.putArray("damaged");
                for (DamagedBlob blob : result.damaged()) {
                    ObjectNode entry = damaged.addObject();
                    entry.put("digest", blob.digest().toString());
                    entry.put("problem", blob.problem());
                    blob.images().forEach(entry.putArray("images")::add);
                }
            }
            JsonOutput.print(terminal, node);
        } else {
            terminal.out().println("removed " + result.blobs() + " blobs (" + HumanSize.format(result.blobBytes()) + "), "
                    + result.temps() + " temp files (" + HumanSize.format(result.tempBytes()) + "), "
                    + result.layerDirs() + " unpacked layers");
            for (DamagedBlob blob : result.damaged()) {
                terminal.out().println("damaged " + blob.digest() + ": " + blob.problem() + "; deleted"
                        + (blob.images().isEmpty() ? "" : "; needed by " + String.join(", ", blob.images())
                                + " (pull or load again to repair)"));
            }
            if (verify && result.damaged().isEmpty()) {
                terminal.out().println("verified: every blob matches its digest");
            }
        }
        return result.damaged().isEmpty() ? ErrorHandler.OK : ErrorHandler.FAILURE;
    }
}
