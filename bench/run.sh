#!/usr/bin/env bash
# Cost of a sandboxed RUN step outside the command itself: kiln (root over the cached layers,
# namespaces, a command that writes one small file, snapshot, layer written) with both sandboxes, against
# `buildah run --isolation chroot` on the same busybox base (buildah's run alone, no commit, so the
# comparison favours buildah). kiln is timed inside one JVM (`kiln run --bench N`), as a build runs
# its steps; buildah as N separate `buildah run` processes, as `buildah bud` runs them. Also prints one
# whole `kiln run` (JVM start included) for reference. Needs root.
# Usage: sudo bench/run.sh [N]   (default 20)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-20}"
[ "$(id -u)" = 0 ] || { echo "bench/run.sh: needs root (namespaces, overlay)" >&2; exit 2; }
for tool in busybox buildah; do
  command -v "$tool" >/dev/null || { echo "bench/run.sh: $tool is not installed" >&2; exit 2; }
done
work="$(mktemp -d /tmp/kiln-bench-run.XXXXXX)"
cleanup() {
  buildah --root "$work/buildah" --runroot "$work/buildah-run" --storage-driver vfs rm -a >/dev/null 2>&1 || true
  rm -rf --one-file-system "$work"
}
trap cleanup EXIT

# The same busybox root for both.
rootfs="$work/rootfs"
mkdir -p "$rootfs"/{bin,etc,tmp,root,proc,dev,sys}
cp "$(command -v busybox)" "$rootfs/bin/busybox"
for applet in $(busybox --list); do [ "$applet" = busybox ] || ln -sf busybox "$rootfs/bin/$applet"; done
printf 'root:x:0:0:root:/root:/bin/sh\n' > "$rootfs/etc/passwd"
printf 'root:x:0:\n' > "$rootfs/etc/group"
chmod 1777 "$rootfs/tmp"

export KILN_HOME="$work/kiln-home"
"$root/kiln" import "$rootfs" -t bench-busybox:1.0.0-1 >/dev/null

cmd=(sh -c "echo x > /tmp/kiln-bench")
echo "rounds: $rounds, command: ${cmd[*]}, base: busybox ($(ls "$rootfs/bin" | wc -l) files)"
declare -A kiln_ms
for runtime in crun chroot; do
  if [ "$runtime" = crun ] && ! command -v crun >/dev/null; then continue; fi
  line="$(KILN_RUNTIME=$runtime "$root/kiln" run --bench "$rounds" bench-busybox:1.0.0-1 "${cmd[@]}")"
  echo "$line"
  kiln_ms[$runtime]="$(sed -E 's/.*mean ([0-9.]+) ms.*/\1/' <<<"$line")"
done
start=$(date +%s%N)
KILN_RUNTIME=chroot "$root/kiln" run bench-busybox:1.0.0-1 true
echo "kiln run (one process, JVM start included): $(( ($(date +%s%N) - start) / 1000000 )) ms"

b=(buildah --root "$work/buildah" --runroot "$work/buildah-run" --storage-driver vfs)
ctr="$("${b[@]}" from scratch)"
"${b[@]}" copy "$ctr" "$rootfs/" / >/dev/null
"${b[@]}" run --isolation chroot "$ctr" "${cmd[@]}"   # warm-up
start=$(date +%s%N)
for _ in $(seq "$rounds"); do "${b[@]}" run --isolation chroot "$ctr" "${cmd[@]}"; done
buildah_ms="$(awk -v ns=$(( $(date +%s%N) - start )) -v n="$rounds" 'BEGIN { printf "%.1f", ns / n / 1e6 }')"
echo "buildah run --isolation chroot: mean $buildah_ms ms"

for runtime in "${!kiln_ms[@]}"; do
  awk -v k="${kiln_ms[$runtime]}" -v b="$buildah_ms" -v r="$runtime" \
    'BEGIN { printf "ratio kiln(%s, with snapshot)/buildah(run only): %.2f\n", r, k / b }'
done
