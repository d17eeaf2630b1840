#!/usr/bin/env bash
# kiln's quick start, offline: make a busybox root filesystem, import it as a base image, build
# examples/hello (two stages, a non-root user, tini via --init) and run the result. Needs root (RUN
# and kiln run use namespaces), Java 17, Maven (first run only) and Debian's busybox-static + tini.
#   bash examples/quickstart.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
kiln="$here/../kiln"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export KILN_HOME="${KILN_HOME:-$work/store}"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "1/4 a busybox root filesystem (from the host's busybox-static)"
bash "$here/busybox-rootfs.sh" "$work/rootfs"

step "2/4 kiln import it as busybox:quickstart"
"$kiln" import "$work/rootfs" -t busybox:quickstart --change 'CMD ["sh"]'

step "3/4 kiln build examples/hello (twice: the second build comes from the cache)"
"$kiln" build --init -t hello:1.0.0-1 "$here/hello"
time "$kiln" build --init -t hello:1.0.0-1 "$here/hello"

step "4/4 kiln run hello:1.0.0-1"
"$kiln" run hello:1.0.0-1

echo
echo "The image is in the store at $KILN_HOME; try: $kiln images, $kiln inspect hello:1.0.0-1"
