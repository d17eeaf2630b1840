package dev.kiln.dockerfile.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.dockerfile.ast.CopyInstruction;
import dev.kiln.dockerfile.ast.Dockerfile;
import dev.kiln.dockerfile.ast.Dump;
import dev.kiln.dockerfile.ast.Heredoc;
import dev.kiln.dockerfile.ast.Instruction;
import dev.kiln.dockerfile.ast.OnbuildInstruction;
import dev.kiln.dockerfile.ast.RunInstruction;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Here-documents as the Dockerfile reference's heredoc section describes them. */
class HeredocTest {

    private static Dockerfile parse(String text) throws DockerfileParseException {
        return DockerfileParser.parse("Dockerfile", text);
    }

    private static Instruction second(String text) throws DockerfileParseException {
        return parse(text).instructions().get(1);
    }

    @Test
    void runHeredocBodyIsReadUpToItsDelimiterAndLaterInstructionsFollow() throws Exception {
        Dockerfile d = parse("FROM debian\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF\nUSER app\n");
        RunInstruction run = (RunInstruction) d.instructions().get(1);
        Heredoc h = run.heredocs().get(0);
        assertThat(h.name()).isEqualTo("EOF");
        assertThat(h.content()).isEqualTo("apt-get update\napt-get install -y curl\n");
        assertThat(h.expand()).isTrue();
        assertThat(h.chomp()).isFalse();
        assertThat(h.markerRange().textOf(d.source())).isEqualTo("<<EOF");
        assertThat(h.contentRange().startLine()).isEqualTo(3);
        assertThat(h.terminatorRange().startLine()).isEqualTo(5);
        assertThat(run.range().startLine()).isEqualTo(2);
        assertThat(run.range().endLine()).isEqualTo(5);
        assertThat(d.instructions().get(2).range().startLine()).isEqualTo(6);
        assertThat(Dump.of(d.syntax())).isEqualTo("(from \"debian\")\n(run \"<<EOF\")\n(user \"app\")\n");
    }

    @Test
    void dashHeredocMatchesATabIndentedDelimiterAndStripsTabsOnlyOnRequest() throws Exception {
        Heredoc h = second("FROM alpine\nRUN <<-EOT sh\n\techo hi\n\t\techo there\n\tEOT\n").heredocs().get(0);
        assertThat(h.chomp()).isTrue();
        assertThat(h.content()).isEqualTo("\techo hi\n\t\techo there\n");
        assertThat(h.strippedContent()).isEqualTo("echo hi\necho there\n");
    }

    @Test
    void quotedDelimitersTurnOffExpansion() throws Exception {
        for (String marker : List.of("<<\"EOF\"", "<<'EOF'", "<<E\"O\"F")) {
            Heredoc h = second("FROM alpine\nRUN " + marker + "\necho $HOME\nEOF\n").heredocs().get(0);
            assertThat(h.name()).as(marker).isEqualTo("EOF");
            assertThat(h.expand()).as(marker).isFalse();
            assertThat(h.content()).isEqualTo("echo $HOME\n");
        }
    }

    @Test
    void severalHeredocsInOneCopyAreReadInOrder() throws Exception {
        CopyInstruction copy = (CopyInstruction) second("FROM nginx\n"
                + "COPY <<robots.txt <<humans.txt /usr/share/nginx/html/\n"
                + "User-agent: *\nrobots.txt\n"
                + "Kiln team\nhumans.txt\n"
                + "EXPOSE 80\n");
        assertThat(copy.heredocs()).extracting(Heredoc::name).containsExactly("robots.txt", "humans.txt");
        assertThat(copy.heredocs()).extracting(Heredoc::content).containsExactly("User-agent: *\n", "Kiln team\n");
        assertThat(copy.sources()).extracting(w -> w.raw()).containsExactly("<<robots.txt", "<<humans.txt");
        assertThat(copy.destination().raw()).isEqualTo("/usr/share/nginx/html/");
    }

    @Test
    void severalHeredocsInOneRunWithFileDescriptorsAndSpaces() throws Exception {
        Instruction run = second("FROM alpine\nRUN <<FILE1 cat > file1 && 3<< FILE2 cat /proc/self/fd/3\n"
                + "one\nFILE1\ntwo\nFILE2\n");
        assertThat(run.heredocs()).extracting(Heredoc::name).containsExactly("FILE1", "FILE2");
        assertThat(run.heredocs().get(1).fileDescriptor()).isEqualTo(3);
        assertThat(run.heredocs().get(1).content()).isEqualTo("two\n");
    }

    @Test
    void heredocAfterFlagsAndContinuationIsFound() throws Exception {
        RunInstruction run = (RunInstruction) second("FROM golang\nRUN --mount=type=cache,target=/root/.cache \\\n"
                + "  --network=none <<EOT\n  go build\nEOT\n");
        assertThat(run.heredocs()).singleElement().extracting(Heredoc::content).isEqualTo("  go build\n");
        assertThat(run.network()).contains("none");
        assertThat(run.heredocs().get(0).markerRange().startLine()).isEqualTo(3);
    }

    @Test
    void execFormQuotedMarkersAndHereStringsAreNotHeredocs() throws Exception {
        assertThat(second("FROM a\nRUN [\"<<EOF\"]\n").heredocs()).isEmpty();
        assertThat(second("FROM a\nRUN echo \"<<EOF\"\n").heredocs()).isEmpty();
        assertThat(second("FROM a\nRUN cat <<<\"word\"\n").heredocs()).isEmpty();
        assertThat(second("FROM a\nENV A=<<EOF\n").heredocs()).isEmpty();
    }

    @Test
    void onbuildTriggerCarriesItsHeredoc() throws Exception {
        OnbuildInstruction on = (OnbuildInstruction) second("FROM a\nONBUILD RUN <<EOF\necho hi\nEOF\n");
        assertThat(on.trigger().heredocs()).singleElement().extracting(Heredoc::content).isEqualTo("echo hi\n");
    }

    @Test
    void crlfBodyKeepsItsLineEndingsAndStillFindsTheDelimiter() throws Exception {
        Heredoc h = second("FROM a\r\nRUN <<EOF\r\necho hi\r\nEOF\r\n").heredocs().get(0);
        assertThat(h.content()).isEqualTo("echo hi\r\n");
    }

    @Test
    void unterminatedHeredocIsALocatedError() {
        assertThatThrownBy(() -> parse("FROM a\nRUN <<EOF\necho hi\n"))
                .isInstanceOf(DockerfileParseException.class)
                .hasMessage("Dockerfile:2:5: unterminated heredoc EOF");
    }
}
