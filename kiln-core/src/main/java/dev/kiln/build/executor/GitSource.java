package dev.kiln.build.executor;

import dev.kiln.KilnException;
import dev.kiln.build.context.BuildException;
import dev.kiln.tar.EntryPaths;
import dev.kiln.tar.FileTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * ADD's git sources through the host's {@code git}: {@link #resolve} asks the remote which commit the
 * ref names ({@code git ls-remote}, no download), which is what the step's cache key holds; only a
 * step that runs {@link #checkout}s that commit (shallow when the server allows), with submodules,
 * every mtime set to the commit time so the same commit always gives the same layer, and without
 * {@code .git} unless {@code --keep-git-dir}. Git never prompts; {@code git@} remotes use the
 * {@code --ssh default} agent when one is given.
 */
final class GitSource {

    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");
    private static final long TIMEOUT_MINUTES = 10;

    private final GitUrl url;
    private final Map<String, String> env;
    private final String where;

    GitSource(GitUrl url, Optional<Path> sshAgent, String where) {
        this.url = url;
        this.where = where;
        this.env = sshAgent.map(p -> Map.of("GIT_TERMINAL_PROMPT", "0", "SSH_AUTH_SOCK", p.toString()))
                .orElse(Map.of("GIT_TERMINAL_PROMPT", "0"));
    }

    /** The commit the URL's ref names on the remote now. */
    String resolve(Path scratch) throws IOException, KilnException, InterruptedException {
        String ref = url.ref().orElse("HEAD");
        if (COMMIT.matcher(ref).matches()) {
            return ref;
        }
        Files.createDirectories(scratch);
        String out = git(scratch, "ls-remote", "--", url.remote(), ref, ref + "^{}");
        String direct = null;
        String peeled = null;
        for (String line : out.split("\n")) {
            String[] parts = line.split("\t");
            if (parts.length != 2) {
                continue;
            }
            String name = parts[1];
            if (name.equals("refs/tags/" + ref + "^{}")) {
                peeled = parts[0];
            } else if (direct == null && (name.equals(ref) || name.equals("refs/heads/" + ref) || name.equals("refs/tags/" + ref))) {
                direct = parts[0];
            }
        }
        if (peeled != null) {
            return peeled;
        }
        if (direct == null) {
            throw new BuildException(where + ": ADD " + url.display() + ": the repository has no branch or tag '" + ref + "'");
        }
        return direct;
    }

    /** The checked-out tree of {@code commit} (or its subdirectory) in a new dir under {@code scratch}. */
    Checkout checkout(String commit, boolean keepGitDir, Path scratch) throws IOException, KilnException, InterruptedException {
        Files.createDirectories(scratch);
        Path parent = Files.createTempDirectory(scratch, "git-");
        try {
            Path repo = parent.resolve("repo");
            git(parent, "init", "-q", repo.toString());
            git(repo, "remote", "add", "origin", url.remote());
            String fetchRef = url.ref().orElse("HEAD");
            if (tryGit(repo, "fetch", "-q", "--depth=1", "--no-tags", "origin", fetchRef)
                    && commit.equals(git(repo, "rev-parse", "FETCH_HEAD^{commit}").strip())) {
                git(repo, "checkout", "-q", "--detach", "FETCH_HEAD");
            } else {
                // a commit the server will not serve alone, or a ref that moved since resolve: fetch it all
                git(repo, "fetch", "-q", "--tags", "origin", "+refs/heads/*:refs/remotes/origin/*");
                git(repo, "checkout", "-q", "--detach", commit);
            }
            if (Files.exists(repo.resolve(".gitmodules"))) {
                git(repo, "submodule", "update", "-q", "--init", "--recursive", "--depth=1");
            }
            String time = git(repo, "log", "-1", "--format=%ct", "HEAD").strip();
            if (!keepGitDir) {
                removeGitDirs(repo);
            }
            run(repo, List.of("find", ".", "-exec", "touch", "-h", "-d", "@" + time, "{}", "+"), false);
            Path root = repo;
            if (url.subdir().isPresent()) {
                root = subdirectory(repo, url.subdir().get());
            }
            return new Checkout(parent, root);
        } catch (IOException | KilnException | InterruptedException | RuntimeException e) {
            FileTrees.deleteRecursively(parent);
            throw e;
        }
    }

    /** A checkout: {@code root} to copy from, {@code dir} to delete afterwards. */
    record Checkout(Path dir, Path root) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            FileTrees.deleteRecursively(dir);
        }
    }

    /** The fragment's directory, which must stay inside the checkout even through the repository's symlinks. */
    private Path subdirectory(Path repo, String subdir) throws IOException, BuildException {
        String clean = EntryPaths.clean(subdir);
        Path dir = repo.resolve(clean);
        if (clean.isEmpty()) {
            return repo;
        }
        if (!Files.isDirectory(dir) || !dir.toRealPath().startsWith(repo.toRealPath())) {
            throw new BuildException(where + ": ADD " + url.display() + ": '" + subdir
                    + "' is not a directory inside the repository");
        }
        return dir.toRealPath();
    }

    private static void removeGitDirs(Path repo) throws IOException {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(repo)) {
            walk.filter(p -> p.getFileName().toString().equals(".git")).forEach(found::add);
        }
        for (Path git : found) {
            FileTrees.deleteRecursively(git);
        }
    }

    private boolean tryGit(Path dir, String... args) throws IOException, InterruptedException, KilnException {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        return run(dir, command, true) != null;
    }

    private String git(Path dir, String... args) throws IOException, InterruptedException, KilnException {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        return run(dir, command, false);
    }

    /** Runs a command; a failure is a build error with git's last line, or null when {@code quiet}. */
    private String run(Path dir, List<String> command, boolean quiet) throws IOException, InterruptedException, KilnException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().putAll(env);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new BuildException(KilnException.Kind.FAILURE, where + ": ADD " + url.display()
                    + ": needs " + command.get(0) + " on this machine (" + e.getMessage() + ")");
        }
        process.getOutputStream().close();
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> {
            try {
                return process.getErrorStream().readAllBytes();
            } catch (IOException e) {
                return new byte[0];
            }
        });
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new BuildException(KilnException.Kind.FAILURE, where + ": ADD " + url.display() + ": git timed out");
        }
        if (process.exitValue() != 0) {
            if (quiet) {
                return null;
            }
            String message = new String(err.join(), StandardCharsets.UTF_8).strip();
            String last = message.isEmpty() ? "exit code " + process.exitValue()
                    : message.substring(message.lastIndexOf('\n') + 1);
            throw new BuildException(KilnException.Kind.FAILURE, where + ": ADD " + url.display() + ": git "
                    + command.get(1) + " failed: " + last);
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
