package dev.kiln.analysis.findings;

import dev.kiln.analysis.PathTrie;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/** Keeps the largest few paths of a group while counting all of them. */
final class TopPaths {

    private final PriorityQueue<long[]> heap = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
    private final int limit;
    long bytes;
    int count;

    TopPaths(int limit) {
        this.limit = limit;
    }

    void add(int node, long size) {
        bytes += size;
        count++;
        if (heap.size() < limit) {
            heap.add(new long[] {size, node});
        } else if (size > heap.peek()[0]) {
            heap.poll();
            heap.add(new long[] {size, node});
        }
    }

    List<String> paths(PathTrie trie) {
        List<long[]> sorted = new ArrayList<>(heap);
        sorted.sort((a, b) -> a[0] != b[0] ? Long.compare(b[0], a[0]) : Long.compare(a[1], b[1]));
        List<String> result = new ArrayList<>();
        for (long[] entry : sorted) {
            result.add("/" + trie.path((int) entry[1]));
        }
        return result;
    }
}
