package dev.kiln.build;

import dev.kiln.build.run.Network;
import dev.kiln.ref.ImageReference;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One {@code kiln build}, as the command line states it.
 *
 * @param dockerfile      the Dockerfile to read
 * @param context         the build context directory
 * @param tags            names for the image in the store (or the output's name)
 * @param target          the stage to build; the last one when empty
 * @param buildArgs       {@code --build-arg} values
 * @param platform        the target platform ({@code linux/amd64}); the host's when empty
 * @param noCache         run every step, still recording results for later builds
 * @param output          where the image goes besides the store: {@code oci:DIR}, {@code docker-archive:FILE},
 *                        a registry reference; empty for the store
 * @param secrets         {@code --secret id=X,src=F}
 * @param network         RUN's default network
 * @param squash          layer merging after the build
 * @param initBinary      {@code --init}: the static tini to put in the image
 * @param nonRootUid      {@code --non-root}: the uid to run as
 * @param labels          {@code --label} values added to the final image
 * @param sourceDateEpoch {@code SOURCE_DATE_EPOCH}: fixed times and clamped mtimes
 * @param cacheFrom       registry references to read cached steps from
 * @param cacheTo         a registry reference to write this build's cached steps to
 * @param env             the process environment (runtime and snapshotter choice)
 * @param sshAgents       {@code --ssh ID=SOCKET}: agent sockets for {@code RUN --mount=type=ssh}
 */
public record BuildRequest(Path dockerfile, Path context, List<ImageReference> tags, Optional<String> target,
        Map<String, String> buildArgs, Optional<String> platform, boolean noCache, Optional<String> output,
        Map<String, Path> secrets, Network network, Squash squash, Optional<Path> initBinary, OptionalInt nonRootUid,
        Map<String, String> labels, Optional<Instant> sourceDateEpoch, List<String> cacheFrom, Optional<String> cacheTo,
        Map<String, String> env, Map<String, Path> sshAgents) {

    /** {@code --squash}: this build's layers into one; {@code --squash-all}: everything into one. */
    public enum Squash { NONE, NEW_LAYERS, ALL }

    public BuildRequest {
        Objects.requireNonNull(dockerfile, "dockerfile");
        Objects.requireNonNull(context, "context");
        tags = List.copyOf(tags);
        buildArgs = Map.copyOf(buildArgs);
        secrets = Map.copyOf(secrets);
        labels = Map.copyOf(labels);
        cacheFrom = List.copyOf(cacheFrom);
        env = Map.copyOf(env);
        sshAgents = Map.copyOf(sshAgents);
    }

    /** A request without {@code --ssh}. */
    public BuildRequest(Path dockerfile, Path context, List<ImageReference> tags, Optional<String> target,
            Map<String, String> buildArgs, Optional<String> platform, boolean noCache, Optional<String> output,
            Map<String, Path> secrets, Network network, Squash squash, Optional<Path> initBinary, OptionalInt nonRootUid,
            Map<String, String> labels, Optional<Instant> sourceDateEpoch, List<String> cacheFrom, Optional<String> cacheTo,
            Map<String, String> env) {
        this(dockerfile, context, tags, target, buildArgs, platform, noCache, output, secrets, network, squash, initBinary,
                nonRootUid, labels, sourceDateEpoch, cacheFrom, cacheTo, env, Map.of());
    }

    /** The same request with {@code --ssh} agents. */
    public BuildRequest withSshAgents(Map<String, Path> agents) {
        return new BuildRequest(dockerfile, context, tags, target, buildArgs, platform, noCache, output, secrets, network,
                squash, initBinary, nonRootUid, labels, sourceDateEpoch, cacheFrom, cacheTo, env, agents);
    }

    /** A plain build of {@code context/Dockerfile} into the store with these tags. */
    public static BuildRequest of(Path context, List<ImageReference> tags, Map<String, String> env) {
        return new BuildRequest(context.resolve("Dockerfile"), context, tags, Optional.empty(), Map.of(), Optional.empty(),
                false, Optional.empty(), Map.of(), Network.HOST, Squash.NONE, Optional.empty(), OptionalInt.empty(),
                Map.of(), Optional.empty(), List.of(), Optional.empty(), env);
    }
}
