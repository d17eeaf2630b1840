package dev.kiln.lint.rules;

import static dev.kiln.lint.rules.Case.caught;
import static dev.kiln.lint.rules.Case.clean;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** kiln's own rules (KL codes): caught and not caught. */
class KilnRulesTest {

    static List<Case> cases() {
        return List.of(
                // KL001 no USER at all in the final image
                caught("KL001", "RUN true\nCMD [\"app\"]"),
                caught("KL001", "FROM golang:1.22 AS build\nUSER app\nFROM debian:12.5\nCMD [\"app\"]"),
                caught("KL001", "FROM scratch\nCOPY app /app\nENTRYPOINT [\"/app\"]"),
                clean("KL001", "USER 10001\nCMD [\"app\"]"),
                clean("KL001", "FROM debian:12.5\nRUN apt-get update"),
                clean("KL001", "FROM debian:12.5 AS base\nUSER app\nFROM base\nCMD [\"app\"]"),
                clean("KL001", "FROM gcr.io/distroless/static:nonroot\nCOPY app /app"),
                clean("KL001", "FROM nginxinc/nginx-unprivileged:1.25\nCOPY x /x"),
                clean("KL001", "RUN apt-get install -y gosu=1.16 && gosu nobody true\nENTRYPOINT [\"docker-entrypoint.sh\"]"),
                // KL002 server without init
                caught("KL002", "EXPOSE 8080\nCMD [\"/app\"]"),
                caught("KL002", "EXPOSE 80\nCMD node server.js"),
                caught("KL002", "EXPOSE 2368\nENTRYPOINT [\"docker-entrypoint.sh\"]\nCMD [\"node\", \"current/index.js\"]"),
                clean("KL002", "EXPOSE 8080\nENTRYPOINT [\"/usr/bin/tini\", \"--\"]\nCMD [\"/app\"]"),
                clean("KL002", "EXPOSE 8080\nENTRYPOINT [\"dumb-init\", \"/app\"]"),
                clean("KL002", "CMD [\"/app\", \"migrate\"]"),
                clean("KL002", "EXPOSE 8080\nRUN true"),
                clean("KL002", "EXPOSE 5432\nENTRYPOINT [\"docker-entrypoint.sh\"]\nCMD [\"postgres\"]"),
                clean("KL002", "EXPOSE 80\nCMD [\"nginx\", \"-g\", \"daemon off;\"]"),
                // KL003 created, then deleted by a later RUN
                caught("KL003", "RUN wget -q -O /tmp/app.tgz https://x/app.tgz\nRUN tar -xzf /tmp/app.tgz -C /opt && rm /tmp/app.tgz"),
                caught("KL003", "COPY installer.run /tmp/\nRUN sh /tmp/installer.run && rm -f /tmp/installer.run"),
                caught("KL003", "RUN apt-get update && apt-get install -y x=1\nRUN rm -rf /var/lib/apt/lists/*"),
                caught("KL003", "RUN git clone https://x/repo.git /src\nRUN make -C /src && rm -rf /src"),
                clean("KL003", "RUN wget -q -O /tmp/app.tgz https://x && tar -xzf /tmp/app.tgz && rm /tmp/app.tgz"),
                clean("KL003", "FROM debian:12 AS build\nCOPY x /tmp/x\nRUN rm /tmp/x\nFROM debian:12\nRUN true"),
                clean("KL003", "COPY config.yml /etc/app/\nRUN rm -rf /tmp/*"),
                clean("KL003", "RUN curl -fsSLo /tmp/a https://x\nRUN rm -rf \"$TMPDIR\"/*"),
                // KL004 build-only packages left
                caught("KL004", "RUN apt-get update && apt-get install -y gcc make libssl-dev && make && rm -rf /var/lib/apt/lists/*\nCMD [\"/app\"]"),
                caught("KL004", "FROM alpine:3.19\nRUN apk add --no-cache build-base git\nENTRYPOINT [\"/app\"]"),
                caught("KL004", "FROM fedora:40 AS base\nCMD [\"python3\", \"app.py\"]\nFROM base\nRUN dnf install -y gcc python3-devel && dnf clean all"),
                clean("KL004", "RUN apt-get install -y gcc make && make && apt-get purge -y --auto-remove gcc make"),
                clean("KL004", "FROM alpine:3.19\nRUN apk add --no-cache --virtual .build-deps gcc musl-dev && make && apk del .build-deps"),
                clean("KL004", "RUN savedAptMark=\"$(apt-mark showmanual)\" && apt-get install -y gcc libc6-dev && apt-mark auto '.*' > /dev/null && apt-mark manual $savedAptMark && apt-get purge -y --auto-remove"),
                clean("KL004", "FROM debian:12 AS build\nRUN apt-get install -y gcc\nFROM debian:12\nRUN true"),
                clean("KL004", "RUN apt-get install -y $buildDeps ca-certificates\nCMD [\"/app\"]"),
                clean("KL004", "FROM buildpack-deps:bookworm-curl\nRUN apt-get install -y --no-install-recommends gcc make"),
                clean("KL004", "FROM buildpack-deps:bookworm\nRUN apt-get install -y --no-install-recommends tk-dev\nCMD [\"python3\"]"),
                clean("KL004", "FROM docker:29-cli\nRUN apk add --no-cache git iptables\nENTRYPOINT [\"dockerd-entrypoint.sh\"]"),
                // KL005 dnf/yum weak deps and docs
                caught("KL005", "FROM fedora:40\nRUN dnf install -y httpd && dnf clean all"),
                caught("KL005", "FROM ubi9/ubi-minimal:9.4\nRUN microdnf install -y --nodocs shadow-utils"),
                caught("KL005", "FROM centos:7\nRUN yum install -y httpd"),
                clean("KL005", "FROM fedora:40\nRUN dnf install -y --setopt=install_weak_deps=False --setopt=tsflags=nodocs httpd"),
                clean("KL005", "FROM ubi9/ubi-minimal:9.4\nRUN microdnf install -y --nodocs --setopt=install_weak_deps=0 shadow-utils"),
                clean("KL005", "FROM fedora:40\nRUN echo install_weak_deps=False >> /etc/dnf/dnf.conf && echo tsflags=nodocs >> /etc/dnf/dnf.conf\nRUN dnf install -y httpd"),
                clean("KL005", "FROM centos:7\nRUN yum install -y --setopt=tsflags=nodocs httpd"),
                // KL006 zypper --no-recommends
                caught("KL006", "FROM opensuse/leap:15\nRUN zypper -n install curl"),
                caught("KL006", "FROM opensuse/leap:15\nRUN zypper in -y curl && zypper clean"),
                caught("KL006", "FROM opensuse/leap:15\nRUN sudo zypper install -y curl"),
                clean("KL006", "FROM opensuse/leap:15\nRUN zypper -n install --no-recommends curl"),
                clean("KL006", "FROM opensuse/leap:15\nRUN sed -i 's/.*solver.onlyRequires.*/solver.onlyRequires = true/' /etc/zypp/zypp.conf\nRUN zypper -n in curl"),
                clean("KL006", "FROM opensuse/leap:15 AS b\nRUN zypper -n in gcc\nFROM opensuse/leap:15\nRUN true"),
                // KL007 SDK image for the final stage
                caught("KL007", "FROM golang:1.22\nCOPY . /src\nRUN go build -o /app /src\nCMD [\"/app\"]"),
                caught("KL007", "FROM maven:3.9-eclipse-temurin-21\nCOPY pom.xml src /app/\nRUN mvn -B package\nCMD [\"java\", \"-jar\", \"app.jar\"]"),
                caught("KL007", "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\nCMD [\"node\", \"dist/server.js\"]"),
                clean("KL007", "FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM scratch\nCOPY --from=build /app /app\nCMD [\"/app\"]"),
                clean("KL007", "FROM golang:1.22\nRUN go install github.com/x/y@v1.0.0"),
                clean("KL007", "FROM node:20\nRUN npm ci --omit=dev\nCMD [\"node\", \"server.js\"]"),
                clean("KL007", "FROM eclipse-temurin:21-jre\nCOPY X.java /\nRUN javac X.java\nCMD [\"java\", \"X\"]"),
                clean("KL007", "FROM buildpack-deps:bookworm\nRUN wget -O python.tgz https://x/py.tgz && tar xzf python.tgz && make -C py install\nCMD [\"python3\"]"),
                // KL008 full base image with a slim variant
                caught("KL008", "FROM python:3.12\nCMD [\"python\"]"),
                caught("KL008", "FROM debian:bookworm\nRUN true\nCMD [\"bash\"]"),
                caught("KL008", "FROM node:20 AS base\nFROM base\nCMD [\"node\"]"),
                clean("KL008", "FROM python:3.12-slim\nCMD [\"python\"]"),
                clean("KL008", "FROM python:3.12 AS build\nFROM python:3.12-alpine\nCMD [\"python\"]"),
                clean("KL008", "FROM ubuntu:24.04\nRUN true"),
                clean("KL008", "FROM debian:trixie\nRUN apt-get install -y --no-install-recommends curl"),
                clean("KL008", "FROM registry.example.com/python:3.12\nRUN true"),
                clean("KL008", "FROM buildpack-deps:trixie\nCMD [\"node\"]"),
                // KL009 package caches beyond hadolint
                caught("KL009", "RUN npm ci --omit=dev"),
                caught("KL009", "FROM golang:1.22\nRUN go build -o /app ."),
                caught("KL009", "RUN mvn -B package"),
                clean("KL009", "RUN npm ci --omit=dev && npm cache clean --force"),
                clean("KL009", "RUN --mount=type=cache,target=/root/.cache/go-build --mount=type=cache,target=/go/pkg/mod go build -o /app ."),
                clean("KL009", "FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM scratch\nCOPY --from=build /app /app"),
                clean("KL009", "RUN mvn -B package && rm -rf /root/.m2"),
                clean("KL009", "RUN gem --version && bundle --version"),
                // KL010 world-writable
                caught("KL010", "RUN chmod 777 /data"),
                caught("KL010", "RUN mkdir /cache && chmod -R a+rwx /cache"),
                caught("KL010", 2, "RUN chmod 0666 /var/run/app.sock && chmod o+w /logs"),
                clean("KL010", "RUN chgrp -R 0 /data && chmod -R g=u /data"),
                clean("KL010", "RUN chmod 1777 /tmp"),
                clean("KL010", "RUN chmod 755 /usr/local/bin/app"),
                clean("KL010", "RUN d=\"$(mktemp -d)\" && chmod 777 \"$d\" && build-in \"$d\" && rm -rf \"$d\""),
                clean("KL010", "RUN mkdir /build && chmod 777 /build && make -C /build && rm -rf /build"),
                clean("KL010", "FROM a:1 AS b\nRUN chmod 777 /x\nFROM c:1\nRUN true"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void ruleFindsExactlyWhatTheCaseExpects(Case c) {
        RuleTable.check(c);
    }
}
