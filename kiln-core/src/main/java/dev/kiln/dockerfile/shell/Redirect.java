package dev.kiln.dockerfile.shell;

import dev.kiln.dockerfile.ast.SourceRange;
import java.util.Optional;

/** A redirection such as {@code > /dev/null}, {@code 2>&1} or {@code <<EOF}. */
public record Redirect(String operator, Optional<ShellWord> target, SourceRange range) {
}
