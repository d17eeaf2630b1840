package dev.kiln.tar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Property-style: random entries (names, sizes, owners, xattrs, sparse maps) survive every compression. */
class LayerRandomRoundTripTest {

    private static final String ALPHABET = "abcxyz-_.0123456789éßø日本🙂 ";

    private static String name(Random r) {
        int parts = 1 + r.nextInt(6);
        StringBuilder b = new StringBuilder();
        for (int p = 0; p < parts; p++) {
            if (p > 0) {
                b.append('/');
            }
            int len = 1 + r.nextInt(r.nextInt(10) == 0 ? 120 : 12);
            for (int i = 0; i < len; i++) {
                b.appendCodePoint(ALPHABET.codePointAt(ALPHABET.offsetByCodePoints(0, r.nextInt(ALPHABET.codePointCount(0, ALPHABET.length())))));
            }
        }
        String s = b.toString().replace("/./", "/x/").replace("/../", "/y/");
        if (s.equals(".") || s.equals("..") || s.startsWith("./") || s.startsWith("../") || s.endsWith("/.") || s.endsWith("/..")) {
            s = "n" + s + "n";
        }
        return s;
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void randomEntriesSurviveWriteAndRead(long seed) throws Exception {
        Random r = new Random(seed);
        List<LayerEntry> entries = new ArrayList<>();
        List<byte[]> contents = new ArrayList<>();
        int count = 20 + r.nextInt(60);
        for (int i = 0; i < count; i++) {
            String path = i + "-" + name(r);
            EntryType type = EntryType.values()[r.nextInt(EntryType.values().length)];
            LayerEntry.Builder b = LayerEntry.builder(path, type).mode(r.nextInt(07777 + 1))
                    .owner(r.nextBoolean() ? r.nextInt(70000) : (long) r.nextInt(Integer.MAX_VALUE) * 4,
                            r.nextInt(70000))
                    .names(r.nextBoolean() ? "" : name(r).replace("/", ""), "g" + r.nextInt(10))
                    .mtime(Instant.ofEpochSecond(r.nextInt(Integer.MAX_VALUE)));
            if (r.nextInt(4) == 0) {
                byte[] v = new byte[r.nextInt(40)];
                r.nextBytes(v);
                b.xattr("user.x" + r.nextInt(5), v).xattr("security.capability", v);
            }
            byte[] content = new byte[0];
            switch (type) {
                case FILE -> {
                    int size = r.nextInt(5) == 0 ? r.nextInt(600_000) : r.nextInt(3000);
                    content = new byte[size];
                    if (size > 20_000 && r.nextBoolean()) {
                        int at = r.nextInt(size - 10_000);
                        for (int k = at; k < at + 5000; k++) {
                            content[k] = (byte) r.nextInt();
                        }
                        b.sparse(List.of(new SparseRegion(at, 5000)));
                    } else {
                        r.nextBytes(content);
                    }
                    b.size(size);
                }
                case SYMLINK -> b.linkTarget(r.nextBoolean() ? "/" + name(r) : name(r));
                case HARDLINK -> b.linkTarget(entries.isEmpty() ? "0" : entries.get(r.nextInt(entries.size())).path());
                case CHAR_DEVICE, BLOCK_DEVICE -> b.device(r.nextInt(4096), r.nextInt(1 << 20));
                default -> {
                }
            }
            entries.add(b.build());
            contents.add(content);
        }
        for (Compression c : Compression.values()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            LayerDigests written;
            try (LayerWriter w = LayerWriter.open(out, c, LayerWriteOptions.DEFAULT)) {
                for (int i = 0; i < entries.size(); i++) {
                    w.add(entries.get(i), new ByteArrayInputStream(contents.get(i)));
                }
                written = w.finish();
            }
            try (LayerReader reader = LayerReader.open(new ByteArrayInputStream(out.toByteArray()))) {
                for (int i = 0; i < entries.size(); i++) {
                    LayerEntry expected = entries.get(i);
                    LayerEntry read = reader.next();
                    assertThat(read).as("seed %d %s entry %d", seed, c, i).isNotNull();
                    if (expected.isSparse()) {
                        assertThat(read.isSparse()).isTrue();
                        read = read.toBuilder().sparse(expected.sparse()).build();
                    }
                    assertThat(read).as("seed %d %s entry %d", seed, c, i).isEqualTo(expected);
                    if (expected.type() == EntryType.FILE) {
                        assertThat(Arrays.equals(reader.content().readAllBytes(), contents.get(i)))
                                .as("seed %d content of %s", seed, expected.path()).isTrue();
                    }
                }
                assertThat(reader.next()).isNull();
                assertThat(reader.digests()).isEqualTo(written);
            }
        }
    }
}
