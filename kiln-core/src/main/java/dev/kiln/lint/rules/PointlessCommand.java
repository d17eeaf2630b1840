package dev.kiln.lint.rules;

import dev.kiln.dockerfile.ast.RunInstruction;
import dev.kiln.dockerfile.shell.ShellScript;
import dev.kiln.dockerfile.shell.SimpleCommand;
import dev.kiln.lint.FindingSink;
import dev.kiln.lint.Level;
import dev.kiln.lint.LintContext;
import java.util.Set;

/** DL3001: interactive or host-management commands (ssh, vim, service, ps, top, kill, mount ...) in a RUN. */
public final class PointlessCommand extends CommandRule {

    private static final Set<String> NAMES = Set.of("ssh", "vim", "shutdown", "service", "ps", "free", "top", "kill",
            "mount", "ifconfig");

    public PointlessCommand() {
        super("DL3001", Level.INFO, "Command makes no sense in a Docker build",
                "Leave interactive and host-management commands (ssh, vim, service, ps, top, kill, mount) out of RUN; a build step has no terminal, services or host to manage.");
    }

    @Override
    void check(LintContext context, RunInstruction run, ShellScript script, ShellScript.Step step,
            SimpleCommand command, FindingSink sink) {
        if (NAMES.contains(command.name())) {
            sink.report(command.range(), command.name() + " in a build step: there is no terminal, init system or"
                    + " running service during a build; remove it, or do the work at container start");
        }
    }
}
