package dev.kiln.build.snapshot;

import dev.kiln.tar.EntryType;
import dev.kiln.tar.LayerDigests;
import dev.kiln.tar.LayerWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;

/** Streams a snapshot's changes into a layer, one file at a time. */
public final class ChangeWriter {

    private ChangeWriter() {
    }

    public static LayerDigests write(List<Change> changes, LayerWriter writer) throws SnapshotException {
        try {
            for (Change change : changes) {
                if (change.entry().type() == EntryType.FILE && change.content() != null) {
                    try (InputStream in = Files.newInputStream(change.content())) {
                        writer.add(change.entry(), new ExactLengthInputStream(in, change.entry().size(), change.entry().path()));
                    }
                } else {
                    writer.add(change.entry());
                }
            }
            return writer.finish();
        } catch (IOException e) {
            throw new SnapshotException("cannot write the layer: " + e.getMessage(), e);
        }
    }
}
