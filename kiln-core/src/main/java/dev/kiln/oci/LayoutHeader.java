package dev.kiln.oci;

/**
 * The {@code oci-layout} file of an image layout: {@code {"imageLayoutVersion":"1.0.0"}}. Any 1.x
 * version is read; 1.0.0 is written.
 */
public record LayoutHeader(String imageLayoutVersion) {

    public static final LayoutHeader CURRENT = new LayoutHeader("1.0.0");

    public static LayoutHeader parse(byte[] json, String what) throws ImageFormatException {
        return JsonIn.decode(what, json, in -> {
            String version = in.requiredString("imageLayoutVersion");
            if (!version.equals("1.0.0") && !version.startsWith("1.")) {
                throw in.fail("imageLayoutVersion", "unsupported version '" + version + "' (kiln reads 1.x)");
            }
            return new LayoutHeader(version);
        });
    }

    public byte[] toJson() {
        return JsonOut.object(out -> out.string("imageLayoutVersion", imageLayoutVersion));
    }
}
