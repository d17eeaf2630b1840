package dev.kiln.analysis.findings;

import dev.kiln.analysis.ImageAnalysis;
import dev.kiln.analysis.LayerRecords;
import dev.kiln.tar.EntryType;
import java.util.List;

/** setuid/setgid files and world-writable entries of the final filesystem, grouped by the layer that made them. */
final class Permissions implements Detector {

    @Override
    public void detect(ImageAnalysis a, FindingContext context, List<Finding> out) {
        TopPaths[] setuid = new TopPaths[a.layerCount()];
        TopPaths[] writable = new TopPaths[a.layerCount()];
        for (int node = 1; node < a.trie().size(); node++) {
            int record = a.finalRecord(node);
            if (record < 0) {
                continue;
            }
            int layer = a.finalLayer(node);
            LayerRecords records = a.records(layer);
            int mode = records.mode(record);
            EntryType type = records.type(record);
            if (type == EntryType.FILE && (mode & 06000) != 0) {
                group(setuid, layer).add(node, records.size(record));
            }
            boolean stickyDirectory = type == EntryType.DIRECTORY && (mode & 01000) != 0;
            if ((mode & 0002) != 0 && type != EntryType.SYMLINK && !stickyDirectory) {
                group(writable, layer).add(node, records.size(record));
            }
        }
        int baseLayers = a.base().map(b -> b.layers()).orElse(0);
        for (int l = 0; l < a.layerCount(); l++) {
            Severity severity = l < baseLayers ? Severity.INFO : Severity.WARNING;
            if (setuid[l] != null) {
                out.add(new Finding("setuid", severity, setuid[l].count + " setuid/setgid "
                        + (setuid[l].count == 1 ? "file" : "files") + " from " + Findings.stepLabel(a, l)
                        + ": remove the bits (chmod u-s,g-s) unless the program needs them", 0, l,
                        a.layers().get(l).step(), -1, "", setuid[l].paths(a.trie()), setuid[l].count));
            }
            if (writable[l] != null) {
                out.add(new Finding("world-writable", severity, writable[l].count + " world-writable "
                        + (writable[l].count == 1 ? "entry" : "entries") + " from " + Findings.stepLabel(a, l)
                        + ": any user in the container can change them (chmod o-w)", 0, l, a.layers().get(l).step(), -1,
                        "", writable[l].paths(a.trie()), writable[l].count));
            }
        }
    }

    private static TopPaths group(TopPaths[] groups, int layer) {
        if (groups[layer] == null) {
            groups[layer] = new TopPaths(Findings.MAX_PATHS);
        }
        return groups[layer];
    }
}
