package dev.kiln.analysis.findings;

import dev.kiln.analysis.ImageAnalysis;
import dev.kiln.analysis.LayerRecords;
import dev.kiln.analysis.Shadow;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Files a layer adds that a later layer deletes, replaces, or copies again only to change mode or
 * owner: grouped by the two steps involved, because the fix is to merge them (clean up in the same
 * RUN, {@code COPY --chmod/--chown}) or to use a multi-stage build.
 */
final class ShadowedFiles implements Detector {

    private record Key(int layer, int by, Shadow reason) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = Integer.compare(layer, o.layer);
            if (c == 0) {
                c = Integer.compare(by, o.by);
            }
            return c != 0 ? c : reason.compareTo(o.reason);
        }
    }

    @Override
    public void detect(ImageAnalysis a, FindingContext context, List<Finding> out) {
        Map<Key, TopPaths> groups = new TreeMap<>();
        for (int l = 0; l < a.layerCount(); l++) {
            LayerRecords records = a.records(l);
            for (int r = 0; r < records.count(); r++) {
                long bytes = a.reclaimable(l, r);
                if (bytes > 0) {
                    Key key = new Key(l, a.hiddenBy(l, r), a.shadow(l, r));
                    groups.computeIfAbsent(key, k -> new TopPaths(Findings.MAX_PATHS)).add(records.node(r), bytes);
                }
            }
        }
        int baseLayers = a.base().map(b -> b.layers()).orElse(0);
        for (Map.Entry<Key, TopPaths> group : groups.entrySet()) {
            Key key = group.getKey();
            TopPaths top = group.getValue();
            String from = Findings.stepLabel(a, key.layer());
            String by = Findings.stepLabel(a, key.by());
            String files = top.count + (top.count == 1 ? " file" : " files") + " (" + Bytes.human(top.bytes) + ")";
            String are = top.count == 1 ? " is" : " are";
            String code;
            String message;
            switch (key.reason()) {
                case DELETED -> {
                    code = "deleted-later";
                    message = files + " added by " + from + are + " deleted by " + by
                            + ": remove them in the same RUN that creates them, or build them in another stage";
                }
                case METADATA_CHANGED -> {
                    code = "metadata-only-copy";
                    message = files + " from " + from + are + " copied again by " + by
                            + " only to change mode or owner: set them where they are created (COPY --chmod/--chown, "
                            + "or chmod/chown in the same RUN)";
                }
                case COPIED_UNCHANGED -> {
                    code = "unchanged-copy";
                    message = files + " from " + from + are + " copied again unchanged by " + by
                            + ": the second copy only adds bytes";
                }
                default -> {
                    code = "overwritten-later";
                    message = files + " from " + from + are + " replaced by " + by
                            + ": produce the final version in one step";
                }
            }
            boolean inBase = key.by() < baseLayers;
            Severity severity = inBase || top.bytes < Findings.NOTABLE_BYTES ? Severity.INFO : Severity.WARNING;
            if (inBase) {
                message += " (inside the base image)";
            }
            out.add(new Finding(code, severity, message, top.bytes, key.layer(), a.layers().get(key.layer()).step(),
                    key.by(), a.layers().get(key.by()).step(), top.paths(a.trie()), top.count));
        }
    }
}
