package dev.kiln.dockerfile.parser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.dockerfile.ast.AddInstruction;
import dev.kiln.dockerfile.ast.ArgInstruction;
import dev.kiln.dockerfile.ast.CmdInstruction;
import dev.kiln.dockerfile.ast.Command;
import dev.kiln.dockerfile.ast.CopyInstruction;
import dev.kiln.dockerfile.ast.Dockerfile;
import dev.kiln.dockerfile.ast.EnvInstruction;
import dev.kiln.dockerfile.ast.FromInstruction;
import dev.kiln.dockerfile.ast.HealthcheckInstruction;
import dev.kiln.dockerfile.ast.KeyValue;
import dev.kiln.dockerfile.ast.OnbuildInstruction;
import dev.kiln.dockerfile.ast.RunInstruction;
import dev.kiln.dockerfile.ast.RunMount;
import dev.kiln.dockerfile.ast.Stage;
import dev.kiln.dockerfile.ast.UserInstruction;
import dev.kiln.dockerfile.ast.Word;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Typed instructions, flags, stages and positions. */
class InstructionsTest {

    private static Dockerfile parse(String text) throws DockerfileParseException {
        return DockerfileParser.parse("Dockerfile", text);
    }

    @Test
    void stagesGetIndexesNamesPlatformsAndGlobalArgs() throws Exception {
        Dockerfile d = parse("ARG GO=1.22\nARG BASE\nFROM --platform=$BUILDPLATFORM golang:${GO} AS Build\n"
                + "RUN go build\nfrom build as test\nRUN go test\nFROM scratch\nCOPY --from=build /app /app\n");
        assertThat(d.globalArgs()).hasSize(2);
        assertThat(d.stages()).extracting(s -> s.name().orElse("-")).containsExactly("build", "test", "-");
        Stage build = d.stages().get(0);
        assertThat(build.platform()).contains("$BUILDPLATFORM");
        assertThat(build.baseImage().raw()).isEqualTo("golang:${GO}");
        assertThat(build.instructions()).hasSize(1);
        assertThat(d.referencedStage("build", 1)).contains(build);
        assertThat(d.referencedStage("BUILD", 2)).contains(build);
        assertThat(d.referencedStage("0", 2)).contains(build);
        assertThat(d.referencedStage("test", 1)).isEmpty();
        CopyInstruction copy = d.stages().get(2).instructions(CopyInstruction.class).get(0);
        assertThat(copy.options().from()).contains("build");
        assertThat(d.stageOf(copy)).contains(d.stages().get(2));
        assertThat(d.instructions()).hasSize(8);
    }

    @Test
    void runMountsAreTypedWithTheirOptions() throws Exception {
        RunInstruction run = (RunInstruction) parse("FROM a\nRUN --mount=type=cache,target=/var/cache/apt,sharing=locked,id=apt "
                + "--mount=type=secret,id=npmrc,dst=/root/.npmrc,required "
                + "--mount=type=ssh --mount=type=tmpfs,target=/tmp,size=64m "
                + "--mount=from=build,src=/out,target=/in,rw --security=insecure apt-get update\n").instructions().get(1);
        assertThat(run.mounts()).hasSize(5);
        RunMount.Cache cache = (RunMount.Cache) run.mounts().get(0);
        assertThat(cache.target()).contains("/var/cache/apt");
        assertThat(cache.sharing()).isEqualTo(RunMount.Sharing.LOCKED);
        assertThat(cache.id()).contains("apt");
        RunMount.Secret secret = (RunMount.Secret) run.mounts().get(1);
        assertThat(secret.target()).contains("/root/.npmrc");
        assertThat(secret.required()).isTrue();
        assertThat(run.mounts().get(2)).isInstanceOf(RunMount.Ssh.class);
        assertThat(((RunMount.Tmpfs) run.mounts().get(3)).size()).contains("64m");
        RunMount.Bind bind = (RunMount.Bind) run.mounts().get(4);
        assertThat(bind.from()).contains("build");
        assertThat(bind.source()).contains("/out");
        assertThat(bind.readWrite()).isTrue();
        assertThat(run.security()).contains("insecure");
        assertThat(((Command.Shell) run.command()).script().raw()).isEqualTo("apt-get update");
    }

    @Test
    void envHasBothFormsWithRawAndUnquotedValuesAndExactRanges() throws Exception {
        Dockerfile d = parse("FROM a\nENV PATH /usr/local/bin:$PATH\nENV A=\"x y\" B=z\\ w \\\n    C='$D'\n");
        EnvInstruction legacy = (EnvInstruction) d.instructions().get(1);
        assertThat(legacy.legacyForm()).isTrue();
        assertThat(legacy.pairs()).singleElement().satisfies(kv -> {
            assertThat(kv.key().raw()).isEqualTo("PATH");
            assertThat(kv.value().raw()).isEqualTo("/usr/local/bin:$PATH");
        });
        EnvInstruction env = (EnvInstruction) d.instructions().get(2);
        assertThat(env.legacyForm()).isFalse();
        assertThat(env.pairs()).extracting(kv -> kv.key().raw()).containsExactly("A", "B", "C");
        assertThat(env.pairs()).extracting(kv -> kv.value().raw()).containsExactly("\"x y\"", "z\\ w", "'$D'");
        assertThat(env.pairs()).extracting(kv -> kv.value().value()).containsExactly("x y", "z w", "$D");
        KeyValue c = env.pairs().get(2);
        assertThat(c.key().range().start().line()).isEqualTo(4);
        assertThat(c.key().range().start().column()).isEqualTo(5);
        assertThat(c.value().range().textOf(d.source())).isEqualTo("'$D'");
        assertThat(env.range().textOf(d.source())).isEqualTo("ENV A=\"x y\" B=z\\ w \\\n    C='$D'");
    }

    @Test
    void wordRangesMapAcrossContinuationsToTheSource() throws Exception {
        Dockerfile d = parse("FROM a\nRUN apt-get update && \\\n  # comment inside\n  apt-get install -y curl\n");
        RunInstruction run = (RunInstruction) d.instructions().get(1);
        Word script = ((Command.Shell) run.command()).script();
        assertThat(script.raw()).isEqualTo("apt-get update &&   apt-get install -y curl");
        assertThat(script.range().start().line()).isEqualTo(2);
        assertThat(script.range().start().column()).isEqualTo(5);
        assertThat(script.range().end().line()).isEqualTo(4);
        assertThat(d.comments()).singleElement().satisfies(c -> {
            assertThat(c.text()).isEqualTo("comment inside");
            assertThat(c.range().startLine()).isEqualTo(3);
        });
    }

    @Test
    void commentsAboveAnInstructionAreAttachedForPragmas() throws Exception {
        Dockerfile d = parse("# syntax=docker/dockerfile:1\nFROM a\n# hadolint ignore=DL3008\nRUN apt-get install x\n");
        assertThat(d.directive("syntax")).contains("docker/dockerfile:1");
        assertThat(d.instructions().get(1).comments()).singleElement()
                .satisfies(c -> assertThat(c.text()).isEqualTo("hadolint ignore=DL3008"));
        assertThat(d.instructions().get(0).comments()).isEmpty();
    }

    @Test
    void copyAndAddFlagsAreTyped() throws Exception {
        Dockerfile d = parse("FROM a\nCOPY --chown=app:app --chmod=644 --link --parents --exclude=*.md --exclude=.git "
                + "[\"a b\", \"/dst/\"]\nADD --checksum=sha256:abc --keep-git-dir=true https://x/y.tgz /y\n");
        CopyInstruction copy = (CopyInstruction) d.instructions().get(1);
        assertThat(copy.options().chown()).contains("app:app");
        assertThat(copy.options().chmod()).contains("644");
        assertThat(copy.options().link()).isTrue();
        assertThat(copy.options().parents()).isTrue();
        assertThat(copy.options().excludes()).containsExactly("*.md", ".git");
        assertThat(copy.sources()).extracting(Word::value).containsExactly("a b");
        assertThat(copy.node().json()).isTrue();
        AddInstruction add = (AddInstruction) d.instructions().get(2);
        assertThat(add.options().checksum()).contains("sha256:abc");
        assertThat(add.options().keepGitDir()).isTrue();
        assertThat(add.node().flag("checksum").orElseThrow().range().textOf(d.source())).isEqualTo("--checksum=sha256:abc");
    }

    @Test
    void healthcheckUserOnbuildArgAndCmdAreTyped() throws Exception {
        Dockerfile d = parse("FROM a\nHEALTHCHECK --interval=1m30s --timeout=500ms --retries=3 CMD curl -f http://x/\n"
                + "HEALTHCHECK NONE\nUSER app:staff\nONBUILD COPY . /src\nARG V=\"1 2\" W\nCMD [\"nginx\", \"-g\", \"daemon off;\"]\n");
        HealthcheckInstruction hc = (HealthcheckInstruction) d.instructions().get(1);
        assertThat(hc.interval()).contains(Duration.ofSeconds(90));
        assertThat(hc.timeout()).contains(Duration.ofMillis(500));
        assertThat(hc.retries().getAsInt()).isEqualTo(3);
        assertThat(hc.test().orElseThrow().values()).containsExactly("curl -f http://x/");
        assertThat(((HealthcheckInstruction) d.instructions().get(2)).none()).isTrue();
        UserInstruction user = (UserInstruction) d.instructions().get(3);
        assertThat(user.userName()).isEqualTo("app");
        assertThat(user.group()).contains("staff");
        OnbuildInstruction on = (OnbuildInstruction) d.instructions().get(4);
        assertThat(on.trigger()).isInstanceOf(CopyInstruction.class);
        assertThat(on.trigger().range().start().column()).isEqualTo(9);
        ArgInstruction arg = (ArgInstruction) d.instructions().get(5);
        assertThat(arg.declarations()).extracting(a -> a.name()).containsExactly("V", "W");
        assertThat(arg.declarations().get(0).defaultValue().orElseThrow().value()).isEqualTo("1 2");
        assertThat(arg.declarations().get(0).defaultValue().orElseThrow().range().textOf(d.source())).isEqualTo("\"1 2\"");
        assertThat(((CmdInstruction) d.instructions().get(6)).command().values())
                .containsExactly("nginx", "-g", "daemon off;");
    }

    @Test
    void keywordsAreCaseInsensitiveAndBomAndCrlfAreTolerated() throws Exception {
        Dockerfile d = parse("\uFEFFfrom alpine AS Base\r\nrun echo hi\r\n");
        assertThat(d.stages().get(0).name()).contains("base");
        assertThat(d.instructions().get(1)).isInstanceOf(RunInstruction.class);
        assertThat(((FromInstruction) d.instructions().get(0)).range().start().column()).isEqualTo(2);
        assertThat(d.instructions().get(1).range().textOf(d.source())).isEqualTo("run echo hi");
    }
}
