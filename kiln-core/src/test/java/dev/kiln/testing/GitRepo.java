package dev.kiln.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** A real git repository the test makes and commits to (git itself, not a library). */
public final class GitRepo {

    private final Path dir;

    private GitRepo(Path dir) {
        this.dir = dir;
    }

    /** {@code git init} on branch main in {@code dir} (made if missing), with a committer set. */
    public static GitRepo init(Path dir) throws Exception {
        Tools.require("git");
        GitRepo repo = new GitRepo(Files.createDirectories(dir));
        repo.git("init", "-q", "-b", "main");
        repo.git("config", "user.email", "t@example.com");
        repo.git("config", "user.name", "t");
        return repo;
    }

    public Path dir() {
        return dir;
    }

    /** Runs git in the repository, which must succeed; its output, stripped. */
    public String git(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "git";
        System.arraycopy(args, 0, command, 1, args.length);
        return ExternalCommand.check(dir, command).out().strip();
    }
}
