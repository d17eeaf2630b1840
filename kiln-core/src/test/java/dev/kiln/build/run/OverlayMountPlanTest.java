package dev.kiln.build.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OverlayMountPlanTest {

    @TempDir
    Path tmp;

    private List<Path> storeLayers(int count) {
        List<Path> lowers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            lowers.add(tmp.resolve("home/layers/sha256/" + String.format("%064x", i)));
        }
        return lowers;
    }

    private Rootfs.Overlay overlay(List<Path> lowers) {
        Path ws = tmp.resolve("ws");
        return new Rootfs.Overlay(lowers, ws.resolve("upper"), ws.resolve("work"), ws.resolve("merged"));
    }

    @Test
    void aHundredAndTwentyStoreLayersFitInOnePageAsShortRelativeNames() throws Exception {
        OverlayMountPlan plan = new OverlayMountPlan(overlay(storeLayers(120)));
        String options = plan.options();
        assertThat(options.length()).isLessThan(OverlayMountPlan.MAX_MOUNT_OPTIONS);
        assertThat(options).startsWith("lowerdir=0:1:2:").contains(":118:119,upperdir=")
                .doesNotContain("layers/sha256");
    }

    @Test
    void prepareLinksEachShortNameToItsLowerDirTopFirstAndReplacesOldLinks() throws Exception {
        List<Path> lowers = storeLayers(12);
        OverlayMountPlan plan = new OverlayMountPlan(overlay(lowers));
        plan.prepare();
        plan.prepare();
        for (int i = 0; i < lowers.size(); i++) {
            assertThat(Files.readSymbolicLink(plan.linkDir().resolve(Integer.toString(i)))).isEqualTo(lowers.get(i));
        }
        try (var list = Files.list(plan.linkDir())) {
            assertThat(list.count()).isEqualTo(12);
        }
        assertThat(tmp.resolve("ws/upper")).isDirectory();
        assertThat(tmp.resolve("ws/work")).isDirectory();
    }

    @Test
    void scratchMountsAnEmptyLowerDir() throws Exception {
        OverlayMountPlan plan = new OverlayMountPlan(overlay(List.of()));
        plan.prepare();
        Path empty = Files.readSymbolicLink(plan.linkDir().resolve("0"));
        assertThat(empty).isEmptyDirectory();
        assertThat(plan.options()).startsWith("lowerdir=0,");
    }

    @Test
    void moreLayersThanOverlayStacksIsAClearFailure() {
        OverlayMountPlan plan = new OverlayMountPlan(overlay(storeLayers(501)));
        assertThatThrownBy(plan::options).isInstanceOf(SandboxException.class)
                .hasMessageContaining("501 layers").hasMessageContaining("at most 500");
    }

    @Test
    void upperAndWorkDirsAreEscapedForOverlay() throws Exception {
        Path ws = tmp.resolve("a,b:c");
        OverlayMountPlan plan = new OverlayMountPlan(
                new Rootfs.Overlay(storeLayers(1), ws.resolve("upper"), ws.resolve("work"), ws.resolve("merged")));
        assertThat(plan.options()).contains("upperdir=" + tmp + "/a\\,b\\:c/upper,");
    }
}
