package dev.kiln.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.kiln.dockerfile.ast.Dockerfile;
import dev.kiln.dockerfile.parser.DockerfileParseException;
import dev.kiln.dockerfile.parser.DockerfileParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kiln parse}: shows how kiln reads Dockerfiles: stages and instructions with positions. */
@Command(name = "parse", description = {
        "Parse Dockerfiles and print their stages and instructions with positions (LINE:COL).",
        "A file BuildKit would reject is an error naming FILE:LINE:COLUMN (exit 2)."})
final class ParseCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    enum Format { text, json }

    private final Terminal terminal;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Dockerfiles to parse.")
    List<Path> files;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default) or json (schema in README: one object per file; an array for several files).")
    Format format;

    @Option(names = "--bench", hidden = true, paramLabel = "N",
            description = "Parse all FILEs N times after a warm-up and print files per second.")
    Integer bench;

    ParseCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws Exception {
        if (bench != null) {
            return bench(bench);
        }
        List<Dockerfile> parsed = new ArrayList<>();
        for (Path file : files) {
            parsed.add(DockerfileParser.parse(file));
        }
        if (format == Format.json) {
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            JsonNode out;
            if (parsed.size() == 1) {
                out = ParseJson.of(parsed.get(0));
            } else {
                ArrayNode all = mapper.createArrayNode();
                parsed.forEach(d -> all.add(ParseJson.of(d)));
                out = all;
            }
            terminal.out().println(mapper.writeValueAsString(out));
        } else {
            for (int i = 0; i < parsed.size(); i++) {
                if (i > 0) {
                    terminal.out().println();
                }
                ParseText.print(parsed.get(i), terminal.out());
            }
        }
        return ErrorHandler.OK;
    }

    /**
     * Parses every file {@code rounds} times in this thread after a 3 s warm-up and prints files per
     * second of process CPU time (JIT and GC included; other processes' load does not count), and the
     * wall-clock rate of the best of five batches.
     */
    private int bench(int rounds) throws Exception {
        List<String> names = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (Path file : files) {
            names.add(file.toString());
            texts.add(DockerfileParser.decode(Files.readAllBytes(file)));
        }
        long perRound = parseAll(names, texts);
        long warmUntil = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < warmUntil) {
            parseAll(names, texts);
        }
        int batches = 5;
        int perBatch = Math.max(1, rounds / batches);
        double best = 0;
        double total = 0;
        double cpuTotal = 0;
        for (int b = 0; b < batches; b++) {
            long cpuStart = processCpuNanos();
            long start = System.nanoTime();
            for (int r = 0; r < perBatch; r++) {
                parseAll(names, texts);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            cpuTotal += (processCpuNanos() - cpuStart) / 1e9;
            total += seconds;
            best = Math.max(best, (double) perBatch * texts.size() / seconds);
        }
        long parsed = (long) perBatch * batches * texts.size();
        terminal.out().printf(Locale.ROOT,
                "kiln parse: %d files x %d rounds: %.0f files/s per CPU second (process CPU %.3f s; wall %.3f s, "
                        + "best batch %.0f files/s; 1 parsing thread; %d instructions per round)%n",
                texts.size(), perBatch * batches, parsed / cpuTotal, cpuTotal, total, best, perRound);
        return ErrorHandler.OK;
    }

    /** CPU time of the whole process (JIT and GC included), so other processes' load does not count. */
    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return System.nanoTime();
    }

    private static long parseAll(List<String> names, List<String> texts) {
        long instructions = 0;
        for (int i = 0; i < texts.size(); i++) {
            try {
                instructions += DockerfileParser.parse(names.get(i), texts.get(i)).instructions().size();
            } catch (DockerfileParseException e) {
                instructions += 0; // a rejected file still costs its parse
            }
        }
        return instructions;
    }
}
