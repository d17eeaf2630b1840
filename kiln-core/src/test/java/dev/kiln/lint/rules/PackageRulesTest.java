package dev.kiln.lint.rules;

import static dev.kiln.lint.rules.Case.caught;
import static dev.kiln.lint.rules.Case.clean;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Package-manager rules (apt, apk, yum, dnf, zypper, pip, npm, gem, go, yarn): caught and not caught,
 * including hadolint's known false positives (variables read as packages, sudo and env wrappers,
 * any rm -rf taken as cleanup).
 */
class PackageRulesTest {

    static List<Case> cases() {
        return List.of(
                // DL3008 pin apt-get install
                caught("DL3008", "RUN apt-get update && apt-get install -y curl"),
                caught("DL3008", "RUN sudo apt-get install -y git=1:2.39 curl"),
                caught("DL3008", "RUN env DEBIAN_FRONTEND=noninteractive apt-get -o Dpkg::Options::=--force-confold install -y vim"),
                caught("DL3008", "RUN apt install -y curl"),
                clean("DL3008", "RUN apt-get install -y curl=7.88.1-10"),
                clean("DL3008", "RUN apt-get install -y $buildDeps \"${PKGS}\""),
                clean("DL3008", "RUN apt-get install -y ./local.deb /tmp/x.deb"),
                clean("DL3008", "RUN apt-get -o Dpkg::Options::=--force-confold install -y pkg=1.0"),
                clean("DL3008", "RUN apt-get update"),
                // DL3009 apt lists cleanup, only the matching rm counts
                caught("DL3009", "RUN apt-get update && apt-get install -y curl=1"),
                caught("DL3009", "RUN apt-get update && apt-get install -y curl=1 && rm -rf /tmp/*"),
                caught("DL3009", "RUN sudo apt-get update && apt-get install -y x=1 && rm -rf /var/cache/apt"),
                caught("DL3009", "FROM debian:12 AS base\nRUN apt-get update\nFROM base\nRUN true"),
                clean("DL3009", "RUN apt-get update && apt-get install -y x=1 && rm -rf /var/lib/apt/lists/*"),
                clean("DL3009", "RUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install -y x=1"),
                clean("DL3009", "FROM debian:12 AS build\nRUN apt-get update && apt-get install -y gcc=1\nFROM debian:12\nRUN true"),
                clean("DL3009", "RUN apt-get install -y x=1"),
                clean("DL3009", "RUN apt-get update; apt-get install -y --no-install-recommends x=1; apt-get dist-clean"),
                clean("DL3009", "RUN apt-get update; apt-get install -y x=1; rm -rf /var/lib/apt/lists"),
                // DL3014 -y
                caught("DL3014", "RUN apt-get install curl"),
                caught("DL3014", "RUN sudo -E apt-get install --no-install-recommends curl"),
                caught("DL3014", "RUN apt-get -q install curl"),
                clean("DL3014", "RUN apt-get install -y curl"),
                clean("DL3014", "RUN apt-get -qqy install curl"),
                clean("DL3014", "RUN apt-get install --assume-yes curl"),
                clean("DL3014", "RUN apt-get -qq install curl"),
                clean("DL3014", "RUN yes | apt-get install curl"),
                clean("DL3014", "RUN apt-get -o APT::Get::Assume-Yes=true install curl"),
                clean("DL3014", "RUN if apt-get install -s \"pg-$V-jit\" > /dev/null; then echo ok; fi"),
                // DL3015 --no-install-recommends
                caught("DL3015", "RUN apt-get install -y curl"),
                caught("DL3015", "RUN DEBIAN_FRONTEND=noninteractive apt-get install -y curl"),
                caught("DL3015", "RUN apt-get -y install curl && apt-get install -y --no-install-recommends git"),
                clean("DL3015", "RUN apt-get install -y --no-install-recommends curl"),
                clean("DL3015", "RUN apt-get install -y -o APT::Install-Recommends=false curl"),
                clean("DL3015", "RUN echo 'APT::Install-Recommends \"false\";' > /etc/apt/apt.conf.d/99norec\nRUN apt-get install -y curl"),
                clean("DL3015", "RUN apt-get update"),
                // DL3027 apt
                caught("DL3027", "RUN apt install -y curl"),
                caught("DL3027", "RUN apt update"),
                caught("DL3027", "RUN sudo apt upgrade -y"),
                clean("DL3027", "RUN apt-get install -y curl"),
                clean("DL3027", "RUN apt-cache policy curl"),
                clean("DL3027", "RUN echo apt install"),
                // DL3018 pin apk add
                caught("DL3018", "FROM alpine:3.19\nRUN apk add --no-cache curl"),
                caught("DL3018", "FROM alpine:3.19\nRUN apk add --no-cache --virtual .build-deps gcc musl-dev=1.2"),
                caught("DL3018", "FROM alpine:3.19\nRUN apk --update add bash"),
                clean("DL3018", "FROM alpine:3.19\nRUN apk add --no-cache curl=8.5.0-r0"),
                clean("DL3018", "FROM alpine:3.19\nRUN apk add --no-cache \"curl~8.5\""),
                clean("DL3018", "FROM alpine:3.19\nRUN apk add --no-cache --virtual .deps $DEPS"),
                clean("DL3018", "FROM alpine:3.19\nRUN apk add --allow-untrusted /tmp/pkg.apk"),
                // DL3019 apk --no-cache
                caught("DL3019", "FROM alpine:3.19\nRUN apk add curl=1"),
                caught("DL3019", "FROM alpine:3.19\nRUN apk update && apk add curl=1 && rm -rf /tmp/*"),
                caught("DL3019", "FROM alpine:3.19\nRUN sudo apk add curl=1"),
                clean("DL3019", "FROM alpine:3.19\nRUN apk add --no-cache curl=1"),
                clean("DL3019", "FROM alpine:3.19\nRUN apk add curl=1 && rm -rf /var/cache/apk/*"),
                clean("DL3019", "FROM alpine:3.19\nRUN --mount=type=cache,target=/var/cache/apk apk add curl=1"),
                clean("DL3019", "FROM alpine:3.19 AS b\nRUN apk add gcc=1\nFROM alpine:3.19\nRUN true"),
                clean("DL3019", "FROM alpine:3.19\nRUN apk add --no-network --virtual .rundeps $runDeps"),
                // DL3030 yum -y
                caught("DL3030", "FROM centos:7\nRUN yum install httpd"),
                caught("DL3030", "FROM centos:7\nRUN yum groupinstall 'Development Tools'"),
                caught("DL3030", "FROM centos:7\nRUN sudo yum remove httpd"),
                clean("DL3030", "FROM centos:7\nRUN yum install -y httpd"),
                clean("DL3030", "FROM centos:7\nRUN yum -y install httpd"),
                clean("DL3030", "FROM centos:7\nRUN yum clean all"),
                clean("DL3030", "FROM centos:7\nRUN yum --assumeyes install httpd"),
                // DL3032 yum clean all
                caught("DL3032", "FROM centos:7\nRUN yum install -y httpd-2.4"),
                caught("DL3032", "FROM centos:7\nRUN yum install -y httpd-2.4 && rm -rf /tmp/*"),
                caught("DL3032", "FROM centos:7\nRUN yum install -y a-1 && dnf clean all"),
                clean("DL3032", "FROM centos:7\nRUN yum install -y httpd-2.4 && yum clean all"),
                clean("DL3032", "FROM centos:7\nRUN yum install -y httpd-2.4 && rm -rf /var/cache/yum"),
                clean("DL3032", "FROM centos:7\nRUN --mount=type=cache,target=/var/cache/yum yum install -y httpd-2.4"),
                clean("DL3032", "FROM centos:7 AS b\nRUN yum install -y gcc-4\nFROM centos:7\nRUN true"),
                // DL3033 yum pins
                caught("DL3033", "FROM centos:7\nRUN yum install -y httpd"),
                caught("DL3033", "FROM centos:7\nRUN yum install -y python3-devel"),
                caught("DL3033", "FROM centos:7\nRUN yum install -y java-17-openjdk"),
                clean("DL3033", "FROM centos:7\nRUN yum install -y httpd-2.4.57"),
                clean("DL3033", "FROM centos:7\nRUN yum install -y /tmp/pkg.rpm https://x/y.rpm"),
                clean("DL3033", "FROM centos:7\nRUN yum install -y $PKGS"),
                clean("DL3033", "FROM centos:8\nRUN yum module install -y nodejs:18"),
                // DL3034 zypper non-interactive
                caught("DL3034", "FROM opensuse/leap:15\nRUN zypper install curl"),
                caught("DL3034", "FROM opensuse/leap:15\nRUN zypper in --no-recommends curl"),
                caught("DL3034", "FROM opensuse/leap:15\nRUN zypper up"),
                clean("DL3034", "FROM opensuse/leap:15\nRUN zypper install -y curl"),
                clean("DL3034", "FROM opensuse/leap:15\nRUN zypper -n install curl"),
                clean("DL3034", "FROM opensuse/leap:15\nRUN zypper --non-interactive in curl"),
                clean("DL3034", "FROM opensuse/leap:15\nRUN zypper refresh"),
                // DL3035 zypper dist-upgrade
                caught("DL3035", "FROM opensuse/leap:15\nRUN zypper dist-upgrade -y"),
                caught("DL3035", "FROM opensuse/leap:15\nRUN zypper -n dup"),
                caught("DL3035", "FROM opensuse/leap:15\nRUN zypper refresh && zypper dup -y"),
                clean("DL3035", "FROM opensuse/leap:15\nRUN zypper update -y"),
                clean("DL3035", "FROM opensuse/leap:15\nRUN zypper install -y dup"),
                clean("DL3035", "FROM opensuse/leap:15\nRUN echo zypper dup"),
                // DL3036 zypper clean
                caught("DL3036", "FROM opensuse/leap:15\nRUN zypper install -y curl=8"),
                caught("DL3036", "FROM opensuse/leap:15\nRUN zypper clean && zypper install -y curl=8"),
                caught("DL3036", "FROM opensuse/leap:15\nRUN zypper -n in curl=8 && rm -rf /tmp/*"),
                clean("DL3036", "FROM opensuse/leap:15\nRUN zypper install -y curl=8 && zypper clean --all"),
                clean("DL3036", "FROM opensuse/leap:15\nRUN zypper install -y curl=8 && zypper cc -a"),
                clean("DL3036", "FROM opensuse/leap:15\nRUN zypper install -y curl=8 && rm -rf /var/cache/zypp/*"),
                clean("DL3036", "FROM opensuse/leap:15\nRUN zypper refresh"),
                // DL3037 zypper pins
                caught("DL3037", "FROM opensuse/leap:15\nRUN zypper install -y curl"),
                caught("DL3037", "FROM opensuse/leap:15\nRUN zypper in -y curl=8 git"),
                caught("DL3037", "FROM opensuse/leap:15\nRUN zypper -n install --no-recommends vim"),
                clean("DL3037", "FROM opensuse/leap:15\nRUN zypper install -y curl=8.0"),
                clean("DL3037", "FROM opensuse/leap:15\nRUN zypper install -y 'curl>=8'"),
                clean("DL3037", "FROM opensuse/leap:15\nRUN zypper install -y /tmp/x.rpm"),
                // DL3038 dnf -y
                caught("DL3038", "FROM fedora:40\nRUN dnf install httpd"),
                caught("DL3038", "FROM fedora:40\nRUN dnf --setopt=install_weak_deps=False install httpd"),
                caught("DL3038", "FROM fedora:40\nRUN dnf upgrade"),
                clean("DL3038", "FROM fedora:40\nRUN dnf install -y httpd"),
                clean("DL3038", "FROM fedora:40\nRUN dnf -y install httpd"),
                clean("DL3038", "FROM ubi9/ubi-minimal:9.4\nRUN microdnf install httpd"),
                clean("DL3038", "FROM fedora:40\nRUN dnf clean all"),
                // DL3040 dnf clean all
                caught("DL3040", "FROM fedora:40\nRUN dnf install -y httpd-2.4"),
                caught("DL3040", "FROM ubi9/ubi-minimal:9.4\nRUN microdnf install -y httpd-2.4"),
                caught("DL3040", "FROM fedora:40\nRUN dnf install -y httpd-2.4 && rm -rf /tmp/*"),
                clean("DL3040", "FROM fedora:40\nRUN dnf install -y httpd-2.4 && dnf clean all"),
                clean("DL3040", "FROM ubi9/ubi-minimal:9.4\nRUN microdnf install -y httpd-2.4 && microdnf clean all"),
                clean("DL3040", "FROM fedora:40\nRUN dnf install -y httpd-2.4 && rm -rf /var/cache/dnf"),
                clean("DL3040", "FROM fedora:40 AS b\nRUN dnf install -y gcc-13\nFROM fedora:40\nRUN true"),
                // DL3041 dnf pins
                caught("DL3041", "FROM fedora:40\nRUN dnf install -y httpd"),
                caught("DL3041", "FROM ubi9/ubi-minimal:9.4\nRUN microdnf install -y shadow-utils"),
                caught("DL3041", "FROM fedora:40\nRUN dnf install -y gcc-13.2 make"),
                clean("DL3041", "FROM fedora:40\nRUN dnf install -y httpd-2.4.62"),
                clean("DL3041", "FROM fedora:40\nRUN dnf module install -y nodejs:20"),
                clean("DL3041", "FROM fedora:40\nRUN dnf install -y ${PKGS}"),
                // DL3013 pip pins
                caught("DL3013", "RUN pip install requests"),
                caught("DL3013", "RUN python3 -m pip install --upgrade pip"),
                caught("DL3013", "RUN pip3 install -i https://pypi.example.com/simple flask==3.0 gunicorn"),
                clean("DL3013", "RUN pip install requests==2.31.0"),
                clean("DL3013", "RUN pip install -r requirements.txt"),
                clean("DL3013", "RUN pip install ."),
                clean("DL3013", "RUN pip install \"git+https://github.com/org/repo@v1.2\""),
                clean("DL3013", "RUN pip install /wheels/app-1.0-py3-none-any.whl"),
                clean("DL3013", "RUN pip install $PIP_PACKAGES"),
                clean("DL3013", "RUN pip install -c constraints.txt requests"),
                // DL3042 pip --no-cache-dir, in the final image
                caught("DL3042", "RUN pip install requests==2"),
                caught("DL3042", "RUN python -m pip install -r requirements.txt"),
                caught("DL3042", "RUN sudo pip3 install x==1 && rm -rf /tmp/*"),
                clean("DL3042", "RUN pip install --no-cache-dir requests==2"),
                clean("DL3042", "ENV PIP_NO_CACHE_DIR=1\nRUN pip install requests==2"),
                clean("DL3042", "RUN PIP_NO_CACHE_DIR=true pip install requests==2"),
                clean("DL3042", "RUN --mount=type=cache,target=/root/.cache/pip pip install requests==2"),
                clean("DL3042", "RUN pip install x==1 && rm -rf ~/.cache/pip"),
                clean("DL3042", "FROM python:3.12 AS build\nRUN pip install x==1\nFROM python:3.12-slim\nRUN true"),
                // DL3016 npm pins
                caught("DL3016", "RUN npm install express"),
                caught("DL3016", "RUN npm install -g npm"),
                caught("DL3016", "RUN npm i @angular/cli lodash@4"),
                clean("DL3016", "RUN npm install express@4.19.2"),
                clean("DL3016", "RUN npm install"),
                clean("DL3016", "RUN npm install @scope/pkg@1.0.0 ./local-dir git+https://github.com/a/b.git#v1"),
                clean("DL3016", "RUN npm ci"),
                // DL3028 gem pins
                caught("DL3028", "RUN gem install bundler"),
                caught("DL3028", "RUN gem install rails:7.1 rake"),
                caught("DL3028", "RUN gem i --no-document nokogiri"),
                clean("DL3028", "RUN gem install bundler:2.5.6"),
                clean("DL3028", "RUN gem install bundler -v 2.5.6"),
                clean("DL3028", "RUN gem install \"bundler:$BUNDLER_VERSION\""),
                clean("DL3028", "RUN gem update --system"),
                // DL3060 yarn cache clean
                caught("DL3060", "RUN yarn install"),
                caught("DL3060", "RUN yarn install --frozen-lockfile && rm -rf /tmp/*"),
                caught("DL3060", "RUN cd /app && yarn install --production"),
                clean("DL3060", "RUN yarn install && yarn cache clean"),
                clean("DL3060", "RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install"),
                clean("DL3060", "FROM node:20 AS b\nRUN yarn install\nFROM node:20-slim\nRUN true"),
                clean("DL3060", "RUN yarn build"),
                // DL3062 go install pins
                caught("DL3062", "RUN go install github.com/go-delve/delve/cmd/dlv"),
                caught("DL3062", "RUN go install golang.org/x/tools/gopls@latest"),
                caught("DL3062", "RUN go install -ldflags=-s honnef.co/go/tools/cmd/staticcheck"),
                clean("DL3062", "RUN go install github.com/go-delve/delve/cmd/dlv@v1.22.1"),
                clean("DL3062", "RUN go install ./cmd/app"),
                clean("DL3062", "RUN go install ./..."),
                clean("DL3062", "RUN go build -o /app ."),
                clean("DL3062", "RUN go install \"$TOOL@$VERSION\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void ruleFindsExactlyWhatTheCaseExpects(Case c) {
        RuleTable.check(c);
    }
}
