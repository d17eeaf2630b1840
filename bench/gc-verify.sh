#!/usr/bin/env bash
# kiln gc --verify (re-hash every blob of the store on every core, plus the mark and sweep) against
# sha256sum over the same blob files, serially and with one process per core (xargs -P), in one run.
# There is no peer tool that verifies an OCI layout store, so coreutils' hashing is the yardstick.
# Prints each time and the ratio kiln/peer (below 1.00 means kiln is faster); kiln includes JVM start-up.
# Usage: bench/gc-verify.sh [WORKDIR]   (default /tmp/kiln-bench-gc-verify; the store is built once)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${1:-/tmp/kiln-bench-gc-verify}"
images="${KILN_BENCH_IMAGES:-4}"
mib="${KILN_BENCH_MIB:-128}"
export KILN_HOME="$work/home"
"$root/kiln" --version > /dev/null   # build kiln before timing it

if [ ! -f "$work/.store-done" ]; then
  echo "building a store of $images images of ~$mib MiB each in $KILN_HOME (once)..."
  rm -rf "$work"; mkdir -p "$work"
  for i in $(seq 1 "$images"); do
    mkdir -p "$work/tree-$i"
    head -c "${mib}M" /dev/urandom > "$work/tree-$i/data.bin"
    "$root/kiln" import "$work/tree-$i" -t "bench/verify:$i" --compression none > /dev/null
    rm -rf "$work/tree-$i"
  done
  touch "$work/.store-done"
fi
blobs="$KILN_HOME/blobs/sha256"
echo "store: $(find "$blobs" -type f | wc -l) blobs, $(du -sm --apparent-size "$blobs" | cut -f1) MiB; $(nproc) cores, load average $(cut -d' ' -f1 /proc/loadavg)"
cat "$blobs"/* > /dev/null   # warm the page cache: both sides hash from memory

declare -A T
timeit() { # name command...
  local name="$1"; shift
  local start end
  start=$(date +%s.%N); "$@" > /dev/null 2>&1 || { echo "bench/gc-verify.sh: '$name' failed" >&2; "$@"; exit 1; }; end=$(date +%s.%N)
  T[$name]=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f", e - s }')
  printf "  %-44s %7s s\n" "$name" "${T[$name]}"
}
ratio() { awk -v a="${T[$1]}" -v b="${T[$2]}" 'BEGIN { printf "%.2f", a / b }'; }

timeit "kiln gc --verify" "$root/kiln" gc --verify
timeit "sha256sum (one process)" sh -c "sha256sum '$blobs'/*"
timeit "sha256sum (xargs -P $(nproc))" sh -c "find '$blobs' -type f -print0 | xargs -0 -n 1 -P $(nproc) sha256sum"
echo "ratios (kiln / peer):"
printf "  %-56s %sx\n" "gc --verify / sha256sum one process" "$(ratio "kiln gc --verify" "sha256sum (one process)")"
printf "  %-56s %sx\n" "gc --verify / sha256sum xargs -P" "$(ratio "kiln gc --verify" "sha256sum (xargs -P $(nproc))")"
