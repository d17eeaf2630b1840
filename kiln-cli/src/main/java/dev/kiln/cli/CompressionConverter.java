package dev.kiln.cli;

import dev.kiln.tar.Compression;
import picocli.CommandLine.ITypeConverter;

/** Parses {@code gzip}, {@code zstd} or {@code none} with a message naming the choices. */
final class CompressionConverter implements ITypeConverter<Compression> {
    @Override
    public Compression convert(String value) {
        try {
            return Compression.parse(value);
        } catch (IllegalArgumentException e) {
            // A TypeConversionException's message is shown as is, without the exception's class name.
            throw new picocli.CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
