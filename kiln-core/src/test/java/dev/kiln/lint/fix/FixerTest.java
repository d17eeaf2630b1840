package dev.kiln.lint.fix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.lint.LintConfig;
import dev.kiln.lint.Linter;
import dev.kiln.lint.rules.Rules;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** kiln fix: minimal edits at exact places, each naming its rule, only where the meaning is kept. */
class FixerTest {

    private static FixResult fix(String text, String... only) throws Exception {
        return new Fixer(new Linter(Rules.all(), LintConfig.DEFAULT), Set.of(only)).fix("Dockerfile", text);
    }

    private static String fixed(String text, String... only) throws Exception {
        FixResult r = fix(text, only);
        // every fix is a fixed point: fixing the output again changes nothing
        assertThat(fix(r.fixed(), only).fixed()).as("second fix of\n%s", r.fixed()).isEqualTo(r.fixed());
        return r.fixed();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "DL3014|RUN apt-get install --no-install-recommends curl=1|RUN apt-get install -y --no-install-recommends curl=1",
        "DL3015|RUN apt-get install -y curl=1|RUN apt-get install --no-install-recommends -y curl=1",
        "DL3019|FROM alpine:3.19\\nRUN apk add curl=1|FROM alpine:3.19\\nRUN apk add --no-cache curl=1",
        "DL3042|RUN pip install flask==3.0|RUN pip install --no-cache-dir flask==3.0",
        "DL3030|FROM centos:7\\nRUN yum install httpd-2 && yum clean all|FROM centos:7\\nRUN yum install -y httpd-2 && yum clean all",
        "DL3038|FROM fedora:40\\nRUN dnf install httpd-2 && dnf clean all|FROM fedora:40\\nRUN dnf install -y httpd-2 && dnf clean all",
        "DL3034|FROM opensuse/leap:15\\nRUN zypper install curl=8|FROM opensuse/leap:15\\nRUN zypper install -y curl=8",
        "DL3046|RUN useradd -u 1000000 app|RUN useradd -l -u 1000000 app",
        "DL3047|RUN wget https://x/y|RUN wget --progress=dot:giga https://x/y",
        "DL3020|ADD app.conf /etc/app/|COPY app.conf /etc/app/",
        "DL3021|COPY a b /app|COPY a b /app/",
        "DL3065|FROM --platform=$TARGETPLATFORM debian:12\\nRUN true|FROM debian:12\\nRUN true",
        "DL4000|MAINTAINER Jane \"J\" <j@x.io>|LABEL org.opencontainers.image.authors=\"Jane \\\"J\\\" <j@x.io>\"",
        "DL3025|CMD nginx -g 'daemon off;'|CMD [\"nginx\", \"-g\", \"daemon off;\"]",
        "DL3025|ENTRYPOINT /usr/local/bin/app --port 8080|ENTRYPOINT [\"/usr/local/bin/app\", \"--port\", \"8080\"]",
        "DL3009|RUN apt-get update && apt-get install -y --no-install-recommends curl=1|RUN apt-get update && apt-get install -y --no-install-recommends curl=1 && rm -rf /var/lib/apt/lists/*",
        "DL3032|FROM centos:7\\nRUN yum install -y httpd-2|FROM centos:7\\nRUN yum install -y httpd-2 && yum clean all",
        "DL3040|FROM fedora:40\\nRUN dnf install -y httpd-2|FROM fedora:40\\nRUN dnf install -y httpd-2 && dnf clean all",
        "DL3036|FROM opensuse/leap:15\\nRUN zypper -n install curl=8|FROM opensuse/leap:15\\nRUN zypper -n install curl=8 && zypper clean --all",
        "DL3060|RUN yarn install|RUN yarn install && yarn cache clean",
        "KL005|FROM fedora:40\\nRUN dnf install -y httpd-2 && dnf clean all|FROM fedora:40\\nRUN dnf install --setopt=install_weak_deps=False --setopt=tsflags=nodocs -y httpd-2 && dnf clean all",
        "KL006|FROM opensuse/leap:15\\nRUN zypper -n install curl=8|FROM opensuse/leap:15\\nRUN zypper -n install --no-recommends curl=8",
        "DL3059|RUN apt-get update\\nRUN apt-get install -y x|RUN apt-get update && \\\\\\n    apt-get install -y x"})
    void eachFixIsTheMinimalEditForItsRule(String code, String before, String after) throws Exception {
        String prefix = before.startsWith("FROM") ? "" : "FROM debian:12.5\n";
        String in = prefix + before.replace("\\n", "\n") + "\n";
        String out = prefix + after.replace("\\n", "\n").replace("\\\\", "\\") + "\n";
        assertThat(fixed(in, code)).isEqualTo(out);
        assertThat(fix(in, code).applied()).extracting(AppliedFix::code).containsOnly(code);
    }

    @Test
    void cleanupGoesOnANewContinuationLineInTheFilesStyle() throws Exception {
        String trailing = "FROM debian:12\nRUN apt-get update && \\\n    apt-get install -y --no-install-recommends curl=1\n";
        assertThat(fixed(trailing, "DL3009")).isEqualTo("FROM debian:12\nRUN apt-get update && \\\n"
                + "    apt-get install -y --no-install-recommends curl=1 && \\\n    rm -rf /var/lib/apt/lists/*\n");
        String leading = "FROM debian:12\nRUN apt-get update \\\n    && apt-get install -y --no-install-recommends curl=1\n";
        assertThat(fixed(leading, "DL3009")).isEqualTo("FROM debian:12\nRUN apt-get update \\\n"
                + "    && apt-get install -y --no-install-recommends curl=1 \\\n    && rm -rf /var/lib/apt/lists/*\n");
    }

    @Test
    void aTrailingSemicolonIsReplacedSoFailuresStillFailTheBuild() throws Exception {
        String in = "FROM debian:12\nRUN apt-get update; apt-get install -y --no-install-recommends curl=1;\n";
        assertThat(fixed(in, "DL3009")).isEqualTo("FROM debian:12\nRUN apt-get update; apt-get install -y"
                + " --no-install-recommends curl=1 && rm -rf /var/lib/apt/lists/*\n");
    }

    @Test
    void noCleanupIsAppendedAfterACommentOrABackgroundJob() throws Exception {
        String comment = "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=1 # tools\n";
        assertThat(fix(comment, "DL3009").changed()).isFalse();
        String background = "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends x=1 &\n";
        assertThat(fix(background, "DL3009").changed()).isFalse();
    }

    @Test
    void commentsAndFormattingAroundFixesAreKept() throws Exception {
        String in = "# syntax=docker/dockerfile:1\nFROM debian:12.5\n\n# tools we need\nRUN apt-get update \\\n"
                + "    # the list is short\n    && apt-get install curl=7 \\\n       git=1   # trailing words\n\n"
                + "CMD [\"bash\"]\n";
        String out = fixed(in, "DL3014", "DL3015");
        assertThat(out).isEqualTo("# syntax=docker/dockerfile:1\nFROM debian:12.5\n\n# tools we need\nRUN apt-get update"
                + " \\\n    # the list is short\n    && apt-get install --no-install-recommends -y curl=7 \\\n"
                + "       git=1   # trailing words\n\nCMD [\"bash\"]\n");
    }

    @Test
    void runsAreNotMergedWhenTheMeaningWouldChange() throws Exception {
        String[] unsafe = {
            "FROM debian:12\nRUN cd /src\nRUN make\n",                                // cd would leak into make
            "FROM debian:12\nRUN export A=1\nRUN echo $A\n",                          // so would variables
            "FROM debian:12\nRUN set -u\nRUN echo $UNSET\n",                          // and shell options
            "FROM debian:12\nRUN a\nRUN b; c\n",                                      // c would run after a failed a
            "FROM debian:12\nRUN a\nRUN b || c\n",
            "FROM debian:12\nRUN --mount=type=cache,target=/x a\nRUN b\n",            // different flags
            "FROM debian:12\nRUN a\n# why b\nRUN b\n",                                // a comment in between
            "FROM debian:12\nRUN <<EOF\na\nEOF\nRUN b\n",                             // heredoc
            "FROM debian:12\nRUN [\"a\"]\nRUN b\n",                                   // exec form
            "FROM debian:12\nRUN a\nRUN if x; then y; fi; z\n"};
        for (String in : unsafe) {
            assertThat(fix(in, "DL3059").fixed()).as(in).isEqualTo(in);
        }
    }

    @Test
    void safeRunsMergeAndEndInOneRun() throws Exception {
        String in = "FROM debian:12\nRUN a; b\nRUN c | d\nRUN e \"$(g)\"\n";
        assertThat(fixed(in, "DL3059")).isEqualTo("FROM debian:12\nRUN a; b && \\\n    c | d && \\\n"
                + "    e \"$(g)\"\n");
    }

    @Test
    void execFormIsNotWrittenWhenTheShellWouldDoSomething() throws Exception {
        String[] shellFeatures = {
            "FROM debian:12\nCMD echo $HOME\n", "FROM debian:12\nCMD app > /log\n", "FROM debian:12\nCMD a && b\n",
            "FROM debian:12\nCMD ls *.txt\n", "FROM debian:12\nCMD A=1 app\n", "FROM debian:12\nCMD app \\\\x\n",
            "FROM debian:12\nCMD [\"run\"]\nENTRYPOINT app\n",   // exec form would append CMD to it
            "FROM debian:12\nSHELL [\"pwsh\", \"-c\"]\nCMD Get-Date\n"};
        for (String in : shellFeatures) {
            assertThat(fix(in, "DL3025").changed()).as(in).isFalse();
        }
    }

    @Test
    void onlyRestrictsTheRulesFixedAndEveryFixNamesItsRule() throws Exception {
        String in = "FROM debian:12\nRUN apt-get update && apt-get install curl=1\nCMD app\n";
        FixResult onlyYes = fix(in, "DL3014");
        assertThat(onlyYes.fixed()).isEqualTo("FROM debian:12\nRUN apt-get update && apt-get install -y curl=1\nCMD app\n");
        FixResult all = fix(in);
        assertThat(all.applied()).extracting(AppliedFix::code).contains("DL3014", "DL3015", "DL3009", "DL3025");
        assertThat(all.fixed()).isEqualTo("FROM debian:12\nRUN apt-get update && apt-get install"
                + " --no-install-recommends -y curl=1 && rm -rf /var/lib/apt/lists/*\nCMD [\"app\"]\n");
    }
}
