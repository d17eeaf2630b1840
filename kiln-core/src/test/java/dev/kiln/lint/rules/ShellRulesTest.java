package dev.kiln.lint.rules;

import static dev.kiln.lint.rules.Case.caught;
import static dev.kiln.lint.rules.Case.clean;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Rules on RUN's shell commands other than package managers: caught and not caught. */
class ShellRulesTest {

    static List<Case> cases() {
        return List.of(
                // DL3001 pointless commands
                caught("DL3001", "RUN service nginx start"),
                caught("DL3001", "RUN apt-get install -y vim && vim --version"),
                caught("DL3001", "RUN sudo mount -t tmpfs none /mnt"),
                clean("DL3001", "RUN apt-get install -y vim openssh-client"),
                clean("DL3001", "RUN echo ssh top ps"),
                clean("DL3001", "RUN command -v ps"),
                // DL3003 cd, once per RUN, not in subshells
                caught("DL3003", "RUN cd /tmp && make"),
                caught("DL3003", "RUN cd /a && make && cd /b && make install"),
                caught("DL3003", "RUN if [ -d x ]; then cd x; fi && make"),
                clean("DL3003", "WORKDIR /tmp\nRUN make"),
                clean("DL3003", "RUN (cd /src && make) && make -C /other"),
                clean("DL3003", "RUN echo \"$(cd /x && pwd)\""),
                clean("DL3003", "RUN echo cd /tmp"),
                // DL3004 sudo
                caught("DL3004", "RUN sudo apt-get update"),
                caught("DL3004", "RUN env FOO=1 sudo -E make install"),
                caught("DL3004", "RUN make && sudo -u app touch /x"),
                clean("DL3004", "RUN apt-get install -y sudo"),
                clean("DL3004", "RUN echo 'app ALL=(ALL) NOPASSWD: ALL' > /etc/sudoers.d/app"),
                clean("DL3004", "RUN gosu app true"),
                // DL3046 useradd -l with a large UID
                caught("DL3046", "RUN useradd -u 1000000 app"),
                caught("DL3046", "RUN useradd --uid 123456 -m app"),
                caught("DL3046", "RUN groupadd -g 123456 app && useradd -r -u 123456 -g app app"),
                clean("DL3046", "RUN useradd -l -u 1000000 app"),
                clean("DL3046", "RUN useradd --no-log-init -u 1000000 app"),
                clean("DL3046", "RUN useradd -u 10001 app"),
                clean("DL3046", "RUN useradd -u $UID app"),
                clean("DL3046", "RUN useradd -lu 1000000 app"),
                // DL3047 wget progress
                caught("DL3047", "RUN wget https://x/y.tgz"),
                caught("DL3047", "RUN wget -O /tmp/y.tgz https://x/y.tgz"),
                caught("DL3047", "RUN sudo wget --tries=3 https://x/y"),
                clean("DL3047", "RUN wget -q https://x/y"),
                clean("DL3047", "RUN wget -qO- https://x/y | tar -xz"),
                clean("DL3047", "RUN wget --progress=dot:giga https://x/y"),
                clean("DL3047", "RUN wget -nv https://x/y"),
                clean("DL3047", "RUN curl -fsSLO https://x/y"),
                clean("DL3047", "FROM alpine:3.19\nRUN wget -O /tmp/x https://x/y"),
                clean("DL3047", "FROM docker:29-cli\nRUN apk add --no-cache git\nRUN wget -O /tmp/x https://x/y"),
                caught("DL3047", "FROM alpine:3.19\nRUN apk add --no-cache wget\nRUN wget -O /tmp/x https://x/y"),
                // DL3059 consecutive RUNs
                caught("DL3059", "RUN apt-get update\nRUN apt-get install -y x"),
                caught("DL3059", "RUN a\n# comment\nRUN b"),
                caught("DL3059", 2, "RUN a\nRUN b\nRUN c"),
                clean("DL3059", "RUN a\nENV X=1\nRUN b"),
                clean("DL3059", "RUN a && b && c\nRUN d"),
                clean("DL3059", "RUN --mount=type=cache,target=/root/.cache a\nRUN b"),
                clean("DL3059", "FROM a:1 AS x\nRUN a\nFROM b:1\nRUN b"),
                // DL4001 wget and curl in one stage
                caught("DL4001", "RUN curl -fsSLo a https://x/a && curl -fsSLo b https://x/b\nRUN wget -q https://x/c"),
                caught("DL4001", 2, "RUN wget -q https://x/a\nRUN wget -q https://x/b && curl -fsSL https://x/c\nRUN curl -fsSL https://x/d\nRUN curl -fsSL https://x/e"),
                caught("DL4001", "RUN wget -q a && curl -fsSL b"),
                clean("DL4001", "RUN curl -fsSL a && curl -fsSL b"),
                clean("DL4001", "FROM a:1 AS x\nRUN wget -q a\nFROM b:1\nRUN curl -fsSL b"),
                clean("DL4001", "RUN apt-get install -y curl wget && command -v curl"),
                // DL4005 relinking /bin/sh
                caught("DL4005", "RUN ln -sf /bin/bash /bin/sh"),
                caught("DL4005", "RUN rm /bin/sh && ln -s /bin/bash /bin/sh"),
                caught("DL4005", "RUN sudo ln -snf /usr/bin/zsh /bin/sh"),
                clean("DL4005", "SHELL [\"/bin/bash\", \"-c\"]\nRUN true"),
                clean("DL4005", "RUN ln -s /bin/sh /usr/local/bin/sh2"),
                clean("DL4005", "RUN ln -s /opt/app/bin/app /usr/local/bin/app"),
                // DL4006 pipefail
                caught("DL4006", "RUN curl -fsSL https://x/y.tgz | tar -xz"),
                caught("DL4006", "RUN set -eux; wget -qO- https://x | sh"),
                caught("DL4006", "SHELL [\"/bin/bash\", \"-c\"]\nRUN find / -name x | xargs rm"),
                caught("DL4006", "RUN v=\"$(curl -s https://x | jq -r .v)\" && echo $v"),
                clean("DL4006", "SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN curl -fsSL https://x | tar -xz"),
                clean("DL4006", "SHELL [\"/bin/ash\", \"-eo\", \"pipefail\", \"-c\"]\nRUN wget -qO- https://x | tar -xz"),
                clean("DL4006", "RUN set -euxo pipefail; curl -fsSL https://x | tar -xz"),
                clean("DL4006", "RUN echo \"$SHA  file\" | sha256sum -c -"),
                clean("DL4006", "RUN curl -fsSL https://x -o y || true"),
                clean("DL4006", "SHELL [\"pwsh\", \"-Command\"]\nRUN Get-Item x | Remove-Item"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void ruleFindsExactlyWhatTheCaseExpects(Case c) {
        RuleTable.check(c);
    }
}
