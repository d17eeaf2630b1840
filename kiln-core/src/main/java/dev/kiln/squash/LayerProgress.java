package dev.kiln.squash;

import dev.kiln.event.EventSink;
import dev.kiln.event.ProgressEvent;
import dev.kiln.tar.LayerDigests;
import java.util.List;

/** Progress events for one pass over a list of layers. */
final class LayerProgress {

    private final EventSink events;
    private final String action;
    private final List<LayerInput> layers;

    LayerProgress(EventSink events, String action, List<LayerInput> layers) {
        this.events = events;
        this.action = action;
        this.layers = layers;
    }

    void started(int layer) {
        events.accept(new ProgressEvent(layers.get(layer).name(), action, 0, -1, ProgressEvent.State.STARTED));
    }

    void done(int layer, LayerDigests digests) {
        events.accept(new ProgressEvent(layers.get(layer).name(), action, digests.size(), digests.size(),
                ProgressEvent.State.DONE));
    }
}
