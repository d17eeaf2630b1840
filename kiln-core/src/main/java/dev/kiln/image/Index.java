package dev.kiln.image;

import dev.kiln.KilnException;
import dev.kiln.oci.Descriptor;
import dev.kiln.oci.ImageIndex;
import java.io.IOException;

/** A read-only view of an image index (or Docker manifest list) in a source. */
public final class Index {

    private final ImageSource source;
    private final Descriptor descriptor;
    private final byte[] bytes;
    private final ImageIndex index;

    private Index(ImageSource source, Descriptor descriptor, byte[] bytes, ImageIndex index) {
        this.source = source;
        this.descriptor = descriptor;
        this.bytes = bytes;
        this.index = index;
    }

    public static Index load(ImageSource source, Descriptor descriptor) throws IOException, KilnException {
        byte[] bytes = source.read(descriptor, ImageSource.MAX_MANIFEST_BYTES);
        ImageIndex index = ImageIndex.parse(bytes, source.describe() + ": index " + descriptor.digest());
        return new Index(source, descriptor, bytes, index);
    }

    public ImageSource source() {
        return source;
    }

    public Descriptor descriptor() {
        return descriptor;
    }

    /** The index exactly as stored. */
    public byte[] bytes() {
        return bytes.clone();
    }

    public ImageIndex index() {
        return index;
    }
}
