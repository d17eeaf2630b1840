#!/usr/bin/env bash
# Moving whole images, kiln against skopeo and buildah on the same input in one run:
#   import   kiln import DIR (tar + both digests + gzip, into the store)   vs  buildah from scratch/add/commit/push oci:
#   export   kiln export STORE-IMAGE oci:DIR                               vs  skopeo copy oci:$KILN_HOME:REF oci:DIR
#   archive  kiln export ... docker-archive:FILE (decompresses layers)     vs  skopeo copy ... docker-archive:FILE
#   load     kiln load FILE (a docker archive, into the store)             vs  skopeo copy docker-archive:FILE oci:DIR
# The store is an OCI layout, so skopeo reads exactly the blobs kiln reads. Prints each time and the
# ratio kiln/peer (below 1.00 means kiln is faster). kiln's times include JVM start-up.
# Usage: bench/images.sh [WORKDIR]   (default /tmp/kiln-bench-images; the tree is built once and reused)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${1:-/tmp/kiln-bench-images}"
tree="$work/tree"
out="$work/out"
target_mib="${KILN_BENCH_MIB:-512}"
for tool in skopeo buildah tar pigz; do
  command -v "$tool" >/dev/null || { echo "bench/images.sh: $tool is not installed" >&2; exit 2; }
done

if [ ! -f "$work/.tree-done" ]; then
  echo "building a ~${target_mib} MiB tree in $tree (once)..."
  rm -rf "$tree"; mkdir -p "$tree/random" "$tree/text"
  head -c $((target_mib / 4))M /dev/urandom > "$tree/random/blob.bin"
  i=0; remaining=$(( (target_mib - target_mib / 4) * 1024 * 1024 ))
  while [ "$remaining" -gt 0 ]; do
    size=$(( (i % 7 + 1) * 1024 * 1024 ))
    [ "$size" -gt "$remaining" ] && size=$remaining
    head -c $((size * 3 / 4)) /dev/urandom | base64 -w 100 > "$tree/text/part-$i.txt"
    remaining=$((remaining - size)); i=$((i + 1))
  done
  touch "$work/.tree-done"
fi
rm -rf "$out"; mkdir -p "$out"
export KILN_HOME="$out/kiln-home"
buildah=(buildah --root "$out/buildah/root" --runroot "$out/buildah/run" --storage-driver vfs)
echo "tree: $tree, $(du -sm --apparent-size "$tree" | cut -f1) MiB; $(nproc) cores, load average $(cut -d' ' -f1 /proc/loadavg) (other work on the machine skews every time)"
tar -C "$tree" -cf - . | cat > /dev/null   # warm the page cache
"$root/kiln" --version > /dev/null          # build kiln before timing it

declare -A T
timeit() { # name command...
  local name="$1"; shift
  local start end
  start=$(date +%s.%N); "$@" > /dev/null 2>&1 || { echo "bench/images.sh: '$name' failed" >&2; "$@"; exit 1; }; end=$(date +%s.%N)
  T[$name]=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f", e - s }')
  printf "  %-40s %7s s\n" "$name" "${T[$name]}"
}
ratio() { awk -v a="${T[$1]}" -v b="${T[$2]}" 'BEGIN { printf "%.2f", a / b }'; }
line() { printf "  %-56s %sx\n" "$1" "$2"; }
buildah_import() {
  local ctr
  ctr=$("${buildah[@]}" from scratch)
  "${buildah[@]}" add "$ctr" "$tree/" /
  "${buildah[@]}" commit -q "$ctr" bench/tree:1
  "${buildah[@]}" push -q bench/tree:1 "oci:$out/buildah-oci:1"
}

echo "import (directory to gzip image):"
timeit "kiln import" "$root/kiln" import "$tree" -t bench/tree:1
timeit "buildah from/add/commit/push oci:" buildah_import
timeit "tar -c | pigz (no image, for scale)" sh -c "tar -C '$tree' -cf - . | pigz > '$out/tree.tar.gz'"
ref="docker.io/bench/tree:1"
echo "export to an OCI layout:"
timeit "kiln export oci:" "$root/kiln" export bench/tree:1 -q --output "oci:$out/kiln-oci"
timeit "skopeo copy oci: oci:" skopeo copy -q "oci:$KILN_HOME:$ref" "oci:$out/skopeo-oci:1"
echo "export to a docker archive (layers decompressed):"
timeit "kiln export docker-archive:" "$root/kiln" export bench/tree:1 -q --output "docker-archive:$out/kiln.tar"
timeit "skopeo copy oci: docker-archive:" skopeo copy -q "oci:$KILN_HOME:$ref" "docker-archive:$out/skopeo.tar:bench/tree:1"
echo "load a docker archive:"
export KILN_HOME="$out/kiln-home-2"
timeit "kiln load" "$root/kiln" load -q "$out/skopeo.tar"
timeit "skopeo copy docker-archive: oci:" skopeo copy -q "docker-archive:$out/skopeo.tar" "oci:$out/skopeo-loaded:1"
echo "ratios (kiln / peer):"
line "import / buildah add+commit+push" "$(ratio "kiln import" "buildah from/add/commit/push oci:")"
line "export oci / skopeo copy" "$(ratio "kiln export oci:" "skopeo copy oci: oci:")"
line "export docker-archive / skopeo copy" "$(ratio "kiln export docker-archive:" "skopeo copy oci: docker-archive:")"
line "load / skopeo copy docker-archive: oci:" "$(ratio "kiln load" "skopeo copy docker-archive: oci:")"
