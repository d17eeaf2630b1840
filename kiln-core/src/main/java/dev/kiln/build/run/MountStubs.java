package dev.kiln.build.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Plans the mount points a run needs but the root filesystem lacks (say {@code /etc/resolv.conf} in
 * a busybox image, or {@code /run/secrets/token}), as shell text that creates them before the run and
 * removes them after it. The parent directory's mtime is put back when the process did not change the
 * directory itself, so a layer never shows a mount stub or a directory touched only by one.
 */
final class MountStubs {

    /** A mount target, resolved inside the root, and whether it is a file (else a directory). */
    record Target(String resolvedPath, boolean file) {
    }

    private record Stub(String path, boolean file, String firstMissing, String anchor) {
    }

    private final List<Stub> stubs;

    private MountStubs(List<Stub> stubs) {
        this.stubs = stubs;
    }

    static MountStubs plan(RootfsView view, List<Target> targets) throws IOException, SandboxException {
        List<Stub> stubs = new ArrayList<>();
        for (Target target : targets) {
            List<String> segments = ContainerPath.segments(target.resolvedPath());
            if (segments.isEmpty()) {
                continue;
            }
            for (int i = 0; i < segments.size(); i++) {
                String prefix = "/" + String.join("/", segments.subList(0, i + 1));
                Optional<Path> entry = view.entry(prefix);
                if (entry.isEmpty()) {
                    String anchor = i == 0 ? "/" : "/" + String.join("/", segments.subList(0, i));
                    stubs.add(new Stub(target.resolvedPath(), target.file(), prefix, anchor));
                    break;
                }
                boolean last = i == segments.size() - 1;
                if (!last && !Files.isDirectory(entry.get(), LinkOption.NOFOLLOW_LINKS)) {
                    throw new SandboxException(dev.kiln.KilnException.Kind.BAD_INPUT,
                            "cannot mount at " + target.resolvedPath() + ": " + prefix + " is not a directory in the image");
                }
            }
        }
        return new MountStubs(stubs);
    }

    boolean isEmpty() {
        return stubs.isEmpty();
    }

    /** Shell text (root in {@code $R}) that records parent mtimes and creates the stubs. */
    String createScript() {
        StringBuilder text = new StringBuilder();
        Set<String> anchors = anchors();
        int n = 0;
        for (String anchor : anchors) {
            text.append("m0_").append(n).append("=$(stat -c %.9Y ").append(rooted(anchor)).append(")\n");
            n++;
        }
        for (Stub stub : stubs) {
            String path = rooted(stub.path());
            if (stub.file()) {
                String parent = stub.path().substring(0, stub.path().lastIndexOf('/'));
                text.append("mkdir -p ").append(rooted(parent.isEmpty() ? "/" : parent))
                        .append(" && : > ").append(path).append(" || fail 'cannot create mount point ")
                        .append(stub.path().replace("'", "")).append("'\n");
            } else {
                text.append("mkdir -p ").append(path).append(" || fail 'cannot create mount point ")
                        .append(stub.path().replace("'", "")).append("'\n");
            }
        }
        n = 0;
        for (String anchor : anchors) {
            text.append("m1_").append(n).append("=$(stat -c %.9Y ").append(rooted(anchor)).append(")\n");
            n++;
        }
        return text.toString();
    }

    /** Shell text that removes the stubs (leaf first, then empty created parents) and restores mtimes. */
    String removeScript() {
        StringBuilder text = new StringBuilder();
        Set<String> anchors = anchors();
        int n = 0;
        for (String anchor : anchors) {
            text.append("m2_").append(n).append("=$(stat -c %.9Y ").append(rooted(anchor)).append(" 2>/dev/null)\n");
            n++;
        }
        List<Stub> reversed = new ArrayList<>(stubs);
        java.util.Collections.reverse(reversed);
        for (Stub stub : reversed) {
            if (stub.file()) {
                text.append("[ -f ").append(rooted(stub.path())).append(" ] && [ ! -s ")
                        .append(rooted(stub.path())).append(" ] && rm -f ")
                        .append(rooted(stub.path())).append("\n");
            } else {
                text.append("rmdir ").append(rooted(stub.path())).append(" 2>/dev/null\n");
            }
            String dir = stub.path();
            while (dir.length() > stub.firstMissing().length()) {
                dir = dir.substring(0, dir.lastIndexOf('/'));
                text.append("rmdir ").append(rooted(dir)).append(" 2>/dev/null\n");
            }
        }
        n = 0;
        for (String anchor : anchors) {
            text.append("[ \"$m2_").append(n).append("\" = \"$m1_").append(n).append("\" ] && touch -h -m -d \"@$m0_")
                    .append(n).append("\" ").append(rooted(anchor)).append("\n");
            n++;
        }
        return text.toString();
    }

    private Set<String> anchors() {
        Set<String> anchors = new LinkedHashSet<>();
        for (Stub stub : stubs) {
            anchors.add(stub.anchor());
        }
        return anchors;
    }

    /** The host path of a container path under the root, as a shell word. */
    static String rooted(String path) {
        return "\"$R\"" + Shell.quote(path);
    }
}
