package dev.kiln.tar;

import dev.kiln.KilnException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Re-encodes an existing tar (any compression) as a new layer, checking every entry with the same
 * path rules as {@link SafeExtractor} on the way: {@code ..} escapes, entries below symlinks,
 * hardlinks outside the archive or through symlinks, and (unless allowed) device nodes are refused
 * with {@link UnsafeArchiveException}. Absolute and {@code ./} names come out relative; the output is
 * written in the order read. Used by {@code kiln import ROOTFS.tar}.
 */
public final class LayerCopier {

    private LayerCopier() {
    }

    /** Re-encodes with device nodes refused. */
    public static LayerDigests recompress(InputStream anyLayer, OutputStream out, Compression compression,
            LayerWriteOptions options) throws IOException, KilnException {
        return recompress(anyLayer, out, compression, options, DevicePolicy.REJECT);
    }

    /** Re-encodes; {@code devices} decides whether device nodes are refused, dropped or kept. */
    public static LayerDigests recompress(InputStream anyLayer, OutputStream out, Compression compression,
            LayerWriteOptions options, DevicePolicy devices) throws IOException, KilnException {
        EntryValidator validator = new EntryValidator(devices, true);
        try (LayerReader reader = LayerReader.open(anyLayer);
                LayerWriter writer = LayerWriter.open(out, compression, options)) {
            LayerEntry entry;
            while ((entry = reader.next()) != null) {
                LayerEntry checked = validator.check(entry);
                if (checked == null) {
                    continue;
                }
                if (checked.path().isEmpty()) {
                    continue; // the root directory itself: image layers leave it to the runtime
                }
                writer.add(checked, checked.type() == EntryType.FILE ? reader.content() : null);
            }
            return writer.finish();
        } catch (CorruptStreamException e) {
            throw e.toFormatException();
        }
    }
}
