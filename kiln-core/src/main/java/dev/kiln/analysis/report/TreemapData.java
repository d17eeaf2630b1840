package dev.kiln.analysis.report;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.kiln.analysis.ImageAnalysis;
import dev.kiln.analysis.PathTrie;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The final filesystem as a size tree for the HTML treemap, pruned so a report stays small whatever the
 * image: entries below a share of the total are folded into one "(N smaller)" node per directory.
 * Each node is {@code {"n": name, "s": bytes, "l": layer, "c": [children]}}.
 */
final class TreemapData {

    /** Entries smaller than total/FRACTION are folded. */
    private static final long FRACTION = 2000;
    private static final int MAX_DEPTH = 12;

    private final ImageAnalysis analysis;
    private final long threshold;

    private TreemapData(ImageAnalysis analysis) {
        this.analysis = analysis;
        this.threshold = Math.max(1, analysis.subtreeBytes(PathTrie.ROOT) / FRACTION);
    }

    static void write(ImageAnalysis analysis, JsonGenerator json) throws IOException {
        new TreemapData(analysis).node(json, PathTrie.ROOT, "/", 0);
    }

    private void node(JsonGenerator json, int node, String name, int depth) throws IOException {
        json.writeStartObject();
        json.writeStringField("n", name);
        json.writeNumberField("s", analysis.subtreeBytes(node));
        json.writeNumberField("l", Math.max(0, analysis.finalLayer(node)));
        if (analysis.isDirectory(node) || node == PathTrie.ROOT) {
            List<Integer> children = new ArrayList<>(analysis.children(node));
            children.sort(Comparator.comparingLong((Integer c) -> analysis.subtreeBytes(c)).reversed());
            json.writeArrayFieldStart("c");
            long folded = 0;
            int foldedCount = 0;
            for (int child : children) {
                long bytes = analysis.subtreeBytes(child);
                if (bytes <= 0) {
                    continue;
                }
                if (bytes < threshold || depth >= MAX_DEPTH) {
                    folded += bytes;
                    foldedCount++;
                } else {
                    node(json, child, analysis.trie().name(child), depth + 1);
                }
            }
            if (foldedCount > 0) {
                json.writeStartObject();
                json.writeStringField("n", "(" + foldedCount + " smaller)");
                json.writeNumberField("s", folded);
                json.writeNumberField("l", -1);
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        json.writeEndObject();
    }
}
