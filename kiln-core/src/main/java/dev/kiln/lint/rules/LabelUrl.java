package dev.kiln.lint.rules;

import dev.kiln.lint.LabelType;

/** DL3052: a {@code url} label that is not an absolute URI (RFC 3986: a scheme, a colon, no spaces). */
public final class LabelUrl extends LabelFormatRule {

    public LabelUrl() {
        super("DL3052", LabelType.URL, "Label is not a valid URL", "an absolute URL (https://...)");
    }

    @Override
    boolean valid(String value) {
        if (!value.matches("[A-Za-z][A-Za-z0-9+.-]*:[^\\s]+")) {
            return false;
        }
        try {
            return new java.net.URI(value).isAbsolute();
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }
}
