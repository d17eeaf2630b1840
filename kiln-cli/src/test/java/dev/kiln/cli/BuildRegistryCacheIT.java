package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.testing.LocalRegistry;
import dev.kiln.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --cache-to} on one machine, {@code --cache-from} on another (two stores), through a real
 * registry: the second build runs no RUN, takes its layers from the registry and gives the same image.
 */
class BuildRegistryCacheIT {

    @TempDir
    Path tmp;

    private static int field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":(\\d+)").matcher(json);
        assertThat(m.find()).as(name + " in " + json).isTrue();
        return Integer.parseInt(m.group(1));
    }

    @Test
    void aSecondMachineReusesTheFirstMachinesStepsThroughTheRegistry() throws Exception {
        Tools.require("busybox");
        try (LocalRegistry registry = LocalRegistry.open()) {
            String cache = registry.host() + "/app:buildcache";
            BuildHarness first = new BuildHarness(Files.createDirectories(tmp.resolve("first"))).withBusybox("busybox:test");
            String layout = "oci:" + tmp.resolve("base") + ":1";
            assertThat(first.kiln("copy", "busybox:test", layout)).as(first.err()).isZero();
            Path ctx = first.context("ctx", Map.of(
                    "Dockerfile", "FROM busybox:test\nRUN echo one > /one\nCOPY f.txt /f.txt\nRUN cat /one /f.txt > /both\n",
                    "f.txt", "f\n"));

            assertThat(first.kiln("build", "-t", "app:1", "--cache-from", cache, "--cache-to", cache, ctx.toString()))
                    .as(first.err()).isZero();
            assertThat(first.err()).contains("no cache there yet").contains("steps written to");
            String digest = first.out().strip();

            BuildHarness second = new BuildHarness(Files.createDirectories(tmp.resolve("second")));
            assertThat(second.kiln("copy", layout, "busybox:test")).as(second.err()).isZero();
            assertThat(second.kiln("build", "-t", "app:1", "--cache-from", cache, "--format", "json", ctx.toString()))
                    .as(second.err()).isZero();
            assertThat(field(second.out(), "runCommands")).as("every RUN came from the registry").isZero();
            assertThat(field(second.out(), "stepsCached")).isEqualTo(3);
            assertThat(second.out()).contains("\"manifest\":\"" + digest + "\"");
            assertThat(second.kiln("run", "app:1", "cat", "/both")).as(second.err()).isZero();
            assertThat(second.out()).isEqualTo("one\nf\n");
        }
    }

    @Test
    void aBaseImageComesFromTheRegistryAndTheResultGoesBackToIt() throws Exception {
        Tools.require("busybox");
        try (LocalRegistry registry = LocalRegistry.open()) {
            BuildHarness first = new BuildHarness(Files.createDirectories(tmp.resolve("pusher"))).withBusybox("busybox:test");
            String base = registry.host() + "/base/busybox:1";
            assertThat(first.kiln("push", "busybox:test", base)).as(first.err()).isZero();

            BuildHarness fresh = new BuildHarness(Files.createDirectories(tmp.resolve("fresh")));
            Path ctx = fresh.context("ctx", Map.of("Dockerfile", "FROM " + base + "\nRUN echo from-registry > /r\n"));
            String out = registry.host() + "/app/built:1";
            assertThat(fresh.kiln("build", "--output", out, ctx.toString())).as(fresh.err()).isZero();

            BuildHarness puller = new BuildHarness(Files.createDirectories(tmp.resolve("puller")));
            assertThat(puller.kiln("run", out, "cat", "/r")).as(puller.err()).isZero();
            assertThat(puller.out()).isEqualTo("from-registry\n");
        }
    }
}
