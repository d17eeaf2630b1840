package dev.kiln.lint.rules;

import dev.kiln.lint.LabelType;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** DL3053: an {@code rfc3339} label that is not an RFC 3339 timestamp ({@code 2024-05-01T12:00:00Z}). */
public final class LabelRfc3339 extends LabelFormatRule {

    public LabelRfc3339() {
        super("DL3053", LabelType.RFC3339, "Label is not a valid time format - must conform to RFC3339",
                "an RFC 3339 time such as 2024-05-01T12:00:00Z");
    }

    @Override
    boolean valid(String value) {
        if (!value.matches("\\d{4}-\\d{2}-\\d{2}[Tt ]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?([Zz]|[+-]\\d{2}:\\d{2})")) {
            return false;
        }
        try {
            OffsetDateTime.parse(value.replace(' ', 'T').replace('t', 'T').replace('z', 'Z'));
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
