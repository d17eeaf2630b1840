package dev.kiln.lint.rules;

import dev.kiln.dockerfile.ast.ExposeInstruction;
import dev.kiln.dockerfile.ast.Word;
import dev.kiln.lint.FindingSink;
import dev.kiln.lint.Level;
import dev.kiln.lint.LintContext;

/** DL3011: EXPOSE of a port outside 0..65535 (also in a range {@code 8000-70000/tcp}). */
public final class ExposePortRange extends BaseRule {

    public ExposePortRange() {
        super("DL3011", Level.ERROR, "Valid UNIX ports range from 0 to 65535",
                "EXPOSE only ports from 0 to 65535; anything else is a typo that breaks the image's metadata.");
    }

    @Override
    public void check(LintContext context, FindingSink sink) {
        for (ExposeInstruction e : Instructions.all(context, ExposeInstruction.class, true)) {
            for (Word port : e.ports()) {
                if (port.hasVariable()) {
                    continue;
                }
                String v = port.value();
                int slash = v.indexOf('/');
                String number = slash >= 0 ? v.substring(0, slash) : v;
                for (String part : number.split("-", -1)) {
                    if (!Names.digits(part) || part.length() > 6 || Integer.parseInt(part) > 65535) {
                        sink.report(port.range(), "EXPOSE " + v + ": ports are numbers from 0 to 65535 (with an"
                                + " optional /tcp, /udp or /sctp); correct the port");
                        break;
                    }
                }
            }
        }
    }
}
