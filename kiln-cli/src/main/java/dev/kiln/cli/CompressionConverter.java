package dev.kiln.cli;

import dev.kiln.tar.Compression;
import picocli.CommandLine.ITypeConverter;

/** Parses {@code gzip}, {@code zstd} or {@code none} with a message naming the choices. */
final class CompressionConverter implements ITypeConverter<Compression> {
    @Override
    public Compression convert(String value) {
        return Compression.parse(value);
    }
}
