#!/usr/bin/env bash
# RUN on a deep base image: a busybox base plus 119 COPY layers (120 layers, far past the ~40 that
# fit one page of overlay mount options as store paths), then `FROM deep` + three RUNs, built cold by
# kiln (overlay lower dirs through short per-run names) and by buildah bud (--isolation chroot, overlay
# storage, which has its own short-link scheme) from the same OCI layout, in one run.
# Prints wall times and the ratio. Needs root.
# Usage: sudo bench/build-deep.sh [LAYERS]   (default 120)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
layers="${1:-120}"
[ "$(id -u)" = 0 ] || { echo "bench/build-deep.sh: needs root (namespaces, overlay)" >&2; exit 2; }
for tool in busybox buildah; do
  command -v "$tool" >/dev/null || { echo "bench/build-deep.sh: $tool is not installed" >&2; exit 2; }
done
work="/tmp/kiln-bench-deep-$$"; mkdir -p "$work"
cleanup() {
  buildah --root "$work/buildah" --runroot "$work/buildah-run" --storage-driver overlay rm -a >/dev/null 2>&1 || true
  umount -R "$work/buildah" 2>/dev/null || true
  rm -rf --one-file-system "$work"
}
trap cleanup EXIT
kiln="$root/kiln"
ms_since() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }

bash "$root/examples/busybox-rootfs.sh" "$work/busybox-rootfs" >/dev/null
export KILN_HOME="$work/seed"
"$kiln" import "$work/busybox-rootfs" -t busybox:bench --change 'CMD ["sh"]' >/dev/null
mkdir -p "$work/deep/parts"
echo 'FROM busybox:bench' > "$work/deep/Dockerfile"
for i in $(seq 1 $((layers - 1))); do
  echo "$i" > "$work/deep/parts/p$i"
  echo "COPY parts/p$i /parts/" >> "$work/deep/Dockerfile"
done
"$kiln" build -q -t deep:bench "$work/deep" >/dev/null
"$kiln" copy deep:bench "oci:$work/bases/deep:1" >/dev/null 2>&1

mkdir -p "$work/app"
printf 'FROM deep:bench\nRUN ls /parts | wc -l > /count\nRUN cat /parts/p1 > /first\nRUN echo done > /done\n' \
  > "$work/app/Dockerfile"

export KILN_HOME="$work/kiln"
"$kiln" copy "oci:$work/bases/deep:1" deep:bench >/dev/null 2>&1
"$kiln" run deep:bench true >/dev/null 2>&1   # base layers unpacked, as buildah's pull leaves them
start=$(date +%s%N); "$kiln" build -q -t app:1 "$work/app" >/dev/null; kiln_ms=$(ms_since "$start")
count="$("$kiln" run app:1 cat /count)"

b=(buildah --root "$work/buildah" --runroot "$work/buildah-run" --storage-driver overlay)
"${b[@]}" pull -q "oci:$work/bases/deep:1" >/dev/null
"${b[@]}" tag "$("${b[@]}" images -q | head -1)" deep:bench
start=$(date +%s%N)
"${b[@]}" bud --isolation chroot --layers --pull=false -q -t app:1 "$work/app" >/dev/null
buildah_ms=$(ms_since "$start")

printf '%-22s %10s %10s %8s\n' case kiln_ms buildah_ms ratio
awk -v c="$layers-layer base, 3 RUN" -v k="$kiln_ms" -v b="$buildah_ms" \
  'BEGIN { printf "%-22s %10d %10d %8.2f\n", c, k, b, k / b }'
echo "(kiln saw $count files under /parts; ratio = kiln / buildah, below 1: kiln is faster)"
