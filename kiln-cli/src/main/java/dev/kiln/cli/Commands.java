package dev.kiln.cli;

import java.util.List;

/** Every subcommand, in the order `kiln --help` lists them. One line per command keeps merges easy. */
final class Commands {

    private Commands() {
    }

    static List<Object> all(Terminal terminal) {
        return List.of(
                HelpCommand.class,
                LintCommand.class,
                FixCommand.class,
                PullCommand.class,
                PushCommand.class,
                CopyCommand.class,
                LoginCommand.class,
                LogoutCommand.class,
                TagsCommand.class,
                ParseCommand.class,
                LayerCommand.class,
                SquashCommand.class,
                TagCommand.class,
                ImportCommand.class,
                ImagesCommand.class,
                InspectCommand.class,
                ExportCommand.class,
                LoadCommand.class,
                RmiCommand.class,
                GcCommand.class,
                AnalyzeCommand.class,
                RunCommand.class,
                BuildCommand.class
        );
    }
}
