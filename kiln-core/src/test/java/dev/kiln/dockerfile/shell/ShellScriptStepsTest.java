package dev.kiln.dockerfile.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The operators between commands and their nesting, which lint needs for pipes and for merging RUNs. */
class ShellScriptStepsTest {

    private static List<String> separators(String script) throws Exception {
        return ShellScript.parse(script).steps().stream().map(ShellScript.Step::separator).toList();
    }

    private static List<Integer> depths(String script) throws Exception {
        return ShellScript.parse(script).steps().stream().map(ShellScript.Step::depth).toList();
    }

    @Test
    void eachCommandKnowsTheOperatorAfterIt() throws Exception {
        assertThat(separators("a && b || c; d | e & f |& g")).containsExactly("&&", "||", ";", "|", "&", "|&", "");
        assertThat(separators("a\nb && c\n")).containsExactly("\n", "&&", "\n");
    }

    @Test
    void pipesAreFoundAlsoInsideSubstitutionsButNotInQuotesOrOrLists() throws Exception {
        assertThat(ShellScript.parse("wget -O- u | tar -x").hasPipe()).isTrue();
        assertThat(ShellScript.parse("v=$(curl -s u | jq -r .v) && echo $v").hasPipe()).isTrue();
        assertThat(ShellScript.parse("a || b && echo 'x | y' \"p|q\"").hasPipe()).isFalse();
    }

    @Test
    void compoundCommandsSubshellsAndSubstitutionsAreNested() throws Exception {
        assertThat(depths("a && if b; then c; fi && d")).containsExactly(0, 1, 1, 0);
        assertThat(depths("for x in 1 2; do e $x; done; f")).containsExactly(1, 0);
        assertThat(depths("( cd /x && make ) && g")).containsExactly(1, 1, 0);
        assertThat(depths("{ h; i; } && j")).containsExactly(1, 1, 0);
        assertThat(depths("case $a in x) k ;; esac; l")).containsExactly(1, 0);
        assertThat(depths("m \"$(n | o)\"")).containsExactly(1, 1, 0);
    }

    @Test
    void onlySubshellsAndSubstitutionsIsolateTheirCommands() throws Exception {
        List<ShellScript.Step> steps = ShellScript.parse("( cd /x ) && { cd /y; } && echo $(cd /z; pwd) && cd /w").steps();
        assertThat(steps).extracting(s -> s.command().toString() + ":" + s.isolated()).containsExactly(
                "cd /x:true", "cd /y:false", "cd /z:true", "pwd:true", "echo $(cd /z; pwd):false", "cd /w:false");
    }
}
