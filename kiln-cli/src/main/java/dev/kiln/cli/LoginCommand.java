package dev.kiln.cli;

import dev.kiln.registry.Ping;
import dev.kiln.registry.RegistrySession;
import dev.kiln.registry.auth.Credential;
import dev.kiln.registry.auth.CredentialStore;
import dev.kiln.registry.auth.Redactor;
import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code kiln login}: checks credentials against the registry, then keeps them where Docker's tools
 * find them (the host's credential helper, else config.json).
 */
@Command(name = "login", description = "Log in to a registry (checks the credentials, then stores them like docker login).")
final class LoginCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    private final Terminal terminal;

    @ParentCommand
    KilnCommand root;

    @Mixin
    RegistryOptions registry;

    @Parameters(index = "0", paramLabel = "REGISTRY", description = "Registry host[:port], e.g. ghcr.io or 127.0.0.1:5000.")
    String host;

    @Option(names = {"-u", "--username"}, paramLabel = "USER", description = "User name (asked on a terminal when missing).")
    String username;

    @Option(names = "--password-stdin", description = "Read the password (or token) from standard input.")
    boolean passwordStdin;

    @Option(names = {"-p", "--password"}, paramLabel = "PASSWORD",
            description = "Password on the command line (visible to other users; prefer --password-stdin).")
    String password;

    LoginCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws Exception {
        String server = RegistryHost.of(host);
        String user = username;
        String secret = password;
        Console console = terminal.interactive() ? System.console() : null;
        if (passwordStdin) {
            if (secret != null) {
                throw new IllegalArgumentException("--password and --password-stdin are mutually exclusive");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(terminal.in(), StandardCharsets.UTF_8));
            secret = reader.readLine();
        } else if (secret != null) {
            terminal.err().println("kiln: warning: --password leaves the password in the shell history; use --password-stdin");
        }
        if (user == null && console != null) {
            user = console.readLine("Username: ");
        }
        if (secret == null && console != null) {
            char[] typed = console.readPassword("Password: ");
            secret = typed == null ? null : new String(typed);
        }
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("login to " + server + ": no user name (use --username)");
        }
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("login to " + server + ": no password (use --password-stdin)");
        }
        Credential.UserPassword credential = new Credential.UserPassword(user, secret.strip());
        Redactor redactor = new Redactor();
        CredentialStore store = new CredentialStore(terminal.env(), redactor);
        ConsoleEvents events = new ConsoleEvents(terminal, root.debug(), false);
        try (RegistrySession session = new RegistrySession(registry.config(terminal), store.withOverride(server, credential),
                redactor, events, Clock.systemUTC())) {
            new Ping(session.host(server)).check();
        }
        String where = store.store(server, credential);
        terminal.out().println("Logged in to " + server + " as " + user + " (credentials in " + where + ")");
        return ErrorHandler.OK;
    }
}
