package dev.kiln.dockerfile.parser;

/** Go's notions of white space, which BuildKit's parser uses, so splits match it exactly. */
final class GoText {

    private GoText() {
    }

    /** Go's unicode.IsSpace. */
    static boolean isSpace(char c) {
        switch (c) {
            case '\t': case '\n': case 0x0B: case '\f': case '\r': case ' ': case 0x85: case 0xA0:
            case 0x1680: case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000:
                return true;
            default:
                return c >= 0x2000 && c <= 0x200A;
        }
    }

    /** BuildKit's {@code [\t\v\f\r ]}: the separator of keyword and plain arguments. */
    static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == 0x0B || c == '\f' || c == '\r';
    }
}
