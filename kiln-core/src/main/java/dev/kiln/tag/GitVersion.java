package dev.kiln.tag;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The version from git: the highest release tag {@code vX.Y.Z} reachable from HEAD (pre-release tags
 * such as {@code v2.0.0-rc1} are skipped; a tag on a branch not merged into HEAD is not seen).
 */
public final class GitVersion {

    private GitVersion() {
    }

    /** Reads the version of the repository containing {@code directory}, running {@code git}. */
    public static SemVer read(Path directory) throws TagException {
        String out = git(directory, "tag", "--merged", "HEAD", "--list", "v[0-9]*");
        return highest(List.of(out.split("\n")))
                .orElseThrow(() -> TagException.badInput("no release tag vX.Y.Z is reachable from HEAD in "
                        + directory + " (tag a release with git tag v1.0.0, or pass --version)"));
    }

    /** The highest release among tag names; names that are not {@code vX.Y.Z} are ignored. */
    public static Optional<SemVer> highest(List<String> tagNames) {
        List<SemVer> releases = new ArrayList<>();
        for (String name : tagNames) {
            String n = name.trim();
            if (!n.startsWith("v")) {
                continue;
            }
            try {
                SemVer v = SemVer.parse(n);
                if (v.isRelease()) {
                    releases.add(v);
                }
            } catch (TagException e) {
                // not a version tag
            }
        }
        return releases.stream().max(SemVer::compareTo);
    }

    private static String git(Path directory, String... args) throws TagException {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.add("-C");
        command.add(directory.toString());
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(false).start();
        } catch (IOException e) {
            throw TagException.badInput("--from-git needs git on the PATH: " + e.getMessage());
        }
        try (InputStream in = process.getInputStream(); InputStream err = process.getErrorStream()) {
            process.getOutputStream().close();
            String out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String error = new String(err.readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw TagException.badInput("git did not answer in " + directory);
            }
            if (process.exitValue() != 0) {
                String first = error.isEmpty() ? "exit " + process.exitValue() : error.lines().findFirst().orElse("");
                throw TagException.badInput("git in " + directory + ": " + first);
            }
            return out;
        } catch (IOException e) {
            throw TagException.badInput("git in " + directory + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw TagException.badInput("interrupted while running git");
        }
    }
}
