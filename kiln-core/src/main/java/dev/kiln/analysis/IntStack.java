package dev.kiln.analysis;

import java.util.Arrays;

/** A growable stack of ints for iterative tree walks. */
final class IntStack {
    private int[] values = new int[64];
    private int size;

    void push(int value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
    }

    int pop() {
        return values[--size];
    }

    boolean isEmpty() {
        return size == 0;
    }
}
