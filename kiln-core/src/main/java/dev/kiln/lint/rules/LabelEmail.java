package dev.kiln.lint.rules;

import dev.kiln.lint.LabelType;

/** DL3058: an {@code email} label that is not an address ({@code local@domain}, RFC 5322 addr-spec, dot-atom form). */
public final class LabelEmail extends LabelFormatRule {

    public LabelEmail() {
        super("DL3058", LabelType.EMAIL, "Label is not a valid email format - must conform to RFC5322",
                "an email address such as team@example.com");
    }

    @Override
    boolean valid(String value) {
        return value.matches("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                + "@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+");
    }
}
