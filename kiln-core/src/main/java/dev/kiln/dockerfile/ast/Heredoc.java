package dev.kiln.dockerfile.ast;

/**
 * A here-document of a RUN, COPY or ADD in shell form ({@code <<EOF}, {@code <<-EOF}, {@code <<"EOF"},
 * {@code 3<<EOF}).
 *
 * @param name            the delimiter with its quotes removed
 * @param expand          false when any part of the delimiter was quoted: the body is then taken literally
 * @param chomp           true for {@code <<-}: leading tabs are stripped from the body (see {@link #strippedContent()})
 * @param fileDescriptor  the number written before {@code <<}, 0 when none
 * @param content         the body lines exactly as written, each with its {@code \n}; leading tabs kept
 * @param markerRange     the {@code <<EOF} word in the instruction line
 * @param contentRange    the body lines (empty range when the body is empty)
 * @param terminatorRange the delimiter line that ends the body
 */
public record Heredoc(String name, boolean expand, boolean chomp, int fileDescriptor, String content,
        SourceRange markerRange, SourceRange contentRange, SourceRange terminatorRange) {

    /** The body as the shell or the file receives it: leading tabs removed from every line when {@link #chomp()}. */
    public String strippedContent() {
        if (!chomp) {
            return content;
        }
        StringBuilder out = new StringBuilder(content.length());
        boolean lineStart = true;
        for (int i = 0; i < content.length(); i++) {
            char c = content.charAt(i);
            if (lineStart && c == '\t') {
                continue;
            }
            lineStart = c == '\n';
            out.append(c);
        }
        return out.toString();
    }
}
