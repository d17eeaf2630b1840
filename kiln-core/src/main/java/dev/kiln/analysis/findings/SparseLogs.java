package dev.kiln.analysis.findings;

import dev.kiln.analysis.ImageAnalysis;
import dev.kiln.analysis.LayerRecords;
import java.util.List;

/**
 * {@code useradd} without {@code -l} (Docker's {@code --no-log-init}) records the new user in
 * {@code /var/log/lastlog} and {@code faillog} at an offset proportional to the uid: a large uid makes
 * a huge sparse file, which layer tars usually store as real zeros.
 */
final class SparseLogs implements Detector {

    static final List<String> LOGS = List.of("var/log/lastlog", "var/log/faillog", "var/log/tallylog");
    static final long LARGE = 1_000_000;

    @Override
    public void detect(ImageAnalysis a, FindingContext context, List<Finding> out) {
        for (String log : LOGS) {
            int node = a.trie().find(log);
            if (node < 0) {
                continue;
            }
            long stored = 0;
            long largest = 0;
            int layer = -1;
            boolean sparse = false;
            for (int l = 0; l < a.layerCount(); l++) {
                LayerRecords records = a.records(l);
                for (int r = 0; r < records.count(); r++) {
                    if (records.node(r) == node && records.isFile(r) && records.size(r) >= LARGE) {
                        stored += records.storedSize(r);
                        if (records.size(r) > largest) {
                            largest = records.size(r);
                            layer = l;
                            sparse = records.isSparse(r);
                        }
                    }
                }
            }
            if (layer < 0) {
                continue;
            }
            String what = "/" + log + " is " + Bytes.human(largest)
                    + (sparse ? " (a sparse file; extracting it may fill the disk)" : " of mostly zeros");
            String message = what + ", written by " + Findings.stepLabel(a, layer)
                    + ": useradd without -l (--no-log-init) sizes it by the largest uid; add -l";
            out.add(new Finding("sparse-log", Severity.WARNING, message, stored, layer, a.layers().get(layer).step(), -1,
                    "", List.of("/" + log), 1));
        }
    }
}
