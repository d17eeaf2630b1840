package dev.kiln.build.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunMountsTest {

    @TempDir
    Path dir;

    private MountRequest.Cache cache(String id, MountRequest.Sharing sharing) {
        return new MountRequest.Cache(id, "/root/.cache", sharing, false, 0, 0, 0755);
    }

    private static Path source(RunMounts mounts) {
        return ((Mount.Bind) mounts.mounts().get(0)).source();
    }

    @Test
    void sharedCachesReuseOneDirectoryAcrossRuns() throws Exception {
        Path first;
        try (RunMounts a = RunMounts.prepare(List.of(cache("apt", MountRequest.Sharing.SHARED)), dir.resolve("cache"), dir)) {
            first = source(a);
            Files.writeString(first.resolve("kept"), "x");
            try (RunMounts b = RunMounts.prepare(List.of(cache("apt", MountRequest.Sharing.SHARED)), dir.resolve("cache"), dir)) {
                assertThat(source(b)).isEqualTo(first);
            }
        }
        try (RunMounts later = RunMounts.prepare(List.of(cache("apt", MountRequest.Sharing.SHARED)), dir.resolve("cache"), dir)) {
            assertThat(source(later).resolve("kept")).hasContent("x");
        }
    }

    @Test
    void privateCachesGetTheirOwnInstanceWhileTheMainOneIsInUse() throws Exception {
        try (RunMounts a = RunMounts.prepare(List.of(cache("go", MountRequest.Sharing.PRIVATE)), dir.resolve("cache"), dir);
             RunMounts b = RunMounts.prepare(List.of(cache("go", MountRequest.Sharing.PRIVATE)), dir.resolve("cache"), dir)) {
            assertThat(source(a)).isNotEqualTo(source(b));
        }
        try (RunMounts again = RunMounts.prepare(List.of(cache("go", MountRequest.Sharing.PRIVATE)), dir.resolve("cache"), dir)) {
            assertThat(source(again).getFileName().toString()).doesNotContain("-");
        }
    }

    @Test
    void lockedCachesWaitForTheHolder() throws Exception {
        RunMounts holder = RunMounts.prepare(List.of(cache("m2", MountRequest.Sharing.LOCKED)), dir.resolve("cache"), dir);
        CompletableFuture<Path> waiter = CompletableFuture.supplyAsync(() -> {
            try (RunMounts second = RunMounts.prepare(List.of(cache("m2", MountRequest.Sharing.LOCKED)), dir.resolve("cache"), dir)) {
                return source(second);
            } catch (SandboxException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(300);
        assertThat(waiter).isNotDone();
        holder.close();
        assertThat(waiter.get(10, TimeUnit.SECONDS)).isEqualTo(source(holder));
    }

    @Test
    void readWriteBindsGetAThrowawayCopyAndSecretsMustExist() throws Exception {
        Path context = Files.createDirectories(dir.resolve("ctx"));
        Files.writeString(context.resolve("f"), "orig");
        try (RunMounts mounts = RunMounts.prepare(List.of(new MountRequest.Bind(context, "/src", true)), dir.resolve("cache"), dir.resolve("tmp"))) {
            Path copy = source(mounts);
            assertThat(copy).isNotEqualTo(context);
            Files.writeString(copy.resolve("f"), "changed");
            assertThat(context.resolve("f")).hasContent("orig");
        }
        assertThatThrownBy(() -> RunMounts.prepare(List.of(new MountRequest.Secret("tok", dir.resolve("missing"), null)),
                dir.resolve("cache"), dir)).isInstanceOf(SandboxException.class).hasMessageContaining("secret 'tok'");
        assertThat(new MountRequest.Secret("tok", dir, null).target()).isEqualTo("/run/secrets/tok");
    }

    @Test
    void aSecretIsAPrivateCopyWithTheRequestedOwnerAndModeGoneAfterTheStep() throws Exception {
        Path host = dir.resolve("token");
        Files.writeString(host, "s3cr3t");
        Files.setPosixFilePermissions(host, java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw-rw-"));
        Path copy;
        try (RunMounts mounts = RunMounts.prepare(List.of(new MountRequest.Secret("tok", host, null, 1000, 1001, 0440)),
                dir.resolve("cache"), dir.resolve("tmp"))) {
            Mount.Bind bind = (Mount.Bind) mounts.mounts().get(0);
            copy = bind.source();
            assertThat(copy).isNotEqualTo(host).hasContent("s3cr3t");
            assertThat(bind.readOnly()).isTrue();
            assertThat(bind.target()).isEqualTo("/run/secrets/tok");
            assertThat((Integer) Files.getAttribute(copy, "unix:mode") & 07777).isEqualTo(0440);
            assertThat(Files.getAttribute(copy, "unix:uid")).isEqualTo(1000);
            assertThat(Files.getAttribute(copy, "unix:gid")).isEqualTo(1001);
            assertThat((Integer) Files.getAttribute(copy.getParent(), "unix:mode") & 0777).isEqualTo(0700);
        }
        assertThat(copy).doesNotExist();
        assertThat(copy.getParent()).doesNotExist();
        assertThat((Integer) Files.getAttribute(host, "unix:mode") & 0777).as("the host file is left alone").isEqualTo(0666);
    }

    @Test
    void aSecretDefaultsToBuildKitsRootOwnedMode0400() throws Exception {
        Path host = dir.resolve("token");
        Files.writeString(host, "x");
        MountRequest.Secret secret = new MountRequest.Secret("tok", host, "/etc/tok");
        assertThat(List.of(secret.uid(), secret.gid(), secret.mode())).containsExactly(0, 0, 0400);
        try (RunMounts mounts = RunMounts.prepare(List.of(secret), dir.resolve("cache"), dir.resolve("tmp"))) {
            Path copy = source(mounts);
            assertThat((Integer) Files.getAttribute(copy, "unix:mode") & 07777).isEqualTo(0400);
            assertThat(Files.getAttribute(copy, "unix:uid")).isEqualTo(0);
        }
    }
}
