package dev.kiln.tar;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class XattrScanTest {

    @Test
    void getfattrDumpsAreParsedWithEscapedNamesAndHexValues() {
        String dump = """
                # file: /r/usr/bin/ping
                security.capability=0x0100000200200000000000000000000000000000

                # file: /r/odd\\012name\\303\\251
                user.note=0x01ff

                # file: /elsewhere/x
                user.a=0x00

                """;
        Map<String, Map<String, byte[]>> parsed = XattrScan.parse(dump, "/r");
        assertThat(parsed).containsOnlyKeys("usr/bin/ping", "odd\nnameé");
        assertThat(parsed.get("usr/bin/ping").get("security.capability"))
                .startsWith(1, 0, 0, 2, 0, 0x20).hasSize(20);
        assertThat(parsed.get("odd\nnameé").get("user.note")).containsExactly(1, 0xff);
    }
}
