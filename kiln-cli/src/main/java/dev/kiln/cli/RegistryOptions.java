package dev.kiln.cli;

import dev.kiln.KilnException;
import dev.kiln.registry.RegistryConfig;
import dev.kiln.registry.RegistrySettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * Options shared by the commands that talk to registries. Settings come from {@code .kiln.yaml}'s
 * {@code registries:} section (in the working directory, or the file {@code KILN_CONFIG} names), then
 * these options.
 */
final class RegistryOptions {

    @Option(names = "--insecure-registry", paramLabel = "HOST",
            description = "Allow plain HTTP or unverified TLS for HOST[:PORT] (repeatable). Loopback hosts always use HTTP.")
    List<String> insecure = new ArrayList<>();

    @Option(names = "--cert-dir", paramLabel = "DIR",
            description = "TLS files in Docker's certs.d layout: DIR/HOST[:PORT]/ca.crt, client.cert, client.key "
                    + "(or those files directly in DIR).")
    Path certDir;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "Blob transfers at once (default: 4).")
    Integer jobs;

    RegistryConfig config(Terminal terminal) throws KilnException {
        RegistryConfig config = RegistrySettings.apply(RegistryConfig.DEFAULT, KilnConfigFile.of(terminal));
        if (!insecure.isEmpty()) {
            Set<String> hosts = new HashSet<>(config.insecureHosts());
            hosts.addAll(insecure);
            config = config.withInsecureHosts(hosts);
        }
        if (certDir != null) {
            config = config.withCertDir(Optional.of(certDir));
        }
        if (jobs != null) {
            if (jobs < 1 || jobs > 64) {
                throw new IllegalArgumentException("--jobs: expected 1 to 64, got " + jobs);
            }
            config = config.withParallelism(jobs);
        }
        return config;
    }
}
