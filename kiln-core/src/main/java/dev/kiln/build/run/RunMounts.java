package dev.kiln.build.run;

import dev.kiln.KilnException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Resolves a step's {@code RUN --mount} requests to sandbox {@link Mount}s and holds what they need
 * while the step runs: cache directories under {@code cacheRoot} (one per id, {@code $KILN_HOME/cache}),
 * locked per BuildKit's sharing mode with file locks (so concurrent kiln processes agree), and a
 * throwaway copy for read-write binds. Close it after the run to release locks and copies.
 *
 * <p>Sharing: {@code shared} takes no lock (many writers at once, as in BuildKit); {@code locked}
 * waits for an exclusive lock against other {@code locked} users; {@code private} takes the main directory when free and otherwise a numbered
 * private instance, so parallel steps never see each other's writes.
 */
public final class RunMounts implements AutoCloseable {

    private final List<Mount> mounts = new ArrayList<>();
    private final List<AutoCloseable> held = new ArrayList<>();

    private RunMounts() {
    }

    public static RunMounts prepare(List<MountRequest> requests, Path cacheRoot, Path scratch) throws SandboxException {
        RunMounts result = new RunMounts();
        try {
            for (MountRequest request : requests) {
                result.mounts.add(result.resolve(request, cacheRoot, scratch));
            }
            return result;
        } catch (IOException e) {
            result.close();
            throw new SandboxException(KilnException.Kind.FAILURE, "cannot prepare RUN mounts: " + e.getMessage(), e);
        } catch (SandboxException | RuntimeException e) {
            result.close();
            throw e;
        }
    }

    public List<Mount> mounts() {
        return List.copyOf(mounts);
    }

    private Mount resolve(MountRequest request, Path cacheRoot, Path scratch) throws IOException, SandboxException {
        if (request instanceof MountRequest.Tmpfs tmpfs) {
            return new Mount.Tmpfs(tmpfs.target(), tmpfs.sizeBytes());
        }
        if (request instanceof MountRequest.Secret secret) {
            if (!Files.isRegularFile(secret.source())) {
                throw new SandboxException(KilnException.Kind.BAD_INPUT,
                        "secret '" + secret.id() + "': " + secret.source() + " is not a readable file");
            }
            return new Mount.Bind(secretCopy(secret, scratch), secret.target(), true);
        }
        if (request instanceof MountRequest.Ssh ssh) {
            if (!isSocket(ssh.agent())) {
                throw new SandboxException(KilnException.Kind.BAD_INPUT,
                        "ssh '" + ssh.id() + "': " + ssh.agent() + " is not an agent socket");
            }
            SshAgentForward forward = SshAgentForward.start(ssh.agent(), ssh.uid(), ssh.gid(), ssh.mode());
            held.add(forward);
            return new Mount.Bind(forward.socket(), ssh.target(), true);
        }
        if (request instanceof MountRequest.Bind bind) {
            if (!Files.exists(bind.source())) {
                throw new SandboxException(KilnException.Kind.BAD_INPUT, "bind mount source " + bind.source() + " does not exist");
            }
            if (!bind.readWrite()) {
                return new Mount.Bind(bind.source().toAbsolutePath(), bind.target(), true);
            }
            Path copy = Files.createTempDirectory(Files.createDirectories(scratch), "bind-");
            held.add(() -> deleteTree(copy));
            Path target = copy.resolve("data");
            copyTree(bind.source(), target);
            return new Mount.Bind(target, bind.target(), false);
        }
        MountRequest.Cache cache = (MountRequest.Cache) request;
        return new Mount.Bind(cacheDir(cache, cacheRoot), cache.target(), cache.readOnly());
    }

    /**
     * The secret as its own file with the requested owner and mode, in a 0700 directory only root can
     * enter, so the host file's owner and mode never leak in and the copy is gone when the step ends.
     */
    private Path secretCopy(MountRequest.Secret secret, Path scratch) throws IOException {
        Path dir = Files.createTempDirectory(Files.createDirectories(scratch), "secret-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        held.add(() -> deleteTree(dir));
        Path copy = dir.resolve("secret");
        Files.createFile(copy, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (var in = Files.newInputStream(secret.source()); var out = Files.newOutputStream(copy)) {
            in.transferTo(out);
        }
        Files.setAttribute(copy, "unix:uid", secret.uid());
        Files.setAttribute(copy, "unix:gid", secret.gid());
        // after chown, which clears set-id bits; setPosixFilePermissions cannot say setuid/setgid/sticky
        Files.setAttribute(copy, "unix:mode", secret.mode());
        return copy.toAbsolutePath();
    }

    private Path cacheDir(MountRequest.Cache cache, Path cacheRoot) throws IOException {
        Files.createDirectories(cacheRoot);
        String key = cacheKey(cache.id());
        if (cache.sharing() != MountRequest.Sharing.PRIVATE) {
            Path dir = cacheRoot.resolve(key);
            if (cache.sharing() == MountRequest.Sharing.LOCKED) {
                held.add(lock(cacheRoot.resolve(key + ".lock"), false, true));
            }
            return create(dir, cache);
        }
        for (int instance = 0; ; instance++) {
            String name = instance == 0 ? key : key + "-" + instance;
            AutoCloseable lock = lock(cacheRoot.resolve(name + ".lock"), false, false);
            if (lock != null) {
                held.add(lock);
                return create(cacheRoot.resolve(name), cache);
            }
        }
    }

    private static boolean isSocket(Path path) throws IOException {
        if (!Files.exists(path)) {
            return false;
        }
        int mode = (Integer) Files.getAttribute(path, "unix:mode");
        return (mode & 0170000) == 0140000;
    }

    /** Cache ids are free text (often a path); the directory name is a hash of the id. */
    static String cacheKey(String id) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(id.getBytes(StandardCharsets.UTF_8))).substring(0, 32);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static Path create(Path dir, MountRequest.Cache cache) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            Path temp = Files.createTempDirectory(dir.getParent(), ".new-");
            Files.setPosixFilePermissions(temp, permissions(cache.mode()));
            Files.setAttribute(temp, "unix:uid", cache.uid());
            Files.setAttribute(temp, "unix:gid", cache.gid());
            try {
                Files.move(temp, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException raced) {
                Files.deleteIfExists(temp);
            }
        }
        return dir;
    }

    /** A file lock, or null when {@code wait} is false and someone (this JVM included) holds it. */
    private static AutoCloseable lock(Path file, boolean shared, boolean wait) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            FileLock lock;
            if (wait) {
                lock = acquireWaiting(channel, shared);
            } else {
                try {
                    lock = channel.tryLock(0, Long.MAX_VALUE, shared);
                } catch (OverlappingFileLockException sameJvm) {
                    lock = null;
                }
            }
            if (lock == null) {
                channel.close();
                return null;
            }
            FileLock acquired = lock;
            return () -> {
                acquired.release();
                channel.close();
            };
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Blocks for the lock; a holder in this JVM (a parallel stage) shows as an overlap, so poll. */
    private static FileLock acquireWaiting(FileChannel channel, boolean shared) throws IOException {
        while (true) {
            try {
                return channel.lock(0, Long.MAX_VALUE, shared);
            } catch (OverlappingFileLockException sameJvm) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted while waiting for a cache mount lock");
                }
            }
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = PosixFilePermission.values();
        for (int bit = 0; bit < 9; bit++) {
            if ((mode & (1 << (8 - bit))) != 0) {
                set.add(order[bit]);
            }
        }
        return set;
    }

    private static void copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path path : (Iterable<Path>) walk::iterator) {
                Path to = target.resolve(source.relativize(path).toString());
                Files.copy(path, to, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        }
    }

    @Override
    public void close() {
        for (AutoCloseable resource : held) {
            try {
                resource.close();
            } catch (Exception e) {
                // releasing is best effort: a lock dies with its channel, a temp copy with /tmp
            }
        }
        held.clear();
    }
}
