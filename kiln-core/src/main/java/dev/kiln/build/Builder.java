package dev.kiln.build;

import dev.kiln.Futures;
import dev.kiln.KilnException;
import dev.kiln.blob.BlobStore;
import dev.kiln.build.cache.BuildCache;
import dev.kiln.build.cache.CacheEntry;
import dev.kiln.build.cache.CacheKey;
import dev.kiln.build.cache.FileHashes;
import dev.kiln.build.cache.LocalBuildCache;
import dev.kiln.build.cache.RegistryBuildCache;
import dev.kiln.build.context.BuildException;
import dev.kiln.build.context.DockerIgnore;
import dev.kiln.build.executor.BuildServices;
import dev.kiln.build.executor.ContextTree;
import dev.kiln.build.executor.FinishingSteps;
import dev.kiln.build.executor.LayerOutput;
import dev.kiln.build.executor.LowerLayers;
import dev.kiln.build.executor.RequiredMounts;
import dev.kiln.build.executor.RunStep;
import dev.kiln.build.executor.StageExecutor;
import dev.kiln.build.executor.StageResolver;
import dev.kiln.build.executor.StageResult;
import dev.kiln.build.run.Sandboxes;
import dev.kiln.build.snapshot.Snapshotters;
import dev.kiln.dockerfile.ast.Dockerfile;
import dev.kiln.dockerfile.ast.Stage;
import dev.kiln.dockerfile.expand.BuildArgs;
import dev.kiln.dockerfile.expand.GlobalScope;
import dev.kiln.dockerfile.expand.Platforms;
import dev.kiln.dockerfile.parser.DockerfileParser;
import dev.kiln.event.EventSink;
import dev.kiln.image.ImageSource;
import dev.kiln.image.RemoteImages;
import dev.kiln.image.mutate.ImageDraft;
import dev.kiln.oci.Platform;
import dev.kiln.ref.ImageReference;
import dev.kiln.store.ImageLocator;
import dev.kiln.store.Store;
import dev.kiln.store.UnpackedLayers;
import dev.kiln.tar.Compression;
import dev.kiln.tar.FileTrees;
import dev.kiln.tar.LayerWriteOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * {@code kiln build}: a Dockerfile and a context to an image. Parses, plans the stages the target
 * needs, builds independent stages at once (bounded by the cores), applies the finishing flags and
 * writes the image to the store and the chosen output. Nothing becomes visible unless the whole
 * build succeeds: layers go into the store's blobs as they are made, names only at the end.
 */
public final class Builder {

    private final ImageLocator locator;
    private final RemoteImages remote;
    private final EventSink events;

    /** A builder without registries (bases from the store, {@code oci:} and {@code docker-archive:}). */
    public Builder(ImageLocator locator, EventSink events) {
        this(locator, null, events);
    }

    /** @param remote the registry side for {@code --cache-from}/{@code --cache-to}, or null */
    public Builder(ImageLocator locator, RemoteImages remote, EventSink events) {
        this.locator = locator;
        this.remote = remote;
        this.events = events;
    }

    public BuildResult build(BuildRequest request) throws IOException, KilnException, InterruptedException {
        // A lease for the whole build: gc must not take its workspace under ingest/, the lowers it
        // unpacks or the blobs of cache imports and base images before the build names them.
        try (Store.Lease lease = locator.store().lease()) {
            return buildLeased(request);
        }
    }

    private BuildResult buildLeased(BuildRequest request) throws IOException, KilnException, InterruptedException {
        long started = System.nanoTime();
        Store store = locator.store();
        Dockerfile dockerfile = parse(request.dockerfile());
        checkDestinations(request);
        Platform hostPlatform = Platform.host();
        String target = request.platform().orElse(hostPlatform.os() + "/" + hostPlatform.architecture()
                + (hostPlatform.variant() == null ? "" : "/" + hostPlatform.variant()));
        Platform platform = Platform.parse(target);
        BuildArgs args = new BuildArgs(request.buildArgs(), new Platforms(Platforms.host().build(), target));
        GlobalScope global = GlobalScope.of(dockerfile, args);
        BuildPlan plan = BuildPlan.of(dockerfile, global, request.target());
        RequiredMounts.check(dockerfile, plan.stages(), request.secrets().keySet(), request.sshAgents().keySet());
        events.debug(String.format("build: parsed and planned in %d ms", (System.nanoTime() - started) / 1_000_000));

        ContextTree context = new ContextTree(request.context(), readIgnore(request.context(), request.dockerfile()));
        BlobStore blobs = store.blobs();
        LayerWriteOptions writeOptions = LayerWriteOptions.DEFAULT;
        if (request.sourceDateEpoch().isPresent()) {
            writeOptions = writeOptions.withSourceDateEpoch(request.sourceDateEpoch().get());
        }
        LayerOutput output = new LayerOutput(blobs, writeOptions, Compression.GZIP);
        UnpackedLayers unpacked = new UnpackedLayers(store, EventSink.NONE);
        ImageSource storeBlobs = new StoreBlobs(store);
        LowerLayers lowers = new LowerLayers((layers, diffIds) -> {
            List<dev.kiln.image.Layer> stack = new ArrayList<>();
            for (int i = 0; i < layers.size(); i++) {
                stack.add(new dev.kiln.image.Layer(i, layers.get(i), diffIds.get(i), Optional.empty(), storeBlobs));
            }
            UnpackedLayers.Unpacked dirs = unpacked.unpack(stack);
            return new LowerLayers.Unpacked(dirs.topFirst(), dirs.made());
        }, (snapshot, diffId) -> unpacked.adopt(diffId, snapshot::storeUnpacked));
        Path scratch = Files.createDirectories(store.home().resolve("ingest")).resolve("build-" + ProcessHandle.current().pid()
                + "-" + Long.toHexString(System.nanoTime()));
        RegistryBuildCache shared = null;
        BuildCache cache = new LocalBuildCache(store.home().resolve("meta").resolve("build-cache"), blobs);
        if (!request.cacheFrom().isEmpty() || request.cacheTo().isPresent()) {
            if (remote == null) {
                throw new BuildException("--cache-from and --cache-to need registry access");
            }
            shared = new RegistryBuildCache(cache, blobs, remote, events);
            for (String ref : request.cacheFrom()) {
                shared.importFrom(cacheRef(ref));
            }
            cache = shared;
        }
        if (request.noCache()) {
            cache = writeOnly(cache);
        }
        Supplier<RunStep> runner = memoize(() -> {
            try {
                return new RunStep(Sandboxes.select(request.env()), Snapshotters.select(request.env(), scratch.resolve("probe")),
                        output, lowers, scratch.resolve("run"), store.home().resolve("cache"));
            } catch (KilnException e) {
                throw new CompletionException(e);
            }
        });
        BuildServices services = new BuildServices(blobs, lowers, output, cache, runner, events, context, request.secrets(),
                request.network(), request.sourceDateEpoch(), scratch, new BuildServices.Counters(),
                new FileHashes(store.home().resolve("meta").resolve("file-hashes")), request.sshAgents());
        BaseImages bases = new BaseImages(locator, blobs, request.platform().isPresent() ? Optional.of(platform)
                : Optional.empty());

        // The store sink holds the collector lock, so gc never takes layers this build has made but not named yet.
        try (var storeSink = store.sink(request.output().isEmpty() ? request.tags() : List.of())) {
            events.debug(String.format("build: store opened at %d ms", (System.nanoTime() - started) / 1_000_000));
            StageResult result = runStages(plan, global, services, bases, dockerfile);
            events.debug(String.format("build: stages done at %d ms", (System.nanoTime() - started) / 1_000_000));
            StageExecutor finisher = new StageExecutor(services, dockerfile, null, "finish");
            FinishingSteps finishing = new FinishingSteps(finisher);
            int baseLayers = baseLayerCount(plan, global, bases, dockerfile);
            result = finishing.labels(result, request.labels());
            if (request.initBinary().isPresent()) {
                result = finishing.init(result, request.initBinary().get());
            }
            if (request.nonRootUid().isPresent()) {
                result = finishing.nonRoot(result, request.nonRootUid().getAsInt());
            }
            ImageDraft draft = result.draft().withCreated(result.lastCreated());
            ImageOutput.Written written = new ImageOutput(locator, store, events).write(draft, request, storeSink,
                    baseLayers, output.options());
            services.fileHashes().save();
            if (shared != null && request.cacheTo().isPresent()) {
                shared.exportTo(cacheRef(request.cacheTo().get()));
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            events.debug(String.format("build: image written at %d ms", elapsed.toMillis()));
            BuildServices.Counters counters = services.counters();
            return new BuildResult(written.manifest(), written.config(), request.output().isEmpty() ? request.tags() : List.of(),
                    written.destination(), written.layers(), counters.executedSteps(), counters.cachedSteps(),
                    counters.runCommands(), lowers.unpackedCount(), elapsed);
        } finally {
            if (Files.exists(scratch)) {
                FileTrees.deleteRecursively(scratch);
            }
        }
    }

    /** What is wrong with {@code --init-binary} or {@code --output} is said before any step runs, not after all. */
    private static void checkDestinations(BuildRequest request) throws KilnException {
        if (request.initBinary().isPresent() && !Files.isRegularFile(request.initBinary().get())) {
            throw new BuildException("--init: " + request.initBinary().get()
                    + " is not a file (install tini-static or pass --init-binary)");
        }
        if (request.output().isEmpty()) {
            return;
        }
        String output = request.output().get();
        dev.kiln.ref.ImageLocation location = dev.kiln.ref.ImageLocation.parse(output);
        if (location instanceof dev.kiln.ref.ImageLocation.OciLayout layout
                && Files.exists(layout.directory()) && !Files.isDirectory(layout.directory())) {
            throw new BuildException("--output " + output + ": " + layout.directory() + " exists and is not a directory");
        }
        Path file = location instanceof dev.kiln.ref.ImageLocation.OciArchive archive ? archive.file()
                : location instanceof dev.kiln.ref.ImageLocation.DockerArchive archive ? archive.file() : null;
        if (file != null && Files.isDirectory(file)) {
            throw new BuildException("--output " + output + ": " + file + " is a directory");
        }
    }

    private static Dockerfile parse(Path file) throws IOException, KilnException {
        if (Files.isDirectory(file)) {
            throw new BuildException(file + " is a directory, not a Dockerfile (use -f to name one)");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new BuildException("no Dockerfile at " + file + " (use -f to name one)");
        }
        // as lint and parse read it: BuildKit takes any bytes, and malformed UTF-8 ends up as U+FFFD
        return DockerfileParser.parse(file.getFileName().toString(), DockerfileParser.decode(bytes));
    }

    /** {@code <Dockerfile>.dockerignore} beside the Dockerfile wins over the context's {@code .dockerignore}. */
    private static DockerIgnore readIgnore(Path context, Path dockerfile) throws IOException {
        Path specific = dockerfile.resolveSibling(dockerfile.getFileName() + ".dockerignore");
        Path file = Files.isRegularFile(specific) ? specific : context.resolve(".dockerignore");
        if (!Files.isRegularFile(file)) {
            return DockerIgnore.NONE;
        }
        return DockerIgnore.parse(DockerfileParser.decode(Files.readAllBytes(file)));
    }

    private static ImageReference cacheRef(String text) throws KilnException {
        String plain = text.startsWith("docker://") ? text.substring("docker://".length()) : text;
        ImageReference ref = ImageReference.parse(plain);
        if (!ref.hasTag() && !ref.hasDigest()) {
            throw new BuildException("cache reference " + text + " needs a tag (for example :buildcache)");
        }
        return ref;
    }

    /** {@code --no-cache}: nothing is found, results are still recorded for later builds. */
    private static BuildCache writeOnly(BuildCache cache) {
        return new BuildCache() {
            @Override
            public Optional<CacheEntry> find(CacheKey key) {
                return Optional.empty();
            }

            @Override
            public void record(CacheKey key, CacheEntry entry) throws IOException, KilnException {
                cache.record(key, entry);
            }
        };
    }

    /** Builds every planned stage, each as soon as the stages it needs are done, at most one per core at once. */
    private StageResult runStages(BuildPlan plan, GlobalScope global, BuildServices services, BaseImages bases,
            Dockerfile dockerfile) throws IOException, KilnException, InterruptedException {
        Map<Integer, CompletableFuture<StageResult>> futures = new HashMap<>();
        int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), plan.stages().size()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "kiln-stage");
            t.setDaemon(true);
            return t;
        });
        StageResolver resolver = new StageResolver() {
            @Override
            public StageResult stage(int index) throws IOException, KilnException, InterruptedException {
                CompletableFuture<StageResult> future = futures.get(index);
                if (future == null) {
                    throw new BuildException("stage " + index + " is not part of this build's plan");
                }
                return Futures.await(future);
            }

            @Override
            public StageResult image(String reference) throws IOException, KilnException {
                return bases.image(reference);
            }
        };
        try {
            for (Stage stage : plan.stages()) {
                CompletableFuture<?>[] deps = plan.dependenciesOf(stage.index()).stream().map(futures::get)
                        .toArray(CompletableFuture[]::new);
                CompletableFuture<StageResult> future = CompletableFuture.allOf(deps).thenApplyAsync(ignored -> {
                    try {
                        return runStage(stage, global, services, bases, dockerfile, resolver);
                    } catch (IOException | KilnException | InterruptedException e) {
                        throw new CompletionException(e);
                    }
                }, pool);
                futures.put(stage.index(), future);
            }
            return Futures.await(futures.get(plan.target().index()));
        } finally {
            pool.shutdownNow();
        }
    }

    private StageResult runStage(Stage stage, GlobalScope global, BuildServices services, BaseImages bases,
            Dockerfile dockerfile, StageResolver resolver) throws IOException, KilnException, InterruptedException {
        String label = stage.name().orElse("stage " + stage.index());
        StageResult base = base(stage, global, bases, dockerfile, resolver);
        return new StageExecutor(services, dockerfile, resolver, label).execute(stage, global.enter(stage), base);
    }

    private static StageResult base(Stage stage, GlobalScope global, BaseImages bases, Dockerfile dockerfile,
            StageResolver resolver) throws IOException, KilnException, InterruptedException {
        String image = global.expand(stage.baseImage());
        Optional<Stage> earlier = dockerfile.referencedStage(image, stage.index());
        if (earlier.isPresent()) {
            return resolver.stage(earlier.get().index());
        }
        Optional<Platform> platform = stagePlatform(stage, global, dockerfile);
        if (image.equalsIgnoreCase("scratch")) {
            return bases.scratch(platform);
        }
        if (image.isBlank()) {
            throw new BuildException(dockerfile.fileName() + ":" + stage.from().range().start().line()
                    + ": FROM names no image (after expanding " + stage.baseImage().raw() + ")");
        }
        try {
            return bases.image(image, platform);
        } catch (IOException | KilnException e) { // the store and registries know nothing of the Dockerfile
            BuildException located = BuildException.at(dockerfile.fileName() + ":" + stage.from().range().start().line()
                    + " FROM " + image, e);
            if (located == null) {
                throw e;
            }
            throw located;
        }
    }

    /** A FROM's own {@code --platform} (often {@code $BUILDPLATFORM}), expanded and checked. */
    private static Optional<Platform> stagePlatform(Stage stage, GlobalScope global, Dockerfile dockerfile)
            throws KilnException {
        if (stage.platform().isEmpty()) {
            return Optional.empty();
        }
        String text = global.expand(stage.platform().get(), stage.baseImage());
        try {
            return Optional.of(Platform.parse(text));
        } catch (IllegalArgumentException e) {
            throw new BuildException(dockerfile.fileName() + ":" + stage.from().range().start().line()
                    + ": FROM --platform=" + stage.platform().get() + ": " + e.getMessage());
        }
    }

    /** How many layers of the target come from its base image (kept by {@code --squash}). */
    private static int baseLayerCount(BuildPlan plan, GlobalScope global, BaseImages bases, Dockerfile dockerfile)
            throws IOException, KilnException {
        Stage stage = plan.target();
        while (true) {
            String image = global.expand(stage.baseImage());
            Optional<Stage> earlier = dockerfile.referencedStage(image, stage.index());
            if (earlier.isPresent()) {
                stage = earlier.get();
                continue;
            }
            return image.equalsIgnoreCase("scratch") ? 0
                    : bases.image(image, stagePlatform(stage, global, dockerfile)).draft().layers().size();
        }
    }


    private static <T> Supplier<T> memoize(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }

    /** The store's blobs as a source of layers (no root: build layers belong to no image yet). */
    private record StoreBlobs(Store store) implements ImageSource {
        @Override
        public String describe() {
            return "the store at " + store.home();
        }

        @Override
        public dev.kiln.oci.Descriptor root() {
            throw new UnsupportedOperationException("build layers have no root");
        }

        @Override
        public java.io.InputStream open(dev.kiln.oci.Descriptor descriptor) throws IOException, KilnException {
            return store.blobs().open(descriptor);
        }

        @Override
        public void close() {
        }
    }
}
