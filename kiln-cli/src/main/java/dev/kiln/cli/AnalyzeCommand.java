package dev.kiln.cli;

import dev.kiln.analysis.AnalysisOptions;
import dev.kiln.analysis.Analyzer;
import dev.kiln.analysis.ImageAnalysis;
import dev.kiln.analysis.ImageComparison;
import dev.kiln.analysis.PathTrie;
import dev.kiln.analysis.findings.Finding;
import dev.kiln.analysis.findings.Findings;
import dev.kiln.analysis.gate.Gate;
import dev.kiln.analysis.gate.GateRules;
import dev.kiln.analysis.gate.RuleResult;
import dev.kiln.analysis.report.ComparisonJson;
import dev.kiln.analysis.report.HtmlReport;
import dev.kiln.analysis.report.JsonReport;
import dev.kiln.KilnException;
import dev.kiln.oci.Platform;
import dev.kiln.ref.ImageLocation;
import dev.kiln.store.NotInStoreException;
import dev.kiln.store.Store;
import dev.kiln.store.StoreNotFoundException;
import dev.kiln.tar.FileTrees;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code kiln analyze IMAGE}: where every byte of an image goes, what to do about it, and a CI gate.
 */
@Command(name = "analyze", sortOptions = false,
        description = {"Show where an image's bytes go: per-layer changes, reclaimable bytes (deleted or replaced in a "
                + "later layer), dive's efficiency figures, and findings (package caches, build tools, secrets, root, "
                + "no init, ...).",
            "IMAGE is a store name (name:tag, a digest or a prefix of one), oci:DIR[:TAG], oci-archive:FILE[:TAG], "
                + "docker-archive:FILE[:NAME:TAG] or docker://NAME; a name missing from the store is read from its "
                + "registry."},
        footer = {"", "Exit codes: 0 analysed (and with --ci, every rule passed); 1 a CI rule failed; 2 bad usage or "
                + "input."})
final class AnalyzeCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    enum Format { text, json }

    private final Terminal terminal;

    @ParentCommand
    KilnCommand root;

    @Mixin
    RegistryOptions registry;

    @Mixin
    StoreOptions store;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The image to analyse.")
    String image;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (default) or json (dive's export fields "
            + "plus kiln's; see docs/analyze.md).")
    Format format = Format.text;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write a self-contained HTML report.")
    Path html;

    @Option(names = {"-i", "--interactive"}, description = "Browse layers and files in a full-screen view.")
    boolean interactive;

    @Option(names = "--ci", description = "Check CI rules (.dive-ci and the analyze: section of .kiln.yaml); "
            + "exit 1 when one fails.")
    boolean ci;

    @Option(names = "--ci-config", paramLabel = "FILE", description = "dive's CI rules file (default: .dive-ci).")
    Path ciConfig;

    @Option(names = "--config", paramLabel = "FILE",
            description = "kiln's settings file (default: $KILN_CONFIG, else .kiln.yaml).")
    Path config;

    @Option(names = "--base", paramLabel = "REF", description = "The base image, when the local store cannot tell.")
    String base;

    @Option(names = "--compare", paramLabel = "REF2", description = "Compare IMAGE with REF2: layers, and paths that "
            + "grew, shrank, appeared or went.")
    String compare;

    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]", converter = PlatformConverter.class,
            description = "Which image of a multi-platform index (default: this machine's).")
    Platform platform;

    @Option(names = "--top", paramLabel = "N", description = "Paths listed per table (default: 10).")
    int top = 10;

    @Option(names = "--threads", paramLabel = "N", description = "Layers read at once (default: the number of cores).")
    Integer threads;

    AnalyzeCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    /**
     * The store, which must exist when a store name is asked for (a mistyped --store or KILN_HOME
     * is an error, not a new store); oci:, archive and docker:// images only borrow its ingest dir.
     */
    private Store openStore() throws IOException, KilnException {
        for (String reference : Arrays.asList(image, compare, base)) {
            if (reference != null && ImageLocation.parse(reference) instanceof ImageLocation.Named) {
                return store.openExistingFor(reference);
            }
        }
        return store.open();
    }

    @Override
    public Integer call() throws Exception {
        checkOptions();
        ConsoleEvents events = new ConsoleEvents(terminal, root.debug(), true);
        // bars on a terminal while layers are read; nothing in logs or when JSON goes to stdout
        ProgressRenderer progress = new ProgressRenderer(terminal, events,
                !terminal.interactive() || format == Format.json);
        AnalysisOptions options = AnalysisOptions.defaults().withEvents(progress);
        if (threads != null) {
            options = options.withThreads(threads);
        }
        dev.kiln.registry.RegistryConfig registryConfig = registry.config(terminal);
        StoreNotFoundException noStore = null;
        Path scratch = null;
        Store local;
        try {
            local = openStore();
        } catch (StoreNotFoundException e) {
            // A name missing from a store that is not there may still come from its registry: look it
            // up through a throwaway store rather than create one at a mistyped path.
            noStore = e;
            scratch = Files.createTempDirectory("kiln-analyze-");
            local = Store.open(scratch);
        }
        try {
            return analyze(local, registryConfig, events, progress, options);
        } catch (NotInStoreException e) {
            if (noStore == null) {
                throw e;
            }
            throw new StoreNotFoundException(noStore.getMessage() + "; " + e.getMessage());
        } finally {
            if (scratch != null) {
                FileTrees.deleteRecursively(scratch);
            }
        }
    }

    private int analyze(Store local, dev.kiln.registry.RegistryConfig registryConfig, ConsoleEvents events,
            ProgressRenderer progress, AnalysisOptions options) throws Exception {
        try (AnalyzeImages images = new AnalyzeImages(terminal, local, registryConfig, events,
                java.util.Optional.ofNullable(platform))) {
            AnalyzeImages.Opened opened = images.open(image);
            if (base != null) {
                options = options.withBase(images.base(base));
            } else {
                options = options.withBaseCandidates(images.storeCandidates());
            }
            Analyzer analyzer = new Analyzer(options);
            if (compare != null) {
                return compare(analyzer, opened, images.open(compare));
            }
            ImageAnalysis analysis = analyzer.analyze(opened.input());
            progress.finish();
            List<Finding> findings = Findings.detect(analysis, opened.context());
            Optional<Gate.GateResult> gate = ci ? Optional.of(Gate.evaluate(GateRules.load(diveCiFile(), kilnConfigFile()),
                    analysis, findings)) : Optional.empty();
            if (html != null) {
                dev.kiln.AtomicFile.write(html, out -> {
                    HtmlReport.write(analysis, findings, gate, Math.max(top, 20), out);
                    return null;
                });
            }
            if (interactive) {
                new AnalyzeTui(new AnalyzeScreen(analysis)).run();
            } else if (format == Format.json) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                JsonReport.write(analysis, findings, gate, top, out);
                terminal.out().print(out.toString(StandardCharsets.UTF_8));
            } else {
                AnalyzeText.Style style = new AnalyzeText.Style(terminal.interactive());
                new AnalyzeText(terminal.out(), style).print(analysis, findings, top);
                gate.ifPresent(g -> printGate(g, style));
            }
            if (html != null && format == Format.text && !interactive) {
                terminal.out().println();
                terminal.out().println("HTML report: " + html);
            }
            return gate.isPresent() && !gate.get().passed() ? ErrorHandler.FAILURE : ErrorHandler.OK;
        }
    }

    private int compare(Analyzer analyzer, AnalyzeImages.Opened before, AnalyzeImages.Opened after) throws Exception {
        PathTrie shared = new PathTrie();
        ImageComparison comparison = ImageComparison.of(analyzer.analyze(before.input(), shared),
                analyzer.analyze(after.input(), shared), Math.max(top, 1) * 3);
        if (format == Format.json) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ComparisonJson.write(comparison, out);
            terminal.out().print(out.toString(StandardCharsets.UTF_8));
        } else {
            new AnalyzeCompareText(terminal.out(), new AnalyzeText.Style(terminal.interactive())).print(comparison);
        }
        return ErrorHandler.OK;
    }

    private void printGate(Gate.GateResult gate, AnalyzeText.Style style) {
        terminal.out().println();
        terminal.out().println(style.bold("CI rules"));
        for (RuleResult r : gate.results()) {
            String status = String.format(Locale.ROOT, "%-4s", r.status().name());
            status = r.status() == RuleResult.Status.FAIL ? style.red(status)
                    : r.status() == RuleResult.Status.PASS ? style.green(status) : style.dim(status);
            terminal.out().println("  " + status + " " + r.rule() + (r.message().isEmpty() ? "" : ": " + r.message())
                    + (r.source().isEmpty() ? "" : style.dim("  (" + r.source() + ")")));
        }
        terminal.out().printf(Locale.ROOT, "Result: %s [passed %d, failed %d, skipped %d]%n",
                gate.passed() ? style.green("PASS") : style.red("FAIL"), gate.count(RuleResult.Status.PASS),
                gate.count(RuleResult.Status.FAIL), gate.count(RuleResult.Status.SKIP));
    }

    private void checkOptions() throws IOException {
        if (html != null) {
            UserPaths.outputFile(html);
        }
        if (interactive && format == Format.json) {
            throw new IllegalArgumentException("-i and --format json exclude each other");
        }
        if (compare != null && (interactive || html != null || ci)) {
            throw new IllegalArgumentException("--compare prints a comparison; it does not combine with -i, --html or --ci");
        }
        if (top < 1 || top > 10_000) {
            throw new IllegalArgumentException("--top: expected 1 to 10000, got " + top);
        }
        if (threads != null && (threads < 1 || threads > 64)) {
            throw new IllegalArgumentException("--threads: expected 1 to 64, got " + threads);
        }
    }

    private Path diveCiFile() {
        return ciConfig != null ? requireFile(ciConfig, "--ci-config") : Path.of(".dive-ci");
    }

    private Path kilnConfigFile() throws BadInputException {
        if (config != null) {
            return requireFile(config, "--config");
        }
        return KilnConfigFile.of(terminal);
    }

    private static Path requireFile(Path file, String option) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(option + ": no such file: " + file);
        }
        return file;
    }
}
