package dev.kiln.dockerfile.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.dockerfile.ast.Dockerfile;
import dev.kiln.dockerfile.ast.Instruction;
import dev.kiln.dockerfile.parser.DockerfileParser;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Finding the commands of RUN scripts, with positions in the Dockerfile. */
class ShellScriptTest {

    private static List<String> names(String script) throws Exception {
        return ShellScript.parse(script).commands().stream().map(SimpleCommand::name).toList();
    }

    @Test
    void splitsOnEveryOperatorAndNewline() throws Exception {
        assertThat(names("a && b || c; d | e & f\ng |& h")).containsExactly("a", "b", "c", "d", "e", "f", "g", "h");
    }

    @Test
    void quotesAndEscapesKeepOperatorsInsideWords() throws Exception {
        List<SimpleCommand> c = ShellScript.parse("echo 'a && b' \"c; d\" e\\;f && true").commands();
        assertThat(c).hasSize(2);
        assertThat(c.get(0).arguments()).extracting(ShellWord::value).containsExactly("a && b", "c; d", "e;f");
    }

    @Test
    void commandSubstitutionsSubshellsGroupsAndControlFlowAreSeenThrough() throws Exception {
        assertThat(names("x=$(curl -s u | jq .v) && ( cd /a && make ) && { ls; rm x; }")).containsExactly(
                "curl", "jq", "", "cd", "make", "ls", "rm");
        assertThat(names("if [ -f a ]; then apt-get update; elif b; then c; else d; fi")).containsExactly(
                "[", "apt-get", "b", "c", "d");
        assertThat(names("for p in a b c; do pip install $p; done; while read l; do echo $l; done < f"))
                .containsExactly("pip", "read", "echo");
        assertThat(names("case \"$ARCH\" in amd64) A=x86_64 ;; arm64|aarch64) wget u ;; *) exit 1 ;; esac"))
                .containsExactly("", "wget", "exit");
        assertThat(names("echo `date +%s` $((1 + 2))")).containsExactly("date", "echo");
    }

    @Test
    void assignmentsRedirectionsAndFileDescriptorsAreNotArguments() throws Exception {
        SimpleCommand c = ShellScript.parse("DEBIAN_FRONTEND=noninteractive apt-get install -y x >/dev/null 2>&1")
                .commands().get(0);
        assertThat(c.assignments()).extracting(ShellWord::raw).containsExactly("DEBIAN_FRONTEND=noninteractive");
        assertThat(c.name()).isEqualTo("apt-get");
        assertThat(c.arguments()).extracting(ShellWord::value).containsExactly("install", "-y", "x");
        assertThat(c.redirects()).extracting(Redirect::operator).containsExactly(">", "2>&");
    }

    @Test
    void wrappersAreSeenThroughAndFlagsFoundInCombinedShortOptions() throws Exception {
        ShellScript s = ShellScript.parse("sudo -E env A=1 nice -n 5 apt-get -qy install --no-install-recommends curl $buildDeps"
                + " && time apt-get --assume-yes upgrade && xargs -n 1 apt-get remove");
        List<SimpleCommand> apt = s.commandsNamed("apt-get");
        assertThat(apt).hasSize(3);
        SimpleCommand install = apt.get(0);
        assertThat(install.assignments()).extracting(ShellWord::raw).containsExactly("A=1");
        assertThat(install.subcommand().orElseThrow().value()).isEqualTo("install");
        assertThat(install.hasFlag("-y")).isTrue();
        assertThat(install.hasFlag("-q")).isTrue();
        assertThat(install.hasFlag("-n")).isFalse();
        assertThat(install.hasFlag("--no-install-recommends")).isTrue();
        assertThat(install.operands()).extracting(ShellWord::value).containsExactly("curl", "$buildDeps");
        assertThat(install.operands().get(1).isVariable()).isTrue();
        assertThat(install.operands().get(0).isVariable()).isFalse();
        assertThat(apt.get(1).hasAnyFlag("-y", "--yes", "--assume-yes")).isTrue();
        assertThat(apt.get(2).subcommand().orElseThrow().value()).isEqualTo("remove");
    }

    @Test
    void wordPositionsMapBackAcrossLineContinuations() throws Exception {
        Dockerfile d = DockerfileParser.parse("Dockerfile", "FROM debian\nRUN apt-get update \\\n"
                + "    # refresh lists first\n    && apt-get install -y \\\n\tcurl \\\n\n    git\n");
        Instruction run = d.instructions().get(1);
        ShellScript script = ShellScript.of(d, run);
        SimpleCommand install = script.commandsNamed("apt-get").get(1);
        ShellWord git = install.operands().get(1);
        assertThat(git.value()).isEqualTo("git");
        assertThat(git.range().start().line()).isEqualTo(7);
        assertThat(git.range().start().column()).isEqualTo(5);
        assertThat(git.range().textOf(d.source())).isEqualTo("git");
        ShellWord curl = install.operands().get(0);
        assertThat(curl.range().start().line()).isEqualTo(5);
        assertThat(curl.range().textOf(d.source())).isEqualTo("curl");
        assertThat(install.range().start().line()).isEqualTo(4);
        assertThat(install.range().textOf(d.source())).startsWith("apt-get install").endsWith("git");
    }

    @Test
    void runHeredocScriptsAreTokenizedWithTheirLines() throws Exception {
        Dockerfile d = DockerfileParser.parse("Dockerfile", "FROM debian\nRUN <<EOF\nset -e\napt-get update\n"
                + "cat > /etc/x <<CONF\nnot a command\nCONF\napt-get install -y vim\nEOF\n"
                + "RUN python3 <<EOF\nprint('hi')\nEOF\n");
        ShellScript script = ShellScript.of(d, d.instructions().get(1));
        assertThat(script.commands()).extracting(SimpleCommand::name).containsExactly("set", "apt-get", "cat", "apt-get");
        SimpleCommand vim = script.commandsNamed("apt-get").get(1);
        assertThat(vim.range().start().line()).isEqualTo(8);
        assertThat(vim.operands().get(0).range().textOf(d.source())).isEqualTo("vim");
        assertThat(ShellScript.of(d, d.instructions().get(2)).commands()).extracting(SimpleCommand::name)
                .containsExactly("python3");
    }

    @Test
    void backtickContinuationsAndCrlfMapBackToo() throws Exception {
        Dockerfile d = DockerfileParser.parse("Dockerfile", "# escape=`\r\nFROM windows\r\nRUN choco install -y `\r\n"
                + "    git ; `\r\n    Remove-Item C:\\tmp\r\n");
        ShellScript script = ShellScript.of(d, d.instructions().get(1));
        assertThat(script.commands()).extracting(SimpleCommand::name).containsExactly("choco", "Remove-Item");
        ShellWord git = script.commands().get(0).operands().get(0);
        assertThat(git.range().start().line()).isEqualTo(4);
        assertThat(git.range().textOf(d.source())).isEqualTo("git");
        assertThat(script.commands().get(1).range().textOf(d.source())).isEqualTo("Remove-Item C:\\tmp");
    }

    @Test
    void execFormHasNoShellCommands() throws Exception {
        Dockerfile d = DockerfileParser.parse("Dockerfile", "FROM a\nRUN [\"apt-get\", \"install\"]\n");
        assertThat(ShellScript.of(d, d.instructions().get(1)).commands()).isEmpty();
    }

    @Test
    void substitutionsNestUpToTheLimitAndDeeperIsALocatedErrorNotAStackOverflow() throws Exception {
        int max = ShellParser.MAX_NESTING;
        String fine = "echo " + "$(".repeat(max) + "id" + ")".repeat(max);
        assertThat(names(fine)).hasSize(max + 1).contains("id");
        Dockerfile d = DockerfileParser.parse("Dockerfile", "FROM a\nRUN true && \"" + "$(".repeat(3_000) + "x" + ")".repeat(3_000) + "\"\n");
        assertThatThrownBy(() -> ShellScript.of(d, d.stages().get(0).instructions().get(0)))
                .isInstanceOf(dev.kiln.dockerfile.parser.DockerfileParseException.class)
                .hasMessage("Dockerfile:2:" + (14 + 2 * max) + ": command substitutions nested more than " + max + " deep");
    }
}
