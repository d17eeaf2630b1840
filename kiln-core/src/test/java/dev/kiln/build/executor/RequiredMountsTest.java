package dev.kiln.build.executor;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.KilnException;
import dev.kiln.build.context.BuildException;
import dev.kiln.dockerfile.ast.Dockerfile;
import dev.kiln.dockerfile.parser.DockerfileParser;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RequiredMountsTest {

    private final Dockerfile twoStages = parse("""
            FROM busybox AS one
            RUN touch /one
            RUN --mount=type=secret,id=opt true
            FROM one
            RUN --mount=type=secret,id=tok,required=true cat /run/secrets/tok
            RUN --mount=type=secret,target=/etc/api-key,required=true true
            RUN --mount=type=ssh,id=git,required=true true
            """);

    private static Dockerfile parse(String text) {
        try {
            return DockerfileParser.parse("Dockerfile", text);
        } catch (KilnException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aMissingRequiredSecretInALaterStageIsBadInputNamingItsLine() {
        assertThatThrownBy(() -> RequiredMounts.check(twoStages, twoStages.stages(), Set.of(), Set.of("git")))
                .isInstanceOf(BuildException.class)
                .hasMessage("Dockerfile:5: secret 'tok' is required but no --secret id=tok was given")
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((KilnException) e).kind())
                        .isEqualTo(KilnException.Kind.BAD_INPUT));
    }

    @Test
    void aRequiredSecretsIdDefaultsToItsTargetsLastElement() {
        assertThatThrownBy(() -> RequiredMounts.check(twoStages, twoStages.stages(), Set.of("tok"), Set.of("git")))
                .hasMessage("Dockerfile:6: secret 'api-key' is required but no --secret id=api-key was given");
    }

    @Test
    void aMissingRequiredSshAgentIsBadInputNamingItsLine() {
        assertThatThrownBy(() -> RequiredMounts.check(twoStages, twoStages.stages(), Set.of("tok", "api-key"), Set.of("default")))
                .hasMessage("Dockerfile:7: ssh 'git' is required but no --ssh git=SOCKET was given");
    }

    @Test
    void optionalMountsAndStagesOutsideThePlanAreNotChecked() {
        assertThatCode(() -> RequiredMounts.check(twoStages, twoStages.stages(), Set.of("tok", "api-key"), Set.of("git")))
                .doesNotThrowAnyException();
        assertThatCode(() -> RequiredMounts.check(twoStages, twoStages.stages().subList(0, 1), Set.of(), Set.of()))
                .doesNotThrowAnyException();
    }
}
