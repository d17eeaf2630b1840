package dev.kiln.build.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CacheKeyTest {

    private final CacheKey base = CacheKey.ofBase("sha256:abc");

    @Test
    void theSameStepOnTheSameParentGivesTheSameKeyWhateverTheInputOrder() {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("env.A", "1");
        a.put("env.B", "2");
        Map<String, String> b = new LinkedHashMap<>();
        b.put("env.B", "2");
        b.put("env.A", "1");
        assertThat(base.next("RUN", "make", a)).isEqualTo(base.next("RUN", "make", b));
    }

    @Test
    void anyChangeOfParentKindTextOrInputChangesTheKey() {
        CacheKey key = base.next("RUN", "make", Map.of("env.A", "1"));
        assertThat(CacheKey.ofBase("sha256:abd").next("RUN", "make", Map.of("env.A", "1"))).isNotEqualTo(key);
        assertThat(base.next("COPY", "make", Map.of("env.A", "1"))).isNotEqualTo(key);
        assertThat(base.next("RUN", "make all", Map.of("env.A", "1"))).isNotEqualTo(key);
        assertThat(base.next("RUN", "make", Map.of("env.A", "2"))).isNotEqualTo(key);
        assertThat(base.next("RUN", "make", Map.of())).isNotEqualTo(key);
    }

    @Test
    void fieldsAreDelimitedSoShiftedTextDoesNotCollide() {
        assertThat(base.next("RUN", "ab", Map.of("c", "d"))).isNotEqualTo(base.next("RUN", "a", Map.of("bc", "d")));
        assertThat(base.next("RUN", "x", Map.of("k", "v1"))).isNotEqualTo(base.next("RUN", "x", Map.of("kv", "1")));
    }
}
