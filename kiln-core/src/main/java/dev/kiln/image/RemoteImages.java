package dev.kiln.image;

import dev.kiln.KilnException;
import dev.kiln.ref.ImageReference;
import java.io.IOException;

/**
 * The seam through which the store's resolver reaches registries without knowing them: package
 * {@code registry} implements it, the command line hands an instance to {@code store.ImageLocator}.
 */
public interface RemoteImages {

    /** A source for an image in its registry. Throws {@code ImageNotFoundException} when it is not there. */
    ImageSource source(ImageReference reference) throws IOException, KilnException;

    /** A sink that pushes an image to its registry under the reference's tag (or digest). */
    ImageSink sink(ImageReference reference) throws IOException, KilnException;
}
