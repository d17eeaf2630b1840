package dev.kiln.build.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuntimeConfigTest {

    private static JsonNode config(RunSpec spec, List<ResolvedMount> mounts) throws Exception {
        return new ObjectMapper().readTree(RuntimeConfig.json(spec, spec.workdir(), mounts));
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.isTextual() ? node.asText() : node.toString()));
        return values;
    }

    @Test
    void rootGetsDockersDefaultCapabilitiesAndOtherUsersNone() throws Exception {
        RunSpec spec = RunSpec.of(new Rootfs.Directory(Path.of("/r")), List.of("true"), List.of("A=1"));
        JsonNode root = config(spec, List.of());
        assertThat(texts(root.at("/process/capabilities/effective"))).contains("CAP_CHOWN", "CAP_SETUID")
                .doesNotContain("CAP_SYS_ADMIN", "CAP_NET_ADMIN").hasSize(14);
        assertThat(root.at("/process/noNewPrivileges").asBoolean()).isFalse();

        JsonNode user = config(spec.withUser(new ProcessUser(1000, 1000, List.of(27))), List.of());
        assertThat(user.at("/process/capabilities/effective")).isEmpty();
        assertThat(user.at("/process/capabilities/bounding")).hasSize(14);
        assertThat(user.at("/process/user/additionalGids").toString()).isEqualTo("[27]");
    }

    @Test
    void networkNoneAddsANetworkNamespaceAndHostDoesNot() throws Exception {
        RunSpec spec = RunSpec.of(new Rootfs.Directory(Path.of("/r")), List.of("true"), List.of());
        assertThat(config(spec, List.of()).at("/linux/namespaces").toString())
                .contains("pid", "ipc", "uts", "mount").doesNotContain("network");
        assertThat(config(spec.withNetwork(Network.NONE), List.of()).at("/linux/namespaces").toString()).contains("network");
    }

    @Test
    void mountsIncludeProcDevAndReadOnlyBinds() throws Exception {
        RunSpec spec = RunSpec.of(new Rootfs.Directory(Path.of("/r")), List.of("true"), List.of()).withWorkdir("/app");
        List<ResolvedMount> mounts = List.of(
                new ResolvedMount(ResolvedMount.Kind.HOST_FILE, Path.of("/etc/resolv.conf"), "/etc/resolv.conf", true, true, 0),
                new ResolvedMount(ResolvedMount.Kind.USER, null, "/scratch", false, false, 1024));
        JsonNode root = config(spec, mounts);
        String text = root.at("/mounts").toString();
        assertThat(text).contains("\"/proc\"", "\"/dev\"", "\"/dev/pts\"", "\"/dev/shm\"", "\"/sys\"");
        assertThat(text).contains("{\"destination\":\"/etc/resolv.conf\",\"type\":\"bind\",\"source\":\"/etc/resolv.conf\","
                + "\"options\":[\"rbind\",\"ro\",\"nosuid\",\"nodev\"]}");
        assertThat(text).contains("size=1024");
        assertThat(root.at("/process/cwd").asText()).isEqualTo("/app");
        assertThat(root.at("/root/path").asText()).isEqualTo("/r");
    }
}
