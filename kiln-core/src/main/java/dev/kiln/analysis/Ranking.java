package dev.kiln.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.IntFunction;

/** Picks the largest entries of a per-node array without sorting all of it. */
final class Ranking {

    private Ranking() {
    }

    static <T> List<T> top(long[] values, int limit, IntFunction<T> make) {
        PriorityQueue<long[]> heap = new PriorityQueue<>((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0])
                : Long.compare(b[1], a[1]));
        for (int i = 0; i < values.length; i++) {
            if (values[i] <= 0) {
                continue;
            }
            if (heap.size() < limit) {
                heap.add(new long[] {values[i], i});
            } else if (limit > 0 && (values[i] > heap.peek()[0])) {
                heap.poll();
                heap.add(new long[] {values[i], i});
            }
        }
        List<long[]> sorted = new ArrayList<>(heap);
        sorted.sort((a, b) -> a[0] != b[0] ? Long.compare(b[0], a[0]) : Long.compare(a[1], b[1]));
        List<T> result = new ArrayList<>(sorted.size());
        for (long[] entry : sorted) {
            result.add(make.apply((int) entry[1]));
        }
        return result;
    }
}
