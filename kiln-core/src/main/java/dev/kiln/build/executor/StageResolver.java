package dev.kiln.build.executor;

import dev.kiln.KilnException;
import java.io.IOException;

/** How a step reaches other stages and images ({@code COPY --from}, {@code RUN --mount=from=}). */
public interface StageResolver {

    /** The finished result of an earlier stage, waiting for it when it is still being built. */
    StageResult stage(int index) throws IOException, KilnException, InterruptedException;

    /** An image by reference, its layers in the store. */
    StageResult image(String reference) throws IOException, KilnException;
}
