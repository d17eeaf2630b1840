package dev.kiln.build.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.tar.LayerEntry;
import dev.kiln.tar.SparseRegion;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostEntriesTest {

    @TempDir
    Path tmp;

    @Test
    void aBigFileOfHolesLeftByARunStepBecomesASparseEntry() throws Exception {
        // what lastlog -S does for uid 100000: one 292-byte record at uid * 292, holes before it
        Path lastlog = tmp.resolve("lastlog");
        long offset = 100_000L * 292;
        try (RandomAccessFile f = new RandomAccessFile(lastlog.toFile(), "rw")) {
            f.seek(offset);
            f.write(new byte[] {1, 2, 3, 4});
            f.setLength(offset + 292);
        }
        LayerEntry entry = HostEntries.entry("var/log/lastlog", lastlog, HostEntries.stat(lastlog), Map.of());
        assertThat(entry.size()).isEqualTo(offset + 292);
        assertThat(entry.isSparse()).isTrue();
        assertThat(entry.storedSize()).isLessThan(64 * 1024);
        assertThat(entry.sparse().get(entry.sparse().size() - 1)).isEqualTo(new SparseRegion(offset + 292, 0));
    }

    @Test
    void anOrdinaryFileIsNotSparse() throws Exception {
        Path file = Files.write(tmp.resolve("data"), new byte[2 << 20]);
        Files.write(file, "not zeros".repeat(300_000).getBytes());
        LayerEntry entry = HostEntries.entry("data", file, HostEntries.stat(file), Map.of());
        assertThat(entry.isSparse()).isFalse();
        assertThat(entry.storedSize()).isEqualTo(entry.size());
    }
}
