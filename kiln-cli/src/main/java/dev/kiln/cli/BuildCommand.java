package dev.kiln.cli;

import dev.kiln.build.BuildRequest;
import dev.kiln.build.BuildResult;
import dev.kiln.build.Builder;
import dev.kiln.build.context.BuildException;
import dev.kiln.build.run.Network;
import dev.kiln.oci.Platform;
import dev.kiln.ref.ImageReference;
import dev.kiln.store.ImageLocator;
import dev.kiln.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code kiln build}: a Dockerfile and its context to an image in the store or elsewhere. */
@Command(name = "build", sortOptions = false,
        description = "Build an image from a Dockerfile, without a daemon.")
final class BuildCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    enum Format { text, json }

    private final Terminal terminal;

    @ParentCommand
    KilnCommand root;

    @Mixin
    RegistryOptions registry;

    @Parameters(index = "0", paramLabel = "CONTEXT",
            description = "The build context directory; - reads a tar archive of it (or a lone Dockerfile) from stdin.")
    String contextArg;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE",
            description = "The Dockerfile (default: CONTEXT/Dockerfile); - reads it from stdin.")
    String file;

    @Option(names = {"-t", "--tag"}, paramLabel = "NAME:TAG", description = "Name the image (repeatable); a tag is required.")
    List<String> tags = new ArrayList<>();

    @Option(names = "--target", paramLabel = "STAGE", description = "Build this stage (default: the last).")
    String target;

    @Option(names = "--build-arg", paramLabel = "K[=V]",
            description = "Set a build argument (repeatable); K alone takes its value from the environment.")
    List<String> buildArgs = new ArrayList<>();

    @Option(names = "--platform", paramLabel = "OS/ARCH", converter = PlatformConverter.class, description = "Target platform (default: this machine's).")
    Platform platform;

    @Option(names = "--no-cache", description = "Run every step; results are still cached for later builds.")
    boolean noCache;

    @Option(names = "--output", paramLabel = "DEST",
            description = "store (default), oci:DIR[:TAG], docker-archive:FILE[:NAME:TAG] or a registry reference.")
    String output;

    @Option(names = "--secret", paramLabel = "id=ID,src=FILE",
            description = "A secret for RUN --mount=type=secret; never stored in the image or the cache.")
    List<String> secrets = new ArrayList<>();

    @Option(names = "--ssh", paramLabel = "default|ID[=SOCKET]",
            description = "Forward an SSH agent socket to RUN --mount=type=ssh (repeatable; default: $SSH_AUTH_SOCK).")
    List<String> ssh = new ArrayList<>();

    @Option(names = "--network", paramLabel = "MODE", description = "RUN's network: host (default) or none.")
    String network = "host";

    @Option(names = "--squash", description = "Merge the layers this build made into one (base layers kept).")
    boolean squash;

    @Option(names = "--squash-all", description = "Merge every layer into one.")
    boolean squashAll;

    @Option(names = "--init", description = "Run the app under tini (from the host's tini-static) as PID 1.")
    boolean init;

    @Option(names = "--init-binary", paramLabel = "PATH", description = "The static init binary for --init.")
    Path initBinary;

    @Option(names = "--non-root", arity = "0..1", paramLabel = "UID", fallbackValue = "10001",
            description = "Run as this uid (default 10001) and let group 0 write WORKDIR and VOLUMEs.")
    Integer nonRoot;

    @Option(names = "--tag-scheme", paramLabel = "SCHEME",
            description = "semver-build: each -t NAME[:X.Y.Z] gets the tag X.Y.Z-N (version from the tag or the "
                    + "context's git tags, N from the CI build number or a UTC timestamp).")
    String tagScheme;

    @Option(names = "--label", paramLabel = "K=V", description = "Add a label to the image (repeatable).")
    List<String> labels = new ArrayList<>();

    @Option(names = "--source-date-epoch", paramLabel = "SECONDS",
            description = "Fixed time for reproducible images (default: $SOURCE_DATE_EPOCH).")
    Long sourceDateEpoch;

    @Option(names = "--cache-from", paramLabel = "REF", description = "Read cached steps from this registry reference.")
    List<String> cacheFrom = new ArrayList<>();

    @Option(names = "--cache-to", paramLabel = "REF", description = "Write this build's cached steps to a registry reference.")
    String cacheTo;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (default) or json (one event per line).")
    Format format = Format.text;

    @Option(names = {"-q", "--quiet"}, description = "Print only the image digest.")
    boolean quiet;

    BuildCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws Exception {
        if (squash && squashAll) {
            throw new BuildException("--squash and --squash-all exclude each other");
        }
        Network net = switch (network) {
            case "host", "default" -> Network.HOST;
            case "none" -> Network.NONE;
            default -> throw new BuildException("--network " + network + ": expected host or none");
        };
        List<ImageReference> names = new ArrayList<>();
        dev.kiln.tag.TagComputer computer = tagScheme == null ? null : schemeComputer();
        for (String tag : tags) {
            ImageReference ref = ImageReference.parse(tag);
            if (computer != null && !ref.hasDigest()) {
                Optional<String> version = Optional.ofNullable(ref.tag());
                dev.kiln.tag.ComputedTag computed = computer.compute(new dev.kiln.tag.TagRequest(version,
                        version.isEmpty() && !contextArg.equals(BuildInput.STDIN) ? Optional.of(Path.of(contextArg))
                                : Optional.empty(), Optional.empty(), false));
                ref = ref.withTag(computed.tag());
            }
            if (!ref.hasTag() || ref.hasDigest()) {
                throw new BuildException("-t " + tag + ": needs a tag (kiln never assumes :latest)");
            }
            names.add(ref);
        }
        Optional<Path> tini = Optional.empty();
        if (init || initBinary != null) {
            tini = Optional.of(initBinary != null ? initBinary : defaultTini());
        }
        Optional<Instant> epoch = Optional.empty();
        String envEpoch = terminal.env("SOURCE_DATE_EPOCH");
        if (sourceDateEpoch != null) {
            epoch = Optional.of(Instant.ofEpochSecond(sourceDateEpoch));
        } else if (envEpoch != null && !envEpoch.isBlank()) {
            try {
                epoch = Optional.of(Instant.ofEpochSecond(Long.parseLong(envEpoch.strip())));
            } catch (NumberFormatException e) {
                throw new BuildException("SOURCE_DATE_EPOCH=" + envEpoch + " is not a number of seconds");
            }
        }
        try (BuildInput input = BuildInput.resolve(contextArg, file, terminal.in())) {
            return build(input, names, tini, epoch, net);
        }
    }

    private int build(BuildInput input, List<ImageReference> names, Optional<Path> tini, Optional<Instant> epoch,
            Network net) throws Exception {
        BuildRequest request = new BuildRequest(input.dockerfile(), input.context(), names, Optional.ofNullable(target),
                buildArgs(), Optional.ofNullable(platform).map(Platform::toString), noCache,
                output == null || output.equals("store") ? Optional.empty() : Optional.of(output),
                secretFiles(), net,
                squashAll ? BuildRequest.Squash.ALL : squash ? BuildRequest.Squash.NEW_LAYERS : BuildRequest.Squash.NONE,
                tini, nonRoot == null ? OptionalInt.empty() : OptionalInt.of(nonRoot), pairs(labels, "--label"), epoch,
                cacheFrom, Optional.ofNullable(cacheTo), terminal.env()).withSshAgents(sshAgents());

        BuildEvents events = new BuildEvents(terminal, format == Format.json, quiet, root.debug());
        Store store = Store.open(Store.defaultHome(terminal.env()));
        BuildResult result;
        try (LazyRegistry remote = new LazyRegistry(terminal, registry, events)) {
            result = new Builder(new ImageLocator(store, remote), remote, events).build(request);
        }
        events.finish(result);
        return ErrorHandler.OK;
    }

    private dev.kiln.tag.TagComputer schemeComputer() throws dev.kiln.tag.TagException {
        dev.kiln.tag.TagScheme.parse(tagScheme);
        return new dev.kiln.tag.TagComputer(terminal.env(), java.time.Clock.systemUTC());
    }

    private static Path defaultTini() throws BuildException {
        for (String candidate : List.of("/usr/bin/tini-static", "/usr/local/bin/tini-static", "/sbin/tini-static")) {
            if (Files.isRegularFile(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        throw new BuildException("--init needs a static tini: install tini (Debian's tini package has /usr/bin/tini-static) "
                + "or pass --init-binary PATH");
    }

    /** {@code --ssh ID[=SOCKET]}, as docker buildx: a bare id takes {@code $SSH_AUTH_SOCK}; key files are not agents. */
    private Map<String, Path> sshAgents() throws BuildException {
        Map<String, Path> out = new LinkedHashMap<>();
        for (String spec : ssh) {
            int eq = spec.indexOf('=');
            String id = eq < 0 ? spec : spec.substring(0, eq);
            String value = eq < 0 ? terminal.env("SSH_AUTH_SOCK") : spec.substring(eq + 1);
            if (id.isEmpty()) {
                throw new BuildException("--ssh " + spec + ": needs an id (default or a name)");
            }
            if (value == null || value.isEmpty()) {
                throw new BuildException("--ssh " + spec + ": SSH_AUTH_SOCK is not set; start ssh-agent or give ID=SOCKET");
            }
            if (value.contains(",")) {
                throw new BuildException("--ssh " + spec + ": one agent socket per id (key files are not forwarded; ssh-add them)");
            }
            Path socket = Path.of(value).toAbsolutePath();
            if (!isSocket(socket)) {
                throw new BuildException("--ssh " + spec + ": " + socket + " is not a socket"
                        + (Files.isRegularFile(socket) ? " (key files are not forwarded; ssh-add the key to an agent)" : ""));
            }
            out.put(id, socket);
        }
        return out;
    }

    private static boolean isSocket(Path path) {
        try {
            return Files.exists(path) && ((Integer) Files.getAttribute(path, "unix:mode") & 0170000) == 0140000;
        } catch (java.io.IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private Map<String, Path> secretFiles() throws BuildException {
        Map<String, Path> out = new LinkedHashMap<>();
        for (String spec : secrets) {
            String id = null;
            String src = null;
            for (String part : spec.split(",")) {
                int eq = part.indexOf('=');
                String key = eq < 0 ? part : part.substring(0, eq);
                String value = eq < 0 ? "" : part.substring(eq + 1);
                switch (key) {
                    case "id" -> id = value;
                    case "src", "source" -> src = value;
                    case "type" -> {
                        if (!value.equals("file")) {
                            throw new BuildException("--secret " + spec + ": only type=file is supported");
                        }
                    }
                    default -> throw new BuildException("--secret " + spec + ": unknown key '" + key + "'");
                }
            }
            if (id == null || id.isEmpty()) {
                throw new BuildException("--secret " + spec + ": needs id=ID");
            }
            Path path = Path.of(src == null || src.isEmpty() ? id : src);
            if (!Files.isRegularFile(path)) {
                throw new BuildException("--secret " + spec + ": " + path + " is not a file");
            }
            out.put(id, path.toAbsolutePath());
        }
        return out;
    }

    /** {@code --build-arg K=V}, or {@code --build-arg K} to take K from the environment (unset when it is not there). */
    private Map<String, String> buildArgs() throws BuildException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String value : buildArgs) {
            if (value.indexOf('=') < 0 && !value.isEmpty()) {
                String fromEnv = terminal.env(value);
                if (fromEnv != null) {
                    out.put(value, fromEnv);
                }
            } else {
                out.putAll(pairs(List.of(value), "--build-arg"));
            }
        }
        return out;
    }

    private static Map<String, String> pairs(List<String> values, String option) throws BuildException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String value : values) {
            int eq = value.indexOf('=');
            if (eq <= 0) {
                throw new BuildException(option + " " + value + ": expected KEY=VALUE");
            }
            out.put(value.substring(0, eq), value.substring(eq + 1));
        }
        return out;
    }
}
