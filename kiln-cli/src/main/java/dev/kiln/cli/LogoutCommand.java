package dev.kiln.cli;

import dev.kiln.registry.auth.CredentialStore;
import dev.kiln.registry.auth.Redactor;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code kiln logout}: forgets a registry's credentials in its helper and config.json. */
@Command(name = "logout", description = "Remove stored credentials for a registry.")
final class LogoutCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    private final Terminal terminal;

    @Parameters(index = "0", paramLabel = "REGISTRY", description = "Registry host[:port].")
    String host;

    LogoutCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws Exception {
        String server = RegistryHost.of(host);
        boolean had = new CredentialStore(terminal.env(), new Redactor()).erase(server);
        terminal.out().println(had ? "Removed credentials for " + server : "Not logged in to " + server);
        return ErrorHandler.OK;
    }
}
