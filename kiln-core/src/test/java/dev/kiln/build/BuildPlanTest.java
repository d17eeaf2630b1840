package dev.kiln.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.build.context.BuildException;
import dev.kiln.dockerfile.ast.Dockerfile;
import dev.kiln.dockerfile.expand.BuildArgs;
import dev.kiln.dockerfile.expand.GlobalScope;
import dev.kiln.dockerfile.parser.DockerfileParser;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BuildPlanTest {

    private static final String TEXT = """
            ARG BASE=alpine:3
            FROM ${BASE} AS deps
            RUN echo deps
            FROM alpine:3 AS unused
            RUN echo never
            FROM deps AS build
            RUN --mount=type=bind,from=tools,target=/t echo
            FROM scratch AS tools
            FROM scratch
            COPY --from=build /out /out
            COPY --from=busybox:1 /bin/busybox /bin/
            """;

    private static BuildPlan plan(Optional<String> target) throws Exception {
        Dockerfile dockerfile = DockerfileParser.parse("Dockerfile", TEXT);
        return BuildPlan.of(dockerfile, GlobalScope.of(dockerfile, BuildArgs.of(Map.of())), target);
    }

    @Test
    void onlyTheStagesTheTargetNeedsArePlanned() throws Exception {
        BuildPlan plan = plan(Optional.empty());
        assertThat(plan.target().index()).isEqualTo(4);
        assertThat(plan.stages().stream().map(s -> s.index()).toList()).containsExactly(0, 2, 4)
                .as("tools is only reachable from build, which the last stage reaches");
        assertThat(plan.dependenciesOf(4)).containsExactly(2);
        assertThat(plan.dependenciesOf(2)).containsExactly(0);
    }

    @Test
    void aTargetStageCutsTheGraph() throws Exception {
        BuildPlan plan = plan(Optional.of("DEPS"));
        assertThat(plan.stages().stream().map(s -> s.index()).toList()).containsExactly(0);
        assertThat(plan.dependenciesOf(0)).isEqualTo(List.of());
    }

    @Test
    void anUnknownTargetNamesTheStagesThereAre() {
        assertThatThrownBy(() -> plan(Optional.of("nope"))).isInstanceOf(BuildException.class)
                .hasMessageContaining("nope").hasMessageContaining("deps, unused, build, tools, 4");
    }
}
