#!/usr/bin/env bash
# Layer writing and reading speed: `kiln layer create` (tar + both digests + compression in one pass)
# against `tar -c | gzip`, `tar -c | pigz` and `tar -c | zstd -T0` on the same ~1 GiB tree, then
# `kiln layer verify` (decompress + parse every entry + both digests) against `gzip -dc` / `zstd -dc`
# on the same files. Prints each time and the ratio kiln/peer (below 1.00 means kiln is faster).
# Targets (issue 2): gzip within 1.3x of the command-line tools; kiln zstd at least 3x faster than kiln gzip.
# Usage: bench/layers.sh [WORKDIR]   (default /tmp/kiln-bench-layers; the tree is built once and reused)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${1:-/tmp/kiln-bench-layers}"
tree="$work/tree"
out="$work/out"
target_mib="${KILN_BENCH_MIB:-1024}"
for tool in tar gzip pigz zstd sha256sum; do
  command -v "$tool" >/dev/null || { echo "bench/layers.sh: $tool is not installed" >&2; exit 2; }
done

mib() { du -sm --apparent-size "$1" | cut -f1; }

if [ ! -f "$work/.tree-done" ]; then
  echo "building a ~${target_mib} MiB tree in $tree (once)..."
  rm -rf "$tree"; mkdir -p "$tree/sys"
  budget=$((target_mib * 9 / 10))
  for src in /usr/share /usr/lib/x86_64-linux-gnu /usr/lib/gcc /usr/lib/python3 /usr/lib/python3.11 /usr/lib/jvm; do
    [ -d "$src" ] || continue
    have=$(mib "$tree"); need=$(mib "$src")
    if [ $((have + need)) -le "$budget" ]; then
      cp -a "$src" "$tree/sys/$(echo "$src" | tr / _)"
    fi
  done
  # Top up with generated data: some incompressible, the rest partly compressible, in files of many sizes.
  have=$(mib "$tree"); left=$((target_mib - have)); [ "$left" -lt 64 ] && left=64
  mkdir -p "$tree/gen/random" "$tree/gen/text"
  head -c $((left / 4))M /dev/urandom > "$tree/gen/random/blob.bin"
  i=0; remaining=$(( (left - left / 4) * 1024 * 1024 ))
  while [ "$remaining" -gt 0 ]; do
    size=$(( (i % 7 + 1) * 1536 * 1024 ))
    [ "$size" -gt "$remaining" ] && size=$remaining
    head -c $((size * 3 / 4)) /dev/urandom | base64 -w 100 > "$tree/gen/text/part-$i.txt"
    remaining=$((remaining - size)); i=$((i + 1))
  done
  touch "$work/.tree-done"
fi
mkdir -p "$out"
files=$(find "$tree" | wc -l)
echo "tree: $tree, $(mib "$tree") MiB in $files paths; $(nproc) cores, load average $(cut -d' ' -f1 /proc/loadavg) (other work on the machine skews every time)"

# Warm the page cache so every contender reads from memory (tar -cf /dev/null would skip reading).
tar -C "$tree" -cf - . | cat > /dev/null
# Build kiln before timing it.
"$root/kiln" --version > /dev/null

# Wall time is what the targets are about; CPU time (user+sys, all processes of the pipeline) is printed
# too because it stays meaningful when other work shares the machine.
declare -A T C
timeit() { # name command...
  local name="$1"; shift
  local log="$out/.time"
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f "%e %U %S" -o "$log" "$@"
    T[$name]=$(awk '{ printf "%.2f", $1 }' "$log")
    C[$name]=$(awk '{ printf "%.2f", $2 + $3 }' "$log")
  else
    local start end
    start=$(date +%s.%N); "$@"; end=$(date +%s.%N)
    T[$name]=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f", e - s }')
    C[$name]="?"
  fi
  printf "  %-26s %7s s wall %7s s cpu\n" "$name" "${T[$name]}" "${C[$name]}"
}
ratio() { awk -v a="${T[$1]}" -v b="${T[$2]}" 'BEGIN { printf "%.2f", a / b }'; }
cpuratio() { awk -v a="${C[$1]}" -v b="${C[$2]}" 'BEGIN { if (b > 0) printf "%.2f", a / b; else printf "?" }'; }
line() { printf "  %-40s wall %5sx   cpu %5sx\n" "$1" "$(ratio "$2" "$3")" "$(cpuratio "$2" "$3")"; }

echo "write:"
timeit "kiln create gzip" sh -c "'$root/kiln' layer create '$tree' -o '$out/kiln.tar.gz' --compression gzip > '$out/kiln-gzip.txt'"
timeit "tar -c | gzip" sh -c "tar -C '$tree' -cf - . | gzip > '$out/tar.tar.gz'"
timeit "tar -c | pigz" sh -c "tar -C '$tree' -cf - . | pigz > '$out/tar-pigz.tar.gz'"
timeit "kiln create zstd" sh -c "'$root/kiln' layer create '$tree' -o '$out/kiln.tar.zst' --compression zstd > '$out/kiln-zstd.txt'"
timeit "tar -c | zstd -T0" sh -c "tar -C '$tree' -cf - . | zstd -q -T0 > '$out/tar.tar.zst'"

diff_gz=$(awk '/^diff_id:/ { print $2 }' "$out/kiln-gzip.txt")
diff_zst=$(awk '/^diff_id:/ { print $2 }' "$out/kiln-zstd.txt")
echo "read:"
timeit "kiln verify gzip" sh -c "'$root/kiln' layer verify '$out/kiln.tar.gz' --diff-id '$diff_gz' > /dev/null"
timeit "gzip -dc" sh -c "gzip -dc '$out/kiln.tar.gz' > /dev/null"
timeit "kiln verify zstd" sh -c "'$root/kiln' layer verify '$out/kiln.tar.zst' --diff-id '$diff_zst' > /dev/null"
timeit "zstd -dc" sh -c "zstd -dc '$out/kiln.tar.zst' > /dev/null"

size() { stat -c %s "$1" | awk '{ printf "%.0f MiB", $1 / 1048576 }'; }
echo "sizes: kiln gzip $(size "$out/kiln.tar.gz"), tar|gzip $(size "$out/tar.tar.gz"), tar|pigz $(size "$out/tar-pigz.tar.gz"), kiln zstd $(size "$out/kiln.tar.zst"), tar|zstd $(size "$out/tar.tar.zst")"
echo "ratios (kiln / peer; below 1.00 kiln is faster):"
line "create gzip / tar|gzip" "kiln create gzip" "tar -c | gzip"
line "create gzip / tar|pigz (information)" "kiln create gzip" "tar -c | pigz"
line "create zstd / tar|zstd -T0" "kiln create zstd" "tar -c | zstd -T0"
line "verify gzip / gzip -dc" "kiln verify gzip" "gzip -dc"
line "verify zstd / zstd -dc" "kiln verify zstd" "zstd -dc"
line "kiln gzip / kiln zstd (zstd speed-up)" "kiln create gzip" "kiln create zstd"
speedup=$(ratio "kiln create gzip" "kiln create zstd")
awk -v r="$(ratio "kiln create gzip" "tar -c | gzip")" 'BEGIN { printf "target gzip within 1.3x of tar|gzip: %s\n", (r <= 1.3 ? "met" : "missed") }'
awk -v r="$speedup" 'BEGIN { printf "target zstd at least 3x faster than gzip: %s\n", (r >= 3 ? "met" : "missed") }'
