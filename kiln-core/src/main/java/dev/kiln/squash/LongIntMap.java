package dev.kiln.squash;

/** An open-addressing map from long keys to int values that only grow ({@link #raise}); -1 means absent. */
final class LongIntMap {

    private long[] keys = new long[1024];
    private int[] values = new int[1024];
    private int count;
    private int zeroValue = -1;

    int get(long key) {
        if (key == 0) {
            return zeroValue;
        }
        int mask = keys.length - 1;
        for (int i = slot(key, mask); keys[i] != 0; i = (i + 1) & mask) {
            if (keys[i] == key) {
                return values[i];
            }
        }
        return -1;
    }

    /** Sets the value to {@code value} unless it is already higher. */
    void raise(long key, int value) {
        if (key == 0) {
            zeroValue = Math.max(zeroValue, value);
            return;
        }
        if ((count + 1) * 4L > keys.length * 3L) {
            grow();
        }
        int mask = keys.length - 1;
        int i = slot(key, mask);
        while (keys[i] != 0) {
            if (keys[i] == key) {
                values[i] = Math.max(values[i], value);
                return;
            }
            i = (i + 1) & mask;
        }
        keys[i] = key;
        values[i] = value;
        count++;
    }

    private static int slot(long key, int mask) {
        return (int) (key ^ (key >>> 32)) & mask;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        count = 0;
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] != 0) {
                int i = slot(oldKeys[j], mask);
                while (keys[i] != 0) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[j];
                values[i] = oldValues[j];
                count++;
            }
        }
    }
}
