package dev.kiln.lint.rules;

import dev.kiln.dockerfile.ast.RunInstruction;
import dev.kiln.dockerfile.ast.Stage;
import dev.kiln.dockerfile.shell.ShellScript;
import dev.kiln.dockerfile.shell.SimpleCommand;
import dev.kiln.lint.FindingSink;
import dev.kiln.lint.Level;
import dev.kiln.lint.LintContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * DL4001: a stage downloads with both wget and curl. The uses of the less used tool are reported
 * (on a tie, the one that appears second), since switching those is the smaller change.
 */
public final class WgetAndCurl extends BaseRule {

    public WgetAndCurl() {
        super("DL4001", Level.WARNING, "Either use Wget or Curl but not both",
                "Download with one tool throughout; installing both adds a package and a second set of TLS defaults.");
    }

    @Override
    public void check(LintContext context, FindingSink sink) {
        for (Stage stage : context.stages()) {
            List<SimpleCommand> curl = new ArrayList<>();
            List<SimpleCommand> wget = new ArrayList<>();
            for (RunInstruction run : context.runs(stage, true)) {
                Optional<ShellScript> script = context.script(run);
                if (script.isEmpty()) {
                    continue;
                }
                for (SimpleCommand c : script.get().commands()) {
                    String n = c.unwrapped().name();
                    if (n.equals("curl")) {
                        curl.add(c.unwrapped());
                    } else if (n.equals("wget")) {
                        wget.add(c.unwrapped());
                    }
                }
            }
            if (curl.isEmpty() || wget.isEmpty()) {
                continue;
            }
            boolean dropWget = wget.size() < curl.size() || (wget.size() == curl.size()
                    && wget.get(0).range().startOffset() > curl.get(0).range().startOffset());
            List<SimpleCommand> minority = dropWget ? wget : curl;
            String keep = dropWget ? "curl" : "wget";
            for (SimpleCommand c : minority) {
                sink.report(c.range(), "this stage downloads with both curl (" + curl.size() + "x) and wget ("
                        + wget.size() + "x): use " + keep + " here too and install only one of them");
            }
        }
    }
}
