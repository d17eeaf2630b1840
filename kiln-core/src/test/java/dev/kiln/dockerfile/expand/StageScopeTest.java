package dev.kiln.dockerfile.expand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.dockerfile.ast.Dockerfile;
import dev.kiln.dockerfile.ast.EnvInstruction;
import dev.kiln.dockerfile.ast.Instruction;
import dev.kiln.dockerfile.ast.Stage;
import dev.kiln.dockerfile.ast.WorkdirInstruction;
import dev.kiln.dockerfile.parser.DockerfileParseException;
import dev.kiln.dockerfile.parser.DockerfileParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ARG/ENV scoping as the Dockerfile reference describes it. */
class StageScopeTest {

    private static final BuildArgs AMD64 = new BuildArgs(Map.of(), new Platforms("linux/amd64", "linux/arm64/v8"));

    /** Expands every WORKDIR of the stage in order and returns the values. */
    private static List<String> workdirs(String text, BuildArgs args, int stage) throws DockerfileParseException {
        Dockerfile d = DockerfileParser.parse("Dockerfile", text);
        GlobalScope global = GlobalScope.of(d, args);
        StageScope scope = global.enter(d.stages().get(stage));
        List<String> out = new ArrayList<>();
        for (Instruction i : scope.stage().instructions()) {
            if (i instanceof WorkdirInstruction w) {
                out.add(scope.expand(w.path()));
            }
            scope.apply(i);
        }
        return out;
    }

    @Test
    void globalArgsReachFromButNotTheStageUntilRedeclared() throws Exception {
        String text = "ARG VERSION=1.0\nFROM app:${VERSION}\nWORKDIR /a/$VERSION\nARG VERSION\nWORKDIR /b/$VERSION\n";
        Dockerfile d = DockerfileParser.parse("Dockerfile", text);
        GlobalScope global = GlobalScope.of(d, AMD64);
        assertThat(global.expand(d.stages().get(0).baseImage())).isEqualTo("app:1.0");
        assertThat(workdirs(text, AMD64, 0)).containsExactly("/a/", "/b/1.0");
    }

    @Test
    void buildArgsOverrideDefaultsGlobalAndInStage() throws Exception {
        String text = "ARG VERSION=1.0\nFROM app:${VERSION}\nARG VERSION\nARG MODE=debug\nWORKDIR /$VERSION/$MODE\n";
        BuildArgs args = new BuildArgs(Map.of("VERSION", "2.0", "MODE", "release", "UNUSED", "x"), AMD64.platforms());
        Dockerfile d = DockerfileParser.parse("Dockerfile", text);
        GlobalScope global = GlobalScope.of(d, args);
        assertThat(global.expand(d.stages().get(0).baseImage())).isEqualTo("app:2.0");
        assertThat(workdirs(text, args, 0)).containsExactly("/2.0/release");
        assertThat(global.usedBuildArgs()).contains("VERSION").doesNotContain("UNUSED");
    }

    @Test
    void envWinsOverArgAndEnvValuesSeeTheScopeBeforeTheirLine() throws Exception {
        String text = "FROM a\nARG X=arg\nENV X=env\nWORKDIR /$X\nENV abc=hello\nENV abc=bye def=$abc\nWORKDIR /$def/$abc\n";
        assertThat(workdirs(text, AMD64, 0)).containsExactly("/env", "/hello/bye");
    }

    @Test
    void stageDefaultsExpandEarlierArgsAndAutomaticPlatformArgsNeedRedeclaring() throws Exception {
        String text = "FROM --platform=$BUILDPLATFORM a\nWORKDIR /x$TARGETARCH\nARG TARGETARCH\nARG TARGETVARIANT\n"
                + "ARG DIR=/opt/${TARGETARCH}\nWORKDIR $DIR/$TARGETVARIANT\n";
        assertThat(workdirs(text, AMD64, 0)).containsExactly("/x", "/opt/arm64/v8");
        Dockerfile d = DockerfileParser.parse("Dockerfile", text);
        Stage s = d.stages().get(0);
        assertThat(GlobalScope.of(d, AMD64).expand(s.platform().orElseThrow(), s.baseImage())).isEqualTo("linux/amd64");
    }

    @Test
    void runEnvironmentHasDeclaredArgsProxyArgsAndEnv() throws Exception {
        String text = "FROM a\nARG A=1\nARG B\nENV C=3\nRUN env\n";
        BuildArgs args = new BuildArgs(Map.of("http_proxy", "http://p:3128", "B", "2", "OTHER", "no"), AMD64.platforms());
        Dockerfile d = DockerfileParser.parse("Dockerfile", text);
        StageScope scope = GlobalScope.of(d, args).enter(d.stages().get(0));
        for (Instruction i : d.stages().get(0).instructions()) {
            scope.apply(i);
        }
        assertThat(scope.runEnvironment()).containsEntry("A", "1").containsEntry("B", "2").containsEntry("C", "3")
                .containsEntry("http_proxy", "http://p:3128").doesNotContainKey("OTHER");
        assertThat(scope.environment()).containsOnlyKeys("C");
    }

    @Test
    void copyHeredocBodiesExpandUnlessTheDelimiterIsQuoted() throws Exception {
        Dockerfile d = DockerfileParser.parse("Dockerfile", "FROM a\nENV NAME=kiln\n"
                + "COPY <<EOF <<'RAW' <<-TABS /etc/\nhello \"$NAME\" \\$HOME ${MISSING:-none}\nEOF\n$NAME\nRAW\n\t${NAME}\n\tTABS\n");
        StageScope scope = GlobalScope.of(d, AMD64).enter(d.stages().get(0));
        List<Instruction> body = d.stages().get(0).instructions();
        scope.apply(body.get(0));
        List<dev.kiln.dockerfile.ast.Heredoc> docs = body.get(1).heredocs();
        assertThat(scope.heredocContent(docs.get(0))).isEqualTo("hello \"kiln\" $HOME none\n");
        assertThat(scope.heredocContent(docs.get(1))).isEqualTo("$NAME\n");
        assertThat(scope.heredocContent(docs.get(2))).isEqualTo("kiln\n");
    }

    @Test
    void expansionErrorsAreLocated() throws Exception {
        Dockerfile d = DockerfileParser.parse("Dockerfile", "FROM a\nENV X=${NEEDED:?required}\n");
        StageScope scope = GlobalScope.of(d, AMD64).enter(d.stages().get(0));
        EnvInstruction env = (EnvInstruction) d.stages().get(0).instructions().get(0);
        assertThatThrownBy(() -> scope.apply(env)).isInstanceOf(DockerfileParseException.class)
                .hasMessage("Dockerfile:2:7: NEEDED: required");
    }
}
