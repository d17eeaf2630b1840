#!/usr/bin/env bash
# kiln build against buildah bud (--isolation chroot --layers, vfs storage) on the same Dockerfiles and
# the same base images, in one run: a busybox two-stage build (trivial RUNs: the time is the tools'
# own overhead) and, when a Debian minbase is at hand, an apt-get install of a real package. Each is
# built cold (empty cache, base already in storage) and warm (the same build again, nothing changed).
# Prints wall times, ratios and the compressed size of each image. Needs root.
# Usage: sudo bench/build.sh [ROUNDS]   (warm rounds, default 5)
# The Debian base comes from ~/.cache/kiln-test/debian-bookworm-minbase.tar (the tests' debootstrap
# cache) or KILN_BENCH_DEBIAN_TAR; without one the Debian case is skipped.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-5}"
[ "$(id -u)" = 0 ] || { echo "bench/build.sh: needs root (namespaces, overlay)" >&2; exit 2; }
for tool in busybox buildah jq; do
  command -v "$tool" >/dev/null || { echo "bench/build.sh: $tool is not installed" >&2; exit 2; }
done
work="/tmp/kiln-bench-build-$$"; mkdir -p "$work"   # lower case: buildah names images after the path
cleanup() { rm -rf --one-file-system "$work"; }
trap cleanup EXIT
kiln="$root/kiln"

ms_since() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
layers_size() {   # compressed bytes of the layers of the only image in an OCI layout
  local dir="$1" manifest
  manifest="$(jq -r '.manifests[0].digest' "$dir/index.json" | sed 's/sha256://')"
  jq '[.layers[].size] | add' "$dir/blobs/sha256/$manifest"
}

# Bases: made once, kept as OCI layouts both tools load from.
bash "$root/examples/busybox-rootfs.sh" "$work/busybox-rootfs" >/dev/null
export KILN_HOME="$work/seed"
"$kiln" import "$work/busybox-rootfs" -t busybox:bench --change 'CMD ["sh"]' >/dev/null
"$kiln" copy busybox:bench "oci:$work/bases/busybox:1" >/dev/null 2>&1
# One untimed build first: the launcher records `kiln build`'s class-data archive on its first run.
mkdir -p "$work/warmup"
printf 'FROM busybox:bench\nRUN true\nCOPY Dockerfile /d\n' > "$work/warmup/Dockerfile"
"$kiln" build -q -t warmup:1 "$work/warmup" >/dev/null
cases=(busybox)
debian_tar="${KILN_BENCH_DEBIAN_TAR:-$HOME/.cache/kiln-test/debian-bookworm-minbase.tar}"
if [ -f "$debian_tar" ]; then
  mkdir -p "$work/debian-rootfs"
  tar --numeric-owner -xpf "$debian_tar" -C "$work/debian-rootfs"
  find "$work/debian-rootfs/dev" -mindepth 1 -delete
  "$kiln" import "$work/debian-rootfs" -t debian:bench \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' --change 'CMD ["bash"]' >/dev/null
  "$kiln" copy debian:bench "oci:$work/bases/debian:1" >/dev/null 2>&1
  rm -rf "$work/debian-rootfs"
  cases+=(debian)
else
  echo "(no Debian minbase tarball at $debian_tar: the Debian case is skipped; run the tests once to make it)"
fi

# The build context: a few scripts and config files.
ctx="$work/context"
mkdir -p "$ctx/src" "$ctx/conf/nested"
for i in $(seq 1 20); do printf '#!/bin/sh\necho %s\n' "$i" > "$ctx/src/s$i.sh"; done
cp "$ctx/src/s1.sh" "$ctx/src/run.sh"
for i in $(seq 1 20); do echo "key$i=value$i" > "$ctx/conf/c$i.conf"; done
echo nested > "$ctx/conf/nested/n.conf"

printf '%-8s %-6s %10s %10s %8s\n' case phase kiln_ms buildah_ms ratio
for c in "${cases[@]}"; do
  cp "$root/bench/build/$c.Dockerfile" "$ctx/Dockerfile"
  # kiln: a fresh store holding only the base
  export KILN_HOME="$work/kiln-$c"
  "$kiln" copy "oci:$work/bases/$c:1" "$c:bench" >/dev/null 2>&1
  "$kiln" run "$c:bench" true >/dev/null 2>&1   # base layers unpacked, as buildah's pull leaves them
  start=$(date +%s%N); "$kiln" build -q -t "out-$c:1" "$ctx" >/dev/null; kiln_cold=$(ms_since "$start")
  "$kiln" build -q -t "out-$c:1" "$ctx" >/dev/null   # first warm run records the class-data archive's classes
  start=$(date +%s%N)
  for _ in $(seq "$rounds"); do "$kiln" build -q -t "out-$c:1" "$ctx" >/dev/null; done
  kiln_warm=$(( $(ms_since "$start") / rounds ))
  "$kiln" copy "out-$c:1" "oci:$work/out-kiln-$c:1" >/dev/null 2>&1
  kiln_size=$(layers_size "$work/out-kiln-$c")

  # buildah: fresh storage holding only the base
  b=(buildah --root "$work/buildah-$c" --runroot "$work/buildah-run-$c" --storage-driver vfs)
  "${b[@]}" pull -q "oci:$work/bases/$c:1" >/dev/null
  "${b[@]}" tag "$("${b[@]}" images -q | head -1)" "$c:bench"
  bud=("${b[@]}" bud --isolation chroot --layers --pull=false -q -t "out-$c:1" "$ctx")
  start=$(date +%s%N); "${bud[@]}" >/dev/null; buildah_cold=$(ms_since "$start")
  start=$(date +%s%N)
  for _ in $(seq "$rounds"); do "${bud[@]}" >/dev/null; done
  buildah_warm=$(( $(ms_since "$start") / rounds ))
  "${b[@]}" push -q "out-$c:1" "oci:$work/out-buildah-$c:1" >/dev/null
  buildah_size=$(layers_size "$work/out-buildah-$c")

  awk -v c="$c" -v k="$kiln_cold" -v b="$buildah_cold" 'BEGIN { printf "%-8s %-6s %10d %10d %8.2f\n", c, "cold", k, b, k / b }'
  awk -v c="$c" -v k="$kiln_warm" -v b="$buildah_warm" 'BEGIN { printf "%-8s %-6s %10d %10d %8.2f\n", c, "warm", k, b, k / b }'
  awk -v c="$c" -v k="$kiln_size" -v b="$buildah_size" 'BEGIN { printf "%-8s %-6s %10d %10d %8.2f   (compressed layer bytes)\n", c, "size", k, b, k / b }'
done
echo "ratio = kiln / buildah (below 1: kiln is faster or smaller). Targets: cold <= 1, warm wall < 400 ms, size <= 1."
