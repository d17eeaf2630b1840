package dev.kiln.cli;

import dev.kiln.build.CommandNotRunnableException;
import dev.kiln.build.ContainerRun;
import dev.kiln.build.run.Network;
import dev.kiln.build.run.RunResult;
import dev.kiln.build.run.RunSpec;
import dev.kiln.build.run.Sandbox;
import dev.kiln.build.run.Sandboxes;
import dev.kiln.build.snapshot.Snapshotter;
import dev.kiln.build.snapshot.Snapshotters;
import dev.kiln.image.Image;
import dev.kiln.image.ImageSource;
import dev.kiln.image.Images;
import dev.kiln.oci.Platform;
import dev.kiln.registry.RegistryImages;
import dev.kiln.registry.RegistrySession;
import dev.kiln.store.ImageLocator;
import dev.kiln.store.Store;
import dev.kiln.store.UnpackedLayers;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code kiln run REF [CMD...]}: runs a command in an image, isolated like a build's RUN steps, in a
 * throwaway root; the exit code is the command's.
 */
@Command(name = "run", description = {
        "Run a command in an image, isolated (mount, PID, IPC, UTS namespaces; --network none adds a network one).",
        "Nothing the command writes is kept. The exit code is the command's; kiln's own errors are 1 and 2.",
        "KILN_RUNTIME=crun|runc|chroot chooses the sandbox, KILN_SNAPSHOTTER=overlay|walk the root filesystem."})
final class RunCommand implements Callable<Integer>, PassesArguments {

    @Mixin
    HelpOption help;

    private final Terminal terminal;

    @ParentCommand
    KilnCommand root;

    @Mixin
    RegistryOptions registry;

    @Parameters(index = "0", paramLabel = "REF",
            description = "The image: a store name, oci:DIR[:TAG], oci-archive:FILE, docker-archive:FILE, docker://REF.")
    String ref;

    @Parameters(index = "1..*", paramLabel = "CMD", description = "Command and arguments (default: the image's Cmd).")
    List<String> command = new ArrayList<>();

    @Option(names = {"-u", "--user"}, paramLabel = "USER[:GROUP]", description = "Run as this user (name or uid).")
    String user;

    @Option(names = {"-w", "--workdir"}, paramLabel = "DIR", description = "Working directory inside the container.")
    String workdir;

    @Option(names = {"-e", "--env"}, paramLabel = "NAME=VALUE", description = "Set an environment variable (repeatable).")
    List<String> env = new ArrayList<>();

    @Option(names = "--entrypoint", paramLabel = "CMD", description = "Replace the image's entrypoint (\"\" clears it).")
    String entrypoint;

    @Option(names = "--network", paramLabel = "host|none", description = "Network: the host's (default) or none.")
    String network = "host";

    @Option(names = {"-i", "--interactive"}, description = "Pass kiln's standard input to the command.")
    boolean interactive;

    @Option(names = "--rm", description = "Accepted for Docker compatibility: runs never keep anything.")
    boolean rm;

    @Option(names = "--platform", paramLabel = "OS/ARCH", converter = PlatformConverter.class, description = "Which image of a multi-platform REF (default: this machine's).")
    Platform platform;

    @Option(names = "--bench", hidden = true, paramLabel = "N",
            description = "Time N RUN-step cycles (root, sandbox, snapshot, layer) in this JVM and print the mean.")
    int bench;

    /** kiln itself could not start the container (Docker's 125). */
    static final int CANNOT_START = 125;

    RunCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws Exception {
        Network mode;
        try {
            mode = Network.parse(network);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), e.getMessage());
        }
        for (String entry : env) {
            if (entry.indexOf('=') <= 0) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                        "-e takes NAME=VALUE, got '" + entry + "'");
            }
        }
        ConsoleEvents events = new ConsoleEvents(terminal, root.debug(), false);
        try {
            Store store = Store.open(Store.defaultHome(terminal.env()));
            // The lease keeps gc from deleting the unpacked lowers and the workspace while the container runs.
            try (Store.Lease lease = store.lease()) {
                return run(store, mode, events);
            }
        } catch (picocli.CommandLine.ParameterException e) {
            throw e;
        } catch (Exception e) {
            // Docker's convention, so kiln's failures never pass for the command's own exit codes
            terminal.err().println("kiln: error: " + dev.kiln.TerminalText.safe(ErrorHandler.message(e)));
            if (root.debug()) {
                e.printStackTrace(terminal.err());
            }
            return e instanceof CommandNotRunnableException notRunnable ? notRunnable.exitStatus() : CANNOT_START;
        }
    }

    private Integer run(Store store, Network mode, ConsoleEvents events) throws Exception {
        Sandbox sandbox = Sandboxes.select(terminal.env());
        Snapshotter snapshotter = Snapshotters.select(terminal.env(), store.ingestDir());
        List<String> entry = entrypoint == null ? null : entrypoint.isEmpty() ? List.of() : List.of(entrypoint);
        ContainerRun.Request request = new ContainerRun.Request(command, entry, user, workdir, env, mode,
                interactive ? RunSpec.Stdin.INHERIT : RunSpec.Stdin.NULL);
        try (RegistrySession session = RegistrySession.create(registry.config(terminal), terminal.env(), events)) {
            ImageLocator locator = new ImageLocator(store, new RegistryImages(session));
            try (ImageSource source = locator.source(ref)) {
                Image image = Images.resolve(source, java.util.Optional.ofNullable(platform));
                if (bench > 0) {
                    return RunBench.run(terminal, image, new UnpackedLayers(store, events), snapshotter, sandbox, request,
                            store.ingestDir(), bench);
                }
                RunResult result = ContainerRun.run(image, new UnpackedLayers(store, events), snapshotter, sandbox, request,
                        store.ingestDir(), new TerminalOutput(terminal));
                return result.exitCode();
            }
        }
    }
}
