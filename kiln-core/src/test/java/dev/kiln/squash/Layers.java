package dev.kiln.squash;

import dev.kiln.tar.Compression;
import dev.kiln.tar.LayerDigests;
import dev.kiln.tar.LayerWriteOptions;
import dev.kiln.tar.LayerWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test layers in memory: written with kiln's LayerWriter, offered to the merger as inputs. */
final class Layers {

    record Written(byte[] blob, LayerDigests digests) {
        LayerInput input(String name) {
            return new LayerInput(name, digests == null ? null : digests.digest(), digests == null ? null : digests.diffId(),
                    () -> new ByteArrayInputStream(blob));
        }
    }

    private Layers() {
    }

    static Written write(List<TreeModel.Item> items, Compression compression) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (LayerWriter writer = LayerWriter.open(out, compression, LayerWriteOptions.DEFAULT)) {
            for (TreeModel.Item item : items) {
                writer.add(item.entry(), new ByteArrayInputStream(item.content()));
            }
            LayerDigests d = writer.finish();
            return new Written(out.toByteArray(), d);
        }
    }

    static List<LayerInput> inputs(List<Written> written, int from, int to) {
        List<LayerInput> inputs = new ArrayList<>();
        for (int i = from; i < to; i++) {
            inputs.add(written.get(i).input("layer " + i));
        }
        return inputs;
    }

    /** Merges {@code [from, all)} over {@code [0, from)}; returns the merged blob and the result. */
    static Merged merge(List<Written> written, int from, Compression compression, Path spool) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MergeResult result = LayerMerger.merge(inputs(written, 0, from), inputs(written, from, written.size()), out,
                MergeOptions.defaults().withCompression(compression).withSpoolDirectory(spool));
        return new Merged(out.toByteArray(), result);
    }

    record Merged(byte[] blob, MergeResult result) {
    }
}
