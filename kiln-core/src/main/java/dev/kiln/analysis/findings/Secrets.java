package dev.kiln.analysis.findings;

import dev.kiln.analysis.ImageAnalysis;
import dev.kiln.analysis.LayerRecords;
import dev.kiln.analysis.SecretHit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Files that likely hold secrets, in any layer: a secret deleted by a later layer is still in the
 * earlier layer's blob, and anyone who pulls the image can read it.
 */
final class Secrets implements Detector {

    @Override
    public void detect(ImageAnalysis a, FindingContext context, List<Finding> out) {
        for (int l = 0; l < a.layerCount(); l++) {
            LayerRecords records = a.records(l);
            Map<String, TopPaths> byKind = new TreeMap<>();
            Map<String, Integer> deleted = new TreeMap<>();
            for (SecretHit hit : a.scan(l).secrets()) {
                byKind.computeIfAbsent(hit.kind(), k -> new TopPaths(Findings.MAX_PATHS))
                        .add(records.node(hit.record()), records.storedSize(hit.record()));
                if (a.hiddenBy(l, hit.record()) >= 0) {
                    deleted.merge(hit.kind(), 1, Integer::sum);
                }
            }
            for (Map.Entry<String, TopPaths> kind : byKind.entrySet()) {
                TopPaths top = kind.getValue();
                int gone = deleted.getOrDefault(kind.getKey(), 0);
                String message = (top.count == 1 ? "likely secret (" + kind.getKey() + ")"
                        : top.count + " likely secrets (" + kind.getKey() + ")") + " in " + Findings.stepLabel(a, l)
                        + ": anyone who can pull the image can read "
                        + (top.count == 1 ? "it" : "them")
                        + (gone > 0 ? "; deleting " + (top.count == 1 ? "it" : gone + " of them")
                                + " in a later layer does not remove it from this layer" : "")
                        + "; use a secret mount (RUN --mount=type=secret) or keep it out of the build context";
                out.add(new Finding("secret", Severity.ERROR, message, top.bytes, l, a.layers().get(l).step(), -1, "",
                        top.paths(a.trie()), top.count));
            }
            if (!a.scan(l).unsafePaths().isEmpty()) {
                List<String> unsafe = a.scan(l).unsafePaths();
                out.add(new Finding("unsafe-path", Severity.WARNING, unsafe.size() + " entries of "
                        + Findings.stepLabel(a, l) + " point outside the root and were skipped", 0, l,
                        a.layers().get(l).step(), -1, "", unsafe.subList(0, Math.min(unsafe.size(), Findings.MAX_PATHS)),
                        unsafe.size()));
            }
        }
    }
}
