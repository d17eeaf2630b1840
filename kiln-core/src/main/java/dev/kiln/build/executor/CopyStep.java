package dev.kiln.build.executor;

import dev.kiln.KilnException;
import dev.kiln.build.context.BuildException;
import dev.kiln.build.context.DockerIgnore;
import dev.kiln.build.run.RootfsView;
import dev.kiln.dockerfile.ast.AddInstruction;
import dev.kiln.dockerfile.ast.CopyInstruction;
import dev.kiln.dockerfile.ast.FileOptions;
import dev.kiln.dockerfile.ast.Heredoc;
import dev.kiln.dockerfile.ast.Instruction;
import dev.kiln.dockerfile.ast.Stage;
import dev.kiln.dockerfile.ast.Word;
import dev.kiln.dockerfile.expand.StageScope;
import dev.kiln.oci.Digest;
import dev.kiln.tar.EntryPaths;
import dev.kiln.tar.EntryType;
import dev.kiln.tar.FileTrees;
import dev.kiln.tar.LayerEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * COPY and ADD: sources from the build context, another stage or an image ({@code --from}), heredoc
 * bodies, and for ADD local archives (unpacked safely) and URLs (with {@code --checksum}). The cache
 * key holds the sources' content digest (or the {@code --from} stage's key), never the image below,
 * so a rebuild decides without unpacking anything.
 */
final class CopyStep {

    private final StageExecutor stage;
    private final StageState state;
    private final StageScope scope;
    private final Instruction instruction;
    private final Stage current;
    private final boolean add;
    private final List<Word> sourceWords;
    private final Word destWord;
    private final FileOptions options;

    CopyStep(StageExecutor stage, StageState state, StageScope scope, Instruction instruction, Stage current) {
        this.stage = stage;
        this.state = state;
        this.scope = scope;
        this.instruction = instruction;
        this.current = current;
        if (instruction instanceof AddInstruction a) {
            add = true;
            sourceWords = a.sources();
            destWord = a.destination();
            options = a.options();
        } else {
            CopyInstruction c = (CopyInstruction) instruction;
            add = false;
            sourceWords = c.sources();
            destWord = c.destination();
            options = c.options();
        }
    }

    void execute() throws IOException, KilnException, InterruptedException {
        BuildServices services = stage.services();
        String where = stage.where(instruction);
        String keyword = add ? "ADD" : "COPY";
        String dest = scope.expand(destWord);
        boolean dirDest = dest.endsWith("/") || dest.equals(".") || dest.endsWith("/.");
        if (!dest.startsWith("/")) {
            dest = StageExecutor.join(state.workdir(), dest);
        }
        dest = "/" + EntryPaths.clean(dest);
        if (dirDest && !dest.endsWith("/")) {
            dest += "/";
        }
        Optional<String> from = options.from().isPresent() ? Optional.of(scope.expand(options.from().get(), destWord)) : Optional.empty();
        Optional<String> chown = options.chown().isPresent() ? Optional.of(scope.expand(options.chown().get(), destWord)) : Optional.empty();
        Optional<Chmod> chmod = options.chmod().isPresent()
                ? Optional.of(Chmod.parse(scope.expand(options.chmod().get(), destWord), where)) : Optional.empty();
        List<String> excludePatterns = new ArrayList<>();
        for (String pattern : options.excludes()) {
            excludePatterns.add(scope.expand(pattern, destWord));
        }
        DockerIgnore excludes = DockerIgnore.of(excludePatterns);

        List<String> local = new ArrayList<>();
        List<String> urls = new ArrayList<>();
        List<Heredoc> heredocs = new ArrayList<>();
        List<GitUrl> gits = new ArrayList<>();
        for (Word word : sourceWords) {
            Optional<Heredoc> heredoc = heredocFor(word);
            if (heredoc.isPresent()) {
                heredocs.add(heredoc.get());
                continue;
            }
            String source = scope.expand(word);
            Optional<GitUrl> git = add ? GitUrl.parse(source) : Optional.empty();
            if (git.isPresent()) {
                if (from.isPresent()) {
                    throw new BuildException(where + ": ADD --from cannot take a git repository");
                }
                gits.add(git.get());
            } else if (add && (source.startsWith("http://") || source.startsWith("https://"))) {
                if (from.isPresent()) {
                    throw new BuildException(where + ": ADD --from cannot take a URL");
                }
                urls.add(source);
            } else {
                local.add(source);
            }
        }

        StringBuilder createdBy = new StringBuilder(keyword);
        from.ifPresent(v -> createdBy.append(" --from=").append(v));
        chown.ifPresent(v -> createdBy.append(" --chown=").append(v));
        chmod.ifPresent(v -> createdBy.append(" --chmod=").append(v));
        if (options.link()) {
            createdBy.append(" --link");
        }
        if (options.keepGitDir()) {
            createdBy.append(" --keep-git-dir=true");
        }
        if (options.parents()) {
            createdBy.append(" --parents");
        }
        excludePatterns.forEach(p -> createdBy.append(" --exclude=").append(p));
        for (Word word : sourceWords) {
            createdBy.append(' ').append(heredocFor(word).isPresent() ? word.value() : scope.expand(word));
        }
        createdBy.append(' ').append(dest).append(" # buildkit");

        Map<String, String> inputs = new LinkedHashMap<>();
        StageResult fromStage = from.isPresent() ? resolveFrom(stage, from.get(), instruction) : null;
        SourceTree tree = fromStage == null ? services.context() : null;
        if (fromStage != null) {
            inputs.put("from", fromStage.key().hex());
        } else if (!local.isEmpty()) {
            inputs.put("sources", SourceDigest.ofTree(tree, local, excludes, where, services.fileHashes()));
        }
        for (int i = 0; i < heredocs.size(); i++) {
            inputs.put("heredoc." + i, Digest.sha256(scope.heredocContent(heredocs.get(i))).toString());
        }
        List<Path> downloads = new ArrayList<>();
        List<String> commits = new ArrayList<>();
        for (int i = 0; i < gits.size(); i++) {
            GitUrl git = gits.get(i);
            String commit = gitSource(git, where).resolve(services.scratch());
            if (options.checksum().isPresent() && !commit.startsWith(options.checksum().get().strip())) {
                throw new BuildException(where + ": ADD " + git.display() + ": checksum mismatch: the ref is at commit "
                        + commit + ", --checksum wants " + options.checksum().get().strip());
            }
            commits.add(commit);
            inputs.put("git." + i, git.remote() + " " + commit + " " + git.subdir().orElse("") + " keep="
                    + options.keepGitDir());
        }
        try {
            for (int i = 0; i < urls.size(); i++) {
                Path file = UrlSource.download(urls.get(i), options.checksum().map(c -> c.strip()), services.scratch(), where);
                downloads.add(file);
                inputs.put("url." + i, urls.get(i) + " " + UrlSource.sha256(file));
            }
            String finalDest = dest;
            stage.layerStep(state, keyword, createdBy.toString(), inputs, createdBy.toString().replace(" # buildkit", ""),
                    () -> Optional.of(make(services, fromStage, local, heredocs, urls, downloads, gits, commits, finalDest,
                            chown, chmod, excludes, where)));
        } finally {
            for (Path file : downloads) {
                Files.deleteIfExists(file);
            }
        }
    }

    private LayerOutput.Written make(BuildServices services, StageResult fromStage, List<String> local,
            List<Heredoc> heredocs, List<String> urls, List<Path> downloads, List<GitUrl> gits, List<String> commits,
            String dest, Optional<String> chownText,
            Optional<Chmod> chmod, DockerIgnore excludes, String where) throws IOException, KilnException, InterruptedException {
        Instant now = services.now();
        RootfsView view = null;
        if (!state.draft.layers().isEmpty()) {
            view = RootfsView.ofLayers(new StageResult(stage.stageLabel(), state.draft, state.key, state.lastCreated)
                    .lowerDirs(services.lowers()));
        }
        RootfsView lower = options.link() ? null : view;
        Optional<Chown> chown = chownText.isPresent() ? Optional.of(Chown.resolve(chownText.get(), view, where)) : Optional.empty();
        SourceTree tree = fromStage == null ? services.context()
                : new StageTree(fromStage.name(), fromStage.lowerDirs(services.lowers()));
        TreeMap<String, CopyItem> items = new TreeMap<>(CopyPlanner::compareLayerOrder);
        List<Path> temps = new ArrayList<>();
        try {
            List<String> plain = new ArrayList<>();
            for (String source : local) {
                Optional<Path> archive = add && options.unpack().orElse(true) ? ArchiveSource.detect(tree, source) : Optional.empty();
                if (archive.isPresent()) {
                    Path unpacked = ArchiveSource.unpack(archive.get(), services.scratch(), where);
                    temps.add(unpacked);
                    String dir = dest.endsWith("/") ? dest : dest + "/";
                    put(items, CopyPlanner.plan(new CopyRequest(new DirectoryTree(unpacked, source), List.of(""), dir, chown,
                            chmod, false, DockerIgnore.NONE, lower, now, where)));
                } else {
                    plain.add(source);
                }
            }
            for (int i = 0; i < gits.size(); i++) {
                GitSource.Checkout checkout = gitSource(gits.get(i), where).checkout(commits.get(i), options.keepGitDir(),
                        services.scratch());
                temps.add(checkout.dir());
                String dir = dest.endsWith("/") ? dest : dest + "/";
                put(items, CopyPlanner.plan(new CopyRequest(new DirectoryTree(checkout.root(), gits.get(i).display()),
                        List.of(""), dir, chown, chmod, false, DockerIgnore.NONE, lower, now, where)));
            }
            int count = plain.size() + heredocs.size() + urls.size();
            if (count > 1 && !dest.endsWith("/")) {
                throw new BuildException(where + ": with more than one source file the destination must be a directory"
                        + " and end with a /");
            }
            if (!plain.isEmpty()) {
                put(items, CopyPlanner.plan(new CopyRequest(tree, plain, dest, chown, chmod, options.parents(), excludes,
                        lower, now, where)));
            }
            boolean destIsDir = dest.endsWith("/") || count > 1;
            for (Heredoc heredoc : heredocs) {
                Path file = Files.createTempFile(Files.createDirectories(services.scratch()), "heredoc-", "");
                temps.add(file);
                Files.writeString(file, scope.heredocContent(heredoc), StandardCharsets.UTF_8);
                String target = destIsDir ? StageExecutor.join(dest, heredoc.name()) : dest;
                putSingle(items, file, target, 0644, now, chown, chmod, lower, where);
            }
            for (int i = 0; i < urls.size(); i++) {
                String url = urls.get(i);
                String name = UrlSource.fileName(url);
                String target = destIsDir ? StageExecutor.join(dest, name) : dest;
                putSingle(items, downloads.get(i), target, 0600, UrlSource.lastModified(downloads.get(i)).orElse(now), chown,
                        chmod, lower, where);
            }
            return services.output().write(writer -> {
                for (CopyItem item : items.values()) {
                    if (item.content() != null) {
                        try (var in = Files.newInputStream(item.content())) {
                            writer.add(item.entry(), in);
                        }
                    } else {
                        writer.add(item.entry());
                    }
                }
            });
        } finally {
            for (Path temp : temps) {
                FileTrees.deleteRecursively(temp);
            }
        }
    }

    /** Git sources use the {@code --ssh default} agent, as BuildKit's git@ sources do. */
    private GitSource gitSource(GitUrl git, String where) {
        return new GitSource(git, Optional.ofNullable(stage.services().sshAgents().get("default")), where);
    }

    private static void put(TreeMap<String, CopyItem> items, List<CopyItem> planned) {
        for (CopyItem item : planned) {
            items.put(item.entry().path(), item);
        }
    }

    /** One generated file (heredoc, download) planned like a context file with a fixed mode. */
    private void putSingle(TreeMap<String, CopyItem> items, Path file, String target, int mode, Instant mtime,
            Optional<Chown> chown, Optional<Chmod> chmod, RootfsView lower, String where) throws IOException, BuildException {
        Files.setAttribute(file, "unix:mode", mode);
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(mtime));
        Path dir = Files.createTempDirectory(stage.services().scratch(), "single-");
        try {
            Path link = dir.resolve("f");
            Files.createLink(link, file);
            for (CopyItem item : CopyPlanner.plan(new CopyRequest(new DirectoryTree(dir, "generated file"), List.of("f"), target,
                    chown, chmod, false, DockerIgnore.NONE, lower, mtime, where))) {
                LayerEntry entry = item.entry();
                if (entry.type() == EntryType.FILE && !chown.isPresent()) {
                    entry = entry.toBuilder().owner(0, 0).build();
                }
                items.put(entry.path(), new CopyItem(entry, item.content() == null ? null : file));
            }
        } finally {
            FileTrees.deleteRecursively(dir);
        }
    }

    private Optional<Heredoc> heredocFor(Word word) {
        String value = word.value();
        if (!value.startsWith("<<")) {
            return Optional.empty();
        }
        String name = value.substring(2).replaceFirst("^-", "").replace("\"", "").replace("'", "");
        return instruction.heredocs().stream().filter(h -> h.name().equals(name)).findFirst();
    }

    /** {@code --from}: an earlier stage by name or index, else an image. */
    static StageResult resolveFrom(StageExecutor stage, String ref, Instruction instruction)
            throws IOException, KilnException, InterruptedException {
        Stage current = stage.dockerfile().stageOf(instruction).orElse(null);
        int index = current == null ? Integer.MAX_VALUE : current.index();
        Optional<Stage> referenced = stage.dockerfile().referencedStage(ref, index);
        if (referenced.isPresent()) {
            return stage.resolver().stage(referenced.get().index());
        }
        if (current != null && current.isCalled(ref)) {
            throw new BuildException(stage.where(instruction) + ": --from=" + ref + " refers to the stage itself");
        }
        return stage.resolver().image(ref);
    }
}
