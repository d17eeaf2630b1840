package dev.kiln.lint.rules;

import dev.kiln.dockerfile.ast.CopyInstruction;
import dev.kiln.dockerfile.ast.Instruction;
import dev.kiln.dockerfile.ast.RunInstruction;
import dev.kiln.dockerfile.ast.Stage;
import dev.kiln.dockerfile.ast.Word;
import dev.kiln.dockerfile.shell.ShellScript;
import dev.kiln.dockerfile.shell.ShellWord;
import dev.kiln.dockerfile.shell.SimpleCommand;
import dev.kiln.lint.FindingSink;
import dev.kiln.lint.Level;
import dev.kiln.lint.LintContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * DL3010: a local archive is COPYed into the image and unpacked by a later RUN ({@code tar x},
 * {@code unzip}, {@code gunzip}...): the archive stays in the COPY layer. ADD unpacks local tar
 * archives in one step and stores only the files.
 */
public final class AddForArchives extends BaseRule {

    private static final Set<String> UNPACKERS = Set.of("unzip", "gunzip", "bunzip2", "unxz", "unlzma", "uncompress",
            "zcat", "gzcat", "unzstd");

    public AddForArchives() {
        super("DL3010", Level.INFO, "Use ADD for extracting archives into an image",
                "ADD a local tar archive instead of COPY + RUN tar: the packed copy then never becomes a layer.");
    }

    @Override
    public void check(LintContext context, FindingSink sink) {
        for (Stage stage : context.stages()) {
            Map<String, CopyInstruction> archives = new LinkedHashMap<>();
            for (Instruction i : stage.instructions()) {
                if (i instanceof CopyInstruction copy && copy.options().from().isEmpty()) {
                    for (Word src : copy.sources()) {
                        String name = Archives.basename(src.value());
                        if (Archives.isArchive(name) && !src.hasVariable()) {
                            archives.put(name, copy);
                        }
                    }
                    String dest = Archives.basename(copy.destination().value());
                    if (Archives.isArchive(dest)) {
                        archives.put(dest, copy);
                    }
                } else if (i instanceof RunInstruction run && !archives.isEmpty()) {
                    Optional<ShellScript> script = context.script(run);
                    if (script.isEmpty()) {
                        continue;
                    }
                    for (SimpleCommand c : script.get().commands()) {
                        SimpleCommand u = c.unwrapped();
                        if (!extracts(u)) {
                            continue;
                        }
                        for (ShellWord w : u.arguments()) {
                            CopyInstruction copy = archives.remove(Archives.basename(w.value()));
                            if (copy != null) {
                                sink.report(copy.range(), "COPY of archive " + Archives.basename(w.value())
                                        + ", unpacked on line " + run.range().startLine() + ": the packed archive stays"
                                        + " in this layer; ADD it to the target directory instead (ADD unpacks local"
                                        + " tar archives)");
                            }
                        }
                    }
                }
            }
        }
    }

    private static boolean extracts(SimpleCommand c) {
        if (UNPACKERS.contains(c.name())) {
            return true;
        }
        if (!c.name().equals("tar")) {
            return false;
        }
        if (c.hasAnyFlag("--extract", "--get", "-x")) {
            return true;
        }
        // "tar xzf file": the first argument is a bundle of letters without a dash
        if (c.arguments().isEmpty()) {
            return false;
        }
        String first = c.arguments().get(0).value();
        return first.indexOf('x') >= 0 && first.chars().allMatch(Character::isLetter);
    }
}
