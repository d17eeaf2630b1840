package dev.kiln.cli;

import dev.kiln.oci.Platform;
import picocli.CommandLine.ITypeConverter;

/** Parses {@code --platform os/arch[/variant]}, e.g. {@code linux/arm64}. */
final class PlatformConverter implements ITypeConverter<Platform> {
    @Override
    public Platform convert(String value) {
        try {
            return Platform.parse(value);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
