package dev.kiln.build.executor;

import dev.kiln.KilnException;
import dev.kiln.build.context.BuildException;
import dev.kiln.build.context.DockerIgnore;
import dev.kiln.build.run.RootfsView;
import dev.kiln.tar.EntryPaths;
import dev.kiln.tar.EntryType;
import dev.kiln.tar.LayerEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Best practices applied to the finished target stage as extra, cached steps: {@code --label}s,
 * {@code --init} (a static tini at {@code /usr/bin/tini} in front of the ENTRYPOINT, so signals reach
 * the app and zombies are reaped) and {@code --non-root} (a passwd entry when needed, USER set, the
 * WORKDIR and VOLUME paths group 0 with group permissions equal to the owner's, so any uid in group 0
 * can write them, as OpenShift runs images).
 */
public final class FinishingSteps {

    static final String TINI_PATH = "/usr/bin/tini";

    private final StageExecutor executor;

    public FinishingSteps(StageExecutor executor) {
        this.executor = executor;
    }

    public StageResult labels(StageResult result, Map<String, String> labels) {
        if (labels.isEmpty()) {
            return result;
        }
        StageState state = new StageState(result);
        Map<String, String> merged = new TreeMap<>(state.config().labels() == null ? Map.of() : state.config().labels());
        merged.putAll(labels);
        state.edit(c -> c.toBuilder().labels(merged).build());
        StringBuilder text = new StringBuilder("LABEL");
        new TreeMap<>(labels).forEach((k, v) -> text.append(' ').append(k).append('=').append(v));
        state.configStep(text.toString());
        return finish(state, result);
    }

    public StageResult init(StageResult result, Path tini) throws IOException, KilnException, InterruptedException {
        if (!Files.isRegularFile(tini)) {
            throw new BuildException("--init: " + tini + " is not a file (install tini-static or pass --init-binary)");
        }
        StageState state = new StageState(result);
        String digest = UrlSource.sha256(tini);
        BuildServices services = executor.services();
        executor.layerStep(state, "INIT", "COPY tini " + TINI_PATH + " # kiln --init", Map.of("tini", digest),
                "--init: tini at " + TINI_PATH, () -> Optional.of(services.output().write(writer -> {
                    Instant now = services.now();
                    for (String dir : List.of("usr", "usr/bin")) {
                        if (!hasDir(state, dir)) {
                            writer.add(LayerEntry.builder(dir, EntryType.DIRECTORY).mode(0755).mtime(now).build());
                        }
                    }
                    try (var in = Files.newInputStream(tini)) {
                        writer.add(LayerEntry.builder(TINI_PATH.substring(1), EntryType.FILE).mode(0755)
                                .size(Files.size(tini)).mtime(now).build(), in);
                    }
                })));
        List<String> entrypoint = new ArrayList<>(List.of(TINI_PATH, "--"));
        List<String> old = state.config().entrypoint();
        if (old != null && !old.isEmpty() && !old.get(0).equals(TINI_PATH)) {
            entrypoint.addAll(old);
        } else if (old != null && !old.isEmpty()) {
            entrypoint = new ArrayList<>(old);
        }
        List<String> finalEntrypoint = entrypoint;
        state.edit(c -> c.toBuilder().entrypoint(finalEntrypoint).build());
        state.configStep("ENTRYPOINT " + StageExecutor.jsonList(finalEntrypoint));
        return finish(state, result);
    }

    private boolean hasDir(StageState state, String dir) throws IOException, KilnException {
        if (state.draft.layers().isEmpty()) {
            return false;
        }
        RootfsView view = RootfsView.ofLayers(toResult(state).lowerDirs(executor.services().lowers()));
        Optional<Path> found = view.find("/" + dir, true);
        return found.isPresent() && Files.isDirectory(found.get());
    }

    public StageResult nonRoot(StageResult result, int uid) throws IOException, KilnException, InterruptedException {
        StageState state = new StageState(result);
        BuildServices services = executor.services();
        List<String> writable = new ArrayList<>();
        writable.add(state.workdir());
        if (state.config().volumes() != null) {
            writable.addAll(state.config().volumes());
        }
        LinkedHashSet<String> dirs = new LinkedHashSet<>();
        for (String dir : writable) {
            String clean = EntryPaths.clean(dir);
            if (!clean.isEmpty()) {
                dirs.add(clean);
            }
        }
        executor.layerStep(state, "NON-ROOT", "RUN kiln --non-root=" + uid + " # kiln", Map.of("dirs", String.join(":", dirs)),
                "--non-root: uid " + uid + ", group 0 may write " + String.join(", ", dirs.stream().map(d -> "/" + d).toList()),
                () -> Optional.of(services.output().write(writer -> {
                    for (CopyItem item : nonRootEntries(state, uid, new ArrayList<>(dirs))) {
                        if (item.content() != null) {
                            try (var in = Files.newInputStream(item.content())) {
                                writer.add(item.entry(), in);
                            }
                        } else {
                            writer.add(item.entry());
                        }
                    }
                })));
        state.edit(c -> c.toBuilder().user(Integer.toString(uid)).build());
        state.configStep("USER " + uid);
        return finish(state, result);
    }

    private List<CopyItem> nonRootEntries(StageState state, int uid, List<String> dirs)
            throws IOException, KilnException {
        BuildServices services = executor.services();
        Instant now = services.now();
        List<Path> lowers = state.draft.layers().isEmpty() ? List.of() : toResult(state).lowerDirs(services.lowers());
        StageTree tree = new StageTree("final image", lowers);
        RootfsView view = tree.view();
        TreeMap<String, CopyItem> items = new TreeMap<>(CopyPlanner::compareLayerOrder);
        Path scratch = Files.createDirectories(services.scratch());
        // passwd: an entry for the uid (group 0) unless the image has one
        Optional<String> passwd = view.readString("/etc/passwd");
        boolean known = passwd.orElse("").lines().map(l -> l.split(":", -1))
                .anyMatch(f -> f.length > 2 && f[2].equals(Integer.toString(uid)));
        if (!known) {
            String text = passwd.orElse("root:x:0:0:root:/root:/bin/sh\n");
            if (!text.isEmpty() && !text.endsWith("\n")) {
                text += "\n";
            }
            text += "kiln:x:" + uid + ":0:kiln non-root user:" + "/" + dirs.get(0) + ":/sbin/nologin\n";
            Path file = Files.createTempFile(scratch, "passwd-", "");
            Files.writeString(file, text, StandardCharsets.UTF_8);
            String etc = EntryPaths.clean(view.resolve("/etc"));
            if (view.entry("/" + etc).isEmpty()) {
                items.put(etc, new CopyItem(LayerEntry.builder(etc, EntryType.DIRECTORY).mode(0755).mtime(now).build(), null));
            }
            String path = etc + "/passwd";
            items.put(path, new CopyItem(LayerEntry.builder(path, EntryType.FILE).mode(0644).size(Files.size(file))
                    .mtime(now).build(), file));
        }
        for (String dir : dirs) {
            String resolved = EntryPaths.clean(view.resolve("/" + dir));
            Optional<Path> existing = view.entry("/" + resolved);
            if (existing.isEmpty() || !Files.isDirectory(existing.get(), LinkOption.NOFOLLOW_LINKS)) {
                String prefix = "";
                for (String segment : resolved.split("/")) {
                    prefix = prefix.isEmpty() ? segment : prefix + "/" + segment;
                    if (view.entry("/" + prefix).isEmpty() && !items.containsKey(prefix)) {
                        boolean last = prefix.equals(resolved);
                        items.put(prefix, new CopyItem(LayerEntry.builder(prefix, EntryType.DIRECTORY)
                                .mode(last ? 0775 : 0755).owner(last ? uid : 0, 0).mtime(now).build(), null));
                    }
                }
                continue;
            }
            items.put(resolved, new CopyItem(groupWritable(entryOf(existing.get(), resolved)), null));
            CopyRequest request = new CopyRequest(tree, List.of(resolved), "/" + resolved + "/", Optional.empty(),
                    Optional.empty(), false, DockerIgnore.NONE, null, now, "--non-root");
            for (CopyItem item : CopyPlanner.plan(request)) {
                items.put(item.entry().path(), new CopyItem(groupWritable(item.entry()), item.content()));
            }
        }
        return new ArrayList<>(items.values());
    }

    private static LayerEntry entryOf(Path host, String path) throws IOException {
        Map<String, Object> attrs = Files.readAttributes(host, "unix:mode,uid,gid,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
        return LayerEntry.builder(path, EntryType.DIRECTORY).mode((Integer) attrs.get("mode") & 07777)
                .owner((Integer) attrs.get("uid"), (Integer) attrs.get("gid"))
                .mtime(((java.nio.file.attribute.FileTime) attrs.get("lastModifiedTime")).toInstant()).build();
    }

    /** {@code chgrp 0} and {@code chmod g=u}; symlinks keep their own (ignored) bits. */
    private static LayerEntry groupWritable(LayerEntry entry) {
        if (entry.type() == EntryType.SYMLINK) {
            return entry.toBuilder().owner(entry.uid(), 0).build();
        }
        int user = (entry.mode() >> 6) & 07;
        int mode = (entry.mode() & ~0070) | (user << 3);
        return entry.toBuilder().owner(entry.uid(), 0).mode(mode).build();
    }

    private StageResult toResult(StageState state) {
        return new StageResult(executor.stageLabel(), state.draft, state.key, state.lastCreated);
    }

    private StageResult finish(StageState state, StageResult before) {
        return new StageResult(before.name(), state.draft, state.key, state.lastCreated);
    }
}
