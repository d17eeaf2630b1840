package dev.kiln.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.ref.ImageReference;
import dev.kiln.registry.RegistryImages;
import dev.kiln.registry.RegistrySession;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code kiln tags REPO}: the tags of a registry repository, one per line or as JSON. */
@Command(name = "tags", description = "List the tags of a repository in its registry.")
final class TagsCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    enum Format { text, json }

    private final Terminal terminal;

    @ParentCommand
    KilnCommand root;

    @Mixin
    RegistryOptions registry;

    @Parameters(index = "0", paramLabel = "REPO",
            description = "Repository, e.g. 127.0.0.1:5000/app, ghcr.io/org/app or debian (docker.io/library/debian); "
                    + "a docker:// prefix, a tag or a digest is ignored.")
    String repository;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (one tag per line) or json.")
    Format format = Format.text;

    TagsCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws Exception {
        String text = repository.startsWith("docker://") ? repository.substring("docker://".length()) : repository;
        ImageReference reference = ImageReference.parse(text).repositoryOnly();
        ConsoleEvents events = new ConsoleEvents(terminal, root.debug(), false);
        try (RegistrySession session = RegistrySession.create(registry.config(terminal), terminal.env(), events)) {
            List<String> tags = new RegistryImages(session).tags(reference);
            if (format == Format.json) {
                terminal.out().println(new ObjectMapper().writeValueAsString(tags));
            } else {
                tags.forEach(terminal.out()::println);
            }
        }
        return ErrorHandler.OK;
    }
}
