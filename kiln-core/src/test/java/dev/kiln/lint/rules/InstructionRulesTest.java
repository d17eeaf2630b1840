package dev.kiln.lint.rules;

import static dev.kiln.lint.rules.Case.caught;
import static dev.kiln.lint.rules.Case.clean;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Rules about instructions other than RUN's shell text: caught and not caught. */
class InstructionRulesTest {

    static List<Case> cases() {
        return List.of(
                // DL3000 absolute WORKDIR
                caught("DL3000", "WORKDIR app"),
                caught("DL3000", "WORKDIR \"relative/dir\""),
                caught("DL3000", "WORKDIR ./src"),
                clean("DL3000", "WORKDIR /usr/src/app"),
                clean("DL3000", "WORKDIR ${HOME}/app"),
                clean("DL3000", "WORKDIR \"/opt/app\""),
                clean("DL3000", "WORKDIR C:\\\\app"),
                // DL3002 last USER root, only the final image counts
                caught("DL3002", "USER app\nUSER root"),
                caught("DL3002", "USER 0"),
                caught("DL3002", "FROM debian:12.5 AS base\nUSER root\nFROM base\nRUN true"),
                caught("DL3002", "USER root:root"),
                clean("DL3002", "USER root\nRUN apt-get update\nUSER 10001"),
                clean("DL3002", "FROM golang:1.22 AS build\nUSER root\nFROM debian:12.5\nUSER app"),
                clean("DL3002", "FROM golang:1.22 AS build\nUSER root\nFROM scratch\nCOPY --from=build /x /x"),
                clean("DL3002", "USER rootless"),
                // DL3006 untagged image
                caught("DL3006", "FROM debian\nRUN true"),
                caught("DL3006", "ARG BASE=ubuntu\nFROM ${BASE}\nRUN true"),
                caught("DL3006", "FROM docker.io/library/alpine AS a\nRUN true"),
                caught("DL3006", "FROM localhost:5000/app\nRUN true"),
                clean("DL3006", "FROM debian:12.5\nRUN true"),
                clean("DL3006", "FROM debian@sha256:" + "a".repeat(64) + "\nRUN true"),
                clean("DL3006", "FROM debian:12 AS base\nFROM base\nRUN true"),
                clean("DL3006", "FROM scratch\nCOPY a /a"),
                clean("DL3006", "ARG BASE\nFROM ${BASE}\nRUN true"),
                clean("DL3006", "FROM localhost:5000/app:1.2\nRUN true"),
                clean("DL3006", "FROM scratch AS bin-linux\nCOPY a /a\nFROM bin-$TARGETOS AS bin\nCOPY b /b"),
                // DL3007 latest
                caught("DL3007", "FROM debian:latest\nRUN true"),
                caught("DL3007", "ARG TAG=latest\nFROM node:${TAG}\nRUN true"),
                caught("DL3007", "FROM ghcr.io/org/tool:latest AS t\nRUN true"),
                clean("DL3007", "FROM debian:12.5\nRUN true"),
                clean("DL3007", "FROM debian:latest@sha256:" + "b".repeat(64) + "\nRUN true"),
                clean("DL3007", "FROM debian\nRUN true"),
                // DL3010 COPY an archive then unpack it
                caught("DL3010", "COPY app.tar.gz /tmp/\nRUN tar -xzf /tmp/app.tar.gz -C /opt"),
                caught("DL3010", "COPY dist.tgz /tmp/dist.tgz\nRUN cd /opt && tar xzf /tmp/dist.tgz"),
                caught("DL3010", "COPY data.tar.xz /d.tar.xz\nRUN tar --extract -f /d.tar.xz"),
                clean("DL3010", "COPY app.tar.gz /srv/app.tar.gz\nRUN true"),
                clean("DL3010", "ADD app.tar.gz /opt/"),
                clean("DL3010", "COPY --from=build /out/app.tar.gz /tmp/\nRUN tar xzf /tmp/app.tar.gz"),
                clean("DL3010", "COPY app.tar.gz /tmp/\nRUN tar -czf /tmp/other.tar.gz /etc"),
                // DL3011 port range
                caught("DL3011", "EXPOSE 80 70000"),
                caught("DL3011", "EXPOSE 8000-65536/tcp"),
                caught("DL3011", "EXPOSE http"),
                clean("DL3011", "EXPOSE 80 443/tcp 53/udp"),
                clean("DL3011", "EXPOSE 8000-8010"),
                clean("DL3011", "ARG PORT=8080\nEXPOSE $PORT"),
                // DL3012 multiple HEALTHCHECKs per stage
                caught("DL3012", "HEALTHCHECK CMD a\nHEALTHCHECK CMD b"),
                caught("DL3012", 2, "HEALTHCHECK NONE\nHEALTHCHECK CMD a\nHEALTHCHECK CMD b"),
                caught("DL3012", "FROM a:1 AS x\nHEALTHCHECK CMD a\nHEALTHCHECK NONE"),
                clean("DL3012", "HEALTHCHECK CMD a"),
                clean("DL3012", "FROM a:1 AS x\nHEALTHCHECK CMD a\nFROM b:1\nHEALTHCHECK CMD b"),
                clean("DL3012", "RUN true"),
                // DL3020 ADD for plain files
                caught("DL3020", "ADD requirements.txt /app/"),
                caught("DL3020", "ADD --chown=app src/ /app/src/"),
                caught("DL3020", "ADD a.conf b.conf /etc/x/"),
                clean("DL3020", "ADD https://example.com/tool /usr/local/bin/tool"),
                clean("DL3020", "ADD rootfs.tar.xz /"),
                clean("DL3020", "ADD git@github.com:org/repo.git /src"),
                clean("DL3020", "COPY requirements.txt /app/"),
                // DL3021 COPY of several sources needs dir/
                caught("DL3021", "COPY a b /app"),
                caught("DL3021", "COPY [\"a\", \"b\", \"/app\"]"),
                caught("DL3021", "COPY --chown=1:1 x y z /opt/dir"),
                clean("DL3021", "COPY a b /app/"),
                clean("DL3021", "COPY a /app"),
                clean("DL3021", "ARG D=/x/\nCOPY a b $D"),
                // DL3022 COPY --from an undefined stage
                caught("DL3022", "FROM a:1 AS build\nFROM b:1\nCOPY --from=bulid /x /x"),
                caught("DL3022", "FROM b:1\nCOPY --from=later /x /x\nFROM c:1 AS later"),
                caught("DL3022", "FROM a:1\nCOPY --from=3 /x /x"),
                clean("DL3022", "FROM a:1 AS build\nFROM b:1\nCOPY --from=build /x /x"),
                clean("DL3022", "FROM a:1\nFROM b:1\nCOPY --from=0 /x /x"),
                clean("DL3022", "FROM b:1\nCOPY --from=nginx:1.25 /etc/nginx /etc/nginx"),
                clean("DL3022", "FROM b:1\nCOPY --from=ghcr.io/org/tool /bin/t /bin/t"),
                clean("DL3022", "ARG SRC=build\nFROM a:1 AS build\nFROM b:1\nCOPY --from=$SRC /x /x"),
                clean("DL3022", "FROM a:1 AS Build\nFROM b:1\nCOPY --from=build /x /x"),
                // DL3023 COPY --from its own stage
                caught("DL3023", "FROM a:1 AS app\nCOPY --from=app /x /y"),
                caught("DL3023", "FROM a:1\nCOPY --from=0 /x /y"),
                caught("DL3023", "FROM a:1 AS x\nFROM b:1 AS y\nCOPY --from=y /a /b"),
                clean("DL3023", "FROM a:1 AS x\nFROM b:1 AS y\nCOPY --from=x /a /b"),
                clean("DL3023", "FROM a:1\nFROM b:1\nCOPY --from=0 /a /b"),
                clean("DL3023", "FROM a:1 AS x\nCOPY /a /b"),
                // DL3025 shell-form CMD / ENTRYPOINT
                caught("DL3025", "CMD nginx -g 'daemon off;'"),
                caught("DL3025", "ENTRYPOINT /docker-entrypoint.sh"),
                caught("DL3025", 2, "ENTRYPOINT exec app\nCMD run --help"),
                clean("DL3025", "CMD [\"nginx\", \"-g\", \"daemon off;\"]"),
                clean("DL3025", "ENTRYPOINT [\"/docker-entrypoint.sh\"]\nCMD [\"run\"]"),
                clean("DL3025", "RUN echo hi"),
                // DL3026 trusted registries
                caught("DL3026", "FROM quay.io/org/app:1\nRUN true").with(b -> b.trustRegistry("docker.io")),
                caught("DL3026", "FROM debian:12\nRUN true").with(b -> b.trustRegistry("my.registry:5000")),
                caught("DL3026", "FROM evil.gcr.io.example.com/x:1\nRUN true").with(b -> b.trustRegistry("*.gcr.io")),
                clean("DL3026", "FROM debian:12\nRUN true").with(b -> b.trustRegistry("docker.io")),
                clean("DL3026", "FROM eu.gcr.io/p/x:1\nRUN true").with(b -> b.trustRegistry("*.gcr.io")),
                clean("DL3026", "FROM quay.io/org/app:1\nRUN true"),
                clean("DL3026", "FROM debian:12 AS b\nFROM b\nRUN true").with(b -> b.trustRegistry("docker.io")),
                // DL3029 --platform
                caught("DL3029", "FROM --platform=linux/amd64 debian:12\nRUN true"),
                caught("DL3029", "FROM --platform=linux/arm64/v8 alpine:3.19 AS a\nRUN true"),
                caught("DL3029", "FROM --platform=windows/amd64 x:1\nRUN true"),
                clean("DL3029", "FROM --platform=$BUILDPLATFORM golang:1.22 AS build\nRUN true"),
                clean("DL3029", "FROM --platform=${TARGETPLATFORM} debian:12\nRUN true"),
                clean("DL3029", "FROM debian:12\nRUN true"),
                // DL3044 ENV referring to a variable set in the same ENV
                caught("DL3044", "ENV A=1 B=$A"),
                caught("DL3044", "ENV HOME=/srv PATH=${HOME}/bin:$PATH"),
                caught("DL3044", "ENV X=a \\\n    Y=\"${X}b\""),
                clean("DL3044", "ENV A=1\nENV B=$A"),
                clean("DL3044", "ENV PATH=/opt/bin:$PATH"),
                clean("DL3044", "ENV A=1 B='$A'"),
                clean("DL3044", "ENV B=$A A=1"),
                // DL3045 relative COPY without WORKDIR
                caught("DL3045", "COPY app.py ."),
                caught("DL3045", "COPY src/ src/\nWORKDIR /app"),
                caught("DL3045", "FROM a:1 AS x\nWORKDIR /app\nFROM b:1\nCOPY x y"),
                clean("DL3045", "WORKDIR /app\nCOPY app.py ."),
                clean("DL3045", "COPY app.py /app/"),
                clean("DL3045", "FROM a:1 AS base\nWORKDIR /app\nFROM base\nCOPY x ."),
                clean("DL3045", "ARG DIR=/x\nCOPY a $DIR"),
                // DL3057 HEALTHCHECK missing (off by default)
                caught("DL3057", "RUN true"),
                caught("DL3057", "FROM a:1 AS x\nHEALTHCHECK CMD a\nFROM b:1\nRUN true"),
                caught("DL3057", "CMD [\"app\"]"),
                clean("DL3057", "HEALTHCHECK CMD curl -f localhost"),
                clean("DL3057", "FROM a:1 AS base\nHEALTHCHECK NONE\nFROM base\nRUN true"),
                clean("DL3057", "RUN true\nHEALTHCHECK --interval=5s CMD [\"/app\", \"health\"]"),
                // DL3063 reserved stage names
                caught("DL3063", "FROM debian:12 AS scratch\nRUN true"),
                caught("DL3063", "FROM debian:12 AS context\nRUN true"),
                caught("DL3063", "FROM debian:12 AS Scratch\nRUN true"),
                clean("DL3063", "FROM debian:12 AS build\nRUN true"),
                clean("DL3063", "FROM scratch\nCOPY a /a"),
                clean("DL3063", "FROM debian:12 AS scratchpad\nRUN true"),
                // DL3064 secrets in ARG / ENV
                caught("DL3064", "ARG NPM_TOKEN"),
                caught("DL3064", "ENV DB_PASSWORD=hunter2"),
                caught("DL3064", "ARG AWS_SECRET_ACCESS_KEY=x"),
                caught("DL3064", "ENV STRIPE_API_KEY=sk"),
                clean("DL3064", "ENV GOPRIVATE=github.com/org/*"),
                clean("DL3064", "ARG USERNAME=vscode"),
                clean("DL3064", "ENV POSTGRES_PASSWORD_FILE=/run/secrets/db"),
                clean("DL3064", "ARG TOKENIZERS_VERSION=0.15"),
                // DL3065 --platform=$TARGETPLATFORM
                caught("DL3065", "FROM --platform=$TARGETPLATFORM debian:12\nRUN true"),
                caught("DL3065", "FROM --platform=${TARGETPLATFORM} debian:12 AS x\nRUN true"),
                caught("DL3065", 2, "FROM --platform=$TARGETPLATFORM a:1 AS a\nFROM --platform=$TARGETPLATFORM b:1\nRUN true"),
                clean("DL3065", "FROM --platform=$BUILDPLATFORM debian:12\nRUN true"),
                clean("DL3065", "FROM debian:12\nRUN true"),
                clean("DL3065", "FROM --platform=linux/amd64 debian:12\nRUN true"),
                // DL3066 non-numeric USER
                caught("DL3066", "USER app"),
                caught("DL3066", "USER app:app"),
                caught("DL3066", "USER www-data:33"),
                clean("DL3066", "USER 10001"),
                clean("DL3066", "USER 10001:10001"),
                clean("DL3066", "ARG UID=1000\nUSER ${UID}"),
                // DL3067 copy a whole filesystem
                caught("DL3067", "FROM a:1 AS fs\nFROM scratch\nCOPY --from=fs / /"),
                caught("DL3067", "FROM scratch\nCOPY --from=busybox:1.36 / /"),
                caught("DL3067", "FROM a:1 AS fs\nFROM scratch\nCOPY --from=fs --chown=0:0 / /"),
                clean("DL3067", "FROM a:1 AS fs\nFROM scratch\nCOPY --from=fs /app /"),
                clean("DL3067", "FROM a:1 AS fs\nFROM scratch\nCOPY --from=fs / /rootfs/"),
                clean("DL3067", "FROM scratch\nCOPY rootfs/ /"),
                clean("DL3067", "FROM tonistiigi/xx:1.9 AS xx\nFROM golang:1.22 AS build\nCOPY --from=xx / /\nFROM scratch\nCOPY --from=build /app /app"),
                // DL4000 MAINTAINER
                caught("DL4000", "MAINTAINER Jane <jane@example.com>"),
                caught("DL4000", "maintainer someone"),
                caught("DL4000", 2, "FROM a:1 AS x\nMAINTAINER a\nFROM b:1\nMAINTAINER b"),
                clean("DL4000", "LABEL org.opencontainers.image.authors=\"Jane\""),
                clean("DL4000", "RUN echo MAINTAINER"),
                clean("DL4000", "# MAINTAINER old\nRUN true"),
                // DL4003 multiple CMD
                caught("DL4003", "CMD a\nCMD b"),
                caught("DL4003", 2, "CMD [\"a\"]\nCMD [\"b\"]\nCMD [\"c\"]"),
                caught("DL4003", "FROM a:1 AS x\nCMD a\nCMD b\nFROM b:1\nCMD c"),
                clean("DL4003", "CMD [\"a\"]"),
                clean("DL4003", "FROM a:1 AS x\nCMD a\nFROM b:1\nCMD b"),
                clean("DL4003", "ENTRYPOINT [\"a\"]\nCMD [\"b\"]"),
                // DL4004 multiple ENTRYPOINT
                caught("DL4004", "ENTRYPOINT a\nENTRYPOINT b"),
                caught("DL4004", "ENTRYPOINT [\"a\"]\nCMD x\nENTRYPOINT [\"b\"]"),
                caught("DL4004", 2, "ENTRYPOINT a\nENTRYPOINT b\nENTRYPOINT c"),
                clean("DL4004", "ENTRYPOINT [\"a\"]"),
                clean("DL4004", "FROM a:1 AS x\nENTRYPOINT a\nFROM b:1\nENTRYPOINT b"),
                clean("DL4004", "CMD a\nCMD b"),
                // DL1001 inline ignore pragmas (off by default)
                caught("DL1001", "# hadolint ignore=DL3008\nRUN apt-get install -y curl"),
                caught("DL1001", "# hadolint ignore=DL3003,DL3008 # reasons\nRUN cd /x"),
                caught("DL1001", "# kiln ignore=KL001\nRUN true"),
                clean("DL1001", "# hadolint global ignore=DL3008\nRUN true"),
                clean("DL1001", "# install curl\nRUN true"),
                clean("DL1001", "RUN true"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void ruleFindsExactlyWhatTheCaseExpects(Case c) {
        RuleTable.check(c);
    }
}
