package dev.kiln.cli;

/** {@code --format text|json}: people read text, programs read JSON. */
enum OutputFormat {
    text,
    json
}
