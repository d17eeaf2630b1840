package dev.kiln.cli;

/**
 * Marks a command whose arguments after the first positional belong to a program it runs
 * ({@code kiln run IMAGE sh -c 'x'}): options there are not kiln's, as with {@code docker run}.
 */
interface PassesArguments {
}
