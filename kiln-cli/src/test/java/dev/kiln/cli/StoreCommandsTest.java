package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.oci.Digest;
import dev.kiln.oci.Manifest;
import dev.kiln.store.Store;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kiln gc --verify} and the read-only store commands' refusal of a store that is not there. */
class StoreCommandsTest {

    /** A registry name on loopback port 1: nothing listens, so a lookup there fails at once. */
    private static final String UNREACHABLE = "127.0.0.1:1/tool:1";

    @TempDir
    Path dir;
    private Path home;
    private KilnRun kiln;
    private Path rootfs;

    @BeforeEach
    void setUp() throws Exception {
        home = dir.resolve("home");
        kiln = new KilnRun(home).env("SOURCE_DATE_EPOCH", "1700000000");
        rootfs = Files.createDirectories(dir.resolve("rootfs/bin"));
        byte[] program = new byte[50_000];
        new Random(7).nextBytes(program);
        Files.write(rootfs.resolve("tool"), program);
    }

    private KilnRun.Result ok(String... args) {
        KilnRun.Result result = kiln.run(args);
        assertThat(result.exitCode()).as(String.join(" ", args) + "\n" + result.err()).isZero();
        return result;
    }

    @Test
    void gcVerifyDeletesADamagedLayerNamesTheImageAndExitsOne() throws Exception {
        ok("import", rootfs.getParent().toString(), "-t", "tool:1");
        ok("import", rootfs.getParent().toString(), "-t", "other:1");
        Manifest manifest = Manifest.parse(ok("inspect", "tool:1", "--raw").out().getBytes(StandardCharsets.UTF_8));
        Digest layer = manifest.layers().get(0).digest();
        Path blob = Store.open(home).blobs().path(layer);
        assertThat(ok("gc", "--verify", "--format", "json").out()).containsPattern("\"damaged\" ?: ?\\[ *\\]");
        // the same layer is in both images (same tree, same epoch): both are named
        Files.write(blob, new byte[] {1, 2, 3});

        KilnRun.Result result = kiln.run("gc", "--verify");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
        assertThat(result.out()).contains("damaged " + layer + ": its 3 bytes hash to sha256:")
                .contains("needed by docker.io/library/other:1, docker.io/library/tool:1");
        assertThat(blob).doesNotExist();
        assertThat(ok("gc", "--verify").out()).contains("verified: every blob matches its digest");
    }

    @Test
    void readOnlyCommandsRefuseAMistypedStoreAndCreateNothing() {
        Path typo = dir.resolve("typo-store");
        for (String[] args : new String[][] {
                {"images", "--store", typo.toString()},
                {"inspect", "--store", typo.toString(), "tool:1"},
                {"gc", "--store", typo.toString()},
                {"rmi", "--store", typo.toString(), "tool:1"},
                {"analyze", "--store", typo.toString(), UNREACHABLE},
                {"tag", "--store", typo.toString(), "tool:1", "tool:2"}}) {
            KilnRun.Result result = kiln.run(args);
            assertThat(result.exitCode()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(result.err()).startsWith("kiln: error: no ").contains(" at " + typo + ": ")
                    .contains("check --store and KILN_HOME").hasLineCount(1);
            assertThat(typo).doesNotExist();
        }
        KilnRun.Result viaHome = new KilnRun(typo).run("images");
        assertThat(viaHome.exitCode()).isEqualTo(2);
        assertThat(viaHome.err()).isEqualTo("kiln: error: no kiln store at " + typo
                + ": no such directory (check --store and KILN_HOME)\n");
        KilnRun.Result lookup = new KilnRun(typo).run("inspect", "tool:1");
        assertThat(lookup.err()).startsWith("kiln: error: no image tool:1 in the store at " + typo
                + ": there is no kiln store there");
        assertThat(typo).doesNotExist();
        for (String[] args : new String[][] {{"analyze", UNREACHABLE}, {"tag", "tool:1", "tool:2"}}) {
            KilnRun.Result named = new KilnRun(typo).run(args);
            assertThat(named.exitCode()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(named.err()).as(String.join(" ", args)).startsWith("kiln: error: no image " + args[1]
                    + " in the store at " + typo + ": there is no kiln store there").hasLineCount(1);
            assertThat(typo).doesNotExist();
        }
        // analyze may still find a name in its registry: it says both why the name is not here
        assertThat(new KilnRun(typo).run("analyze", UNREACHABLE).err())
                .contains(UNREACHABLE + " is not in the local store; ").contains("connection refused");
        assertThat(typo).doesNotExist();
    }

    @Test
    void tagAndAnalyzeStillUseTheDefaultStoreMadeOnFirstUse() throws Exception {
        Path fresh = dir.resolve("xdg");
        KilnRun kilnDefault = new KilnRun(home).env("KILN_HOME", "").env("XDG_DATA_HOME", fresh.toString());
        KilnRun.Result tag = kilnDefault.run("tag", "tool:1", "tool:2");
        assertThat(tag.exitCode()).as(tag.err()).isEqualTo(2);
        assertThat(tag.err()).doesNotContain("no kiln store").contains("tool:1");
        assertThat(fresh.resolve("kiln/oci-layout")).as("the default store is made on first use").exists();
    }
}
