#!/usr/bin/env bash
# kiln analyze against the physical floor: decompressing the same layers with gzip -dc.
#
# Builds two images as OCI layouts with kiln's own layer writer (kiln layer create) from generated trees:
#   big:   8 layers, ~2 GB uncompressed, ~200k files (text and random data; later layers overwrite,
#          chmod-copy and delete files of earlier ones);
#   small: 2 layers of 250k small files each (500k files).
# Then, in the same run, times `gzip -dc` of every layer (one after another, and two at a time) and
# `kiln analyze --format json` (heap capped with -Xmx512m, as the target is a peak heap under 512 MB
# for a 2 GB image), and prints wall time ratios, peak RSS and the cores kiln used.
#
# Usage: bench/analyze.sh [WORKDIR]   (default: a temp dir, removed at the end; needs ~6 GB free;
#        a WORKDIR is kept, and images already in it are reused)
# Env:   BIG_LAYERS (8), BIG_LAYER_MB (256), SMALL_FILES (500000), HEAP (512m),
#        TREES (where generated trees go, one layer at a time: /dev/shm when writable, else WORKDIR)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
kiln="$root/kiln"
big_layers=${BIG_LAYERS:-8}
big_layer_mb=${BIG_LAYER_MB:-256}
small_files=${SMALL_FILES:-500000}
heap=${HEAP:-512m}

for tool in perl gzip sha256sum /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing (apt-get install time perl gzip)" >&2; exit 2; }
done

if [ $# -ge 1 ]; then
  work="$1"; mkdir -p "$work"; keep=1
else
  work="$(mktemp -d /tmp/kiln-bench-analyze.XXXXXX)"; keep=0
fi
if [ -n "${TREES:-}" ]; then trees="$TREES"
elif [ -w /dev/shm ]; then trees="$(mktemp -d /dev/shm/kiln-bench-analyze.XXXXXX)"
else trees="$work"; fi
cleanup() { [ "$trees" = "$work" ] || rm -rf "$trees"; [ "$keep" = 1 ] || rm -rf "$work"; }
trap cleanup EXIT

# One layer tree: text files (compressible) in directories of 100, a few random-data files, and
# changes to the previous layer's files (overwrite, chmod-only copy, whiteouts) from the second on.
generate_tree() { # DIR SEED TEXT_FILES RANDOM_MB PREVIOUS_SEED
  perl - "$@" <<'PERL'
use strict; use warnings; use File::Path qw(make_path);
my ($dir, $seed, $files, $random_mb, $prev) = @ARGV;
srand($seed);
sub put { my ($path, $data, $mode) = @_; my $d = $path; $d =~ s{/[^/]*$}{};
  make_path($d) unless -d $d;
  open(my $fh, '>', $path) or die "$path: $!"; binmode $fh; print $fh $data; close $fh;
  chmod($mode // 0644, $path); }
my $words = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ";
for my $i (0 .. $files - 1) {
  my $size = 256 + int(rand(7800));
  my $line = "layer $seed file $i: $words";
  my $text = $line x (int($size / length($line)) + 1);
  put(sprintf("%s/usr/share/pkg%d/d%04d/f%05d.txt", $dir, $seed, int($i / 100), $i), substr($text, 0, $size));
}
open(my $rnd, '<', '/dev/urandom') or die;
for my $i (0 .. int($random_mb / 5) - 1) {
  my $data = ''; my $want = 5 * 1024 * 1024;
  while (length($data) < $want) { my $chunk; sysread($rnd, $chunk, $want - length($data)) or die; $data .= $chunk; }
  put(sprintf("%s/opt/blob%d/part%03d.bin", $dir, $seed, $i), $data);
}
if ($prev >= 0) {
  for my $i (0 .. 199) {   # overwritten with new content
    put(sprintf("%s/usr/share/pkg%d/d%04d/f%05d.txt", $dir, $prev, int($i / 100), $i), "rewritten $seed $i\n");
  }
  put(sprintf("%s/usr/share/pkg%d/.wh.d%04d", $dir, $prev, 5), "");      # rm -rf of a directory
  put(sprintf("%s/opt/blob%d/.wh.part000.bin", $dir, $prev), "");        # rm of a random file
}
PERL
}

small_tree() { # DIR SEED FILES
  perl - "$@" <<'PERL'
use strict; use warnings; use File::Path qw(make_path);
my ($dir, $seed, $files) = @ARGV;
srand($seed);
my $last = '';
for my $i (0 .. $files - 1) {
  my $d = sprintf("%s/srv/app%d/m%04d", $dir, $seed, int($i / 500));
  if ($d ne $last) { make_path($d); $last = $d; }
  open(my $fh, '>', sprintf("%s/s%06d.js", $d, $i)) or die;
  print $fh "module.exports = { id: $i, layer: $seed, name: 'small-$i' };\n" x (1 + int(rand(4)));
  close $fh;
}
PERL
}

# Writes an OCI layout with the given gzip layers (each "file digest diff_id size") tagged "bench".
assemble_layout() { # OUT LAYERFILE...
  local out="$1"; shift
  mkdir -p "$out/blobs/sha256"
  local diff_ids="" layers="" history="" sep=""
  for spec in "$@"; do
    read -r file digest diff_id size <<<"$spec"
    mv "$file" "$out/blobs/sha256/${digest#sha256:}"
    diff_ids+="$sep\"$diff_id\""
    layers+="$sep{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"$digest\",\"size\":$size}"
    history+="$sep{\"created_by\":\"bench layer $(basename "$file")\"}"
    sep=","
  done
  local config="{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[$diff_ids]},\"history\":[$history]}"
  printf '%s' "$config" > "$out/config.json"
  local config_digest; config_digest=$(sha256sum "$out/config.json" | cut -d' ' -f1)
  local config_size; config_size=$(stat -c %s "$out/config.json")
  mv "$out/config.json" "$out/blobs/sha256/$config_digest"
  local manifest="{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"sha256:$config_digest\",\"size\":$config_size},\"layers\":[$layers]}"
  printf '%s' "$manifest" > "$out/manifest.json"
  local manifest_digest; manifest_digest=$(sha256sum "$out/manifest.json" | cut -d' ' -f1)
  local manifest_size; manifest_size=$(stat -c %s "$out/manifest.json")
  mv "$out/manifest.json" "$out/blobs/sha256/$manifest_digest"
  printf '{"imageLayoutVersion":"1.0.0"}' > "$out/oci-layout"
  printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%s,"annotations":{"org.opencontainers.image.ref.name":"bench"}}]}' \
    "$manifest_digest" "$manifest_size" > "$out/index.json"
}

make_layer() { # TREE OUTFILE -> prints "file digest diff_id size"
  local tree="$1" file="$2" info
  info=$(KILN_JVM_OPTS="-Xmx1g" "$kiln" layer create "$tree" -o "$file" --compression gzip --source-date-epoch 0)
  local digest diff_id size
  digest=$(awk '/^digest:/ {print $2}' <<<"$info")
  diff_id=$(awk '/^diff_id:/ {print $2}' <<<"$info")
  size=$(awk '/^size:/ {print $2}' <<<"$info")
  echo "$file $digest $diff_id $size"
}

"$kiln" --version >/dev/null   # builds the jar once, outside any timing

if [ -f "$work/big/index.json" ]; then
  echo "bench: reusing $work/big" >&2
else
echo "bench: generating the big image ($big_layers layers of ~${big_layer_mb} MB) in $work" >&2
specs=()
for n in $(seq 0 $((big_layers - 1))); do
  tree="$trees/tree-big-$n"
  text_files=$(( big_layer_mb * 1024 / 4 * 2 / 5 ))   # ~40% of the bytes in ~4 kB text files
  generate_tree "$tree" "$n" "$text_files" $(( big_layer_mb * 3 / 5 )) $((n - 1))
  if [ "$n" -gt 0 ]; then   # a chmod-only copy of one of the previous layer's random files
    previous="$trees/tree-big-$((n - 1))/opt/blob$((n - 1))/part001.bin"
    mkdir -p "$tree/opt/blob$((n - 1))"
    cp -p "$previous" "$tree/opt/blob$((n - 1))/part001.bin" && chmod 755 "$tree/opt/blob$((n - 1))/part001.bin"
    rm -rf "$trees/tree-big-$((n - 1))"
  fi
  specs+=("$(make_layer "$tree" "$work/big-$n.tar.gz")")
done
rm -rf "$trees/tree-big-$((big_layers - 1))"
assemble_layout "$work/big" "${specs[@]}"
fi

if [ -f "$work/small/index.json" ]; then
  echo "bench: reusing $work/small" >&2
else
echo "bench: generating the small-files image ($small_files files)" >&2
specs=()
for n in 0 1; do
  tree="$trees/tree-small-$n"
  small_tree "$tree" "$n" $(( small_files / 2 ))
  specs+=("$(make_layer "$tree" "$work/small-$n.tar.gz")")
  rm -rf "$tree"
done
assemble_layout "$work/small" "${specs[@]}"
fi

seconds() { awk -v s="$1" -v e="$2" 'BEGIN { printf "%.2f", (e - s) / 1e9 }'; }
layers_of() { # LAYOUT -> layer blob paths, bottom first (the manifests this script writes)
  local layout="$1" manifest
  manifest=$(grep -o '"digest":"sha256:[0-9a-f]*"' "$layout/index.json" | head -1 | sed 's/.*sha256://; s/"//')
  grep -o 'tar+gzip","digest":"sha256:[0-9a-f]*"' "$layout/blobs/sha256/$manifest" \
    | sed 's/.*sha256://; s/"//' | while read -r d; do echo "$layout/blobs/sha256/$d"; done
}

run_one() { # NAME LAYOUT
  local name="$1" layout="$2"
  mapfile -t blobs < <(layers_of "$layout")
  local tar_bytes=0 gz_bytes=0
  for b in "${blobs[@]}"; do gz_bytes=$((gz_bytes + $(stat -c %s "$b"))); done
  cat "${blobs[@]}" > /dev/null   # same page cache for everyone

  local t0 t1 t2
  t0=$(date +%s%N)
  for b in "${blobs[@]}"; do gzip -dc "$b" > /dev/null; done
  t1=$(date +%s%N)
  printf '%s\n' "${blobs[@]}" | xargs -P 2 -n 1 sh -c 'gzip -dc "$0" > /dev/null'
  t2=$(date +%s%N)
  local floor floor2
  floor=$(seconds "$t0" "$t1"); floor2=$(seconds "$t1" "$t2")

  local report="$work/$name.json" timing="$work/$name.time"
  KILN_JVM_OPTS="-Xmx$heap -XX:+UseParallelGC -Xshare:auto" /usr/bin/time -v \
    "$kiln" analyze "oci:$layout:bench" --format json --store "$work/store" > "$report" 2> "$timing"
  local wall rss cpu
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; printf "%.2f", s}' "$timing")
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%d", $2/1024}' "$timing")
  cpu=$(awk -F': ' '/Percent of CPU/ {gsub("%","",$2); printf "%.0f", $2}' "$timing")
  tar_bytes=$(grep -o '"uncompressedBytes" : [0-9]*' "$report" | head -1 | grep -o '[0-9]*$')
  local files reclaim
  files=$(grep -o '"files" : [0-9]*' "$report" | head -1 | grep -o '[0-9]*$')
  reclaim=$(grep -o '"reclaimableBytes" : [0-9]*' "$report" | head -1 | grep -o '[0-9]*$')
  printf '%-6s %2d layers  %6d MB gz  %6d MB tar  %7d files  reclaimable %5d MB\n' "$name" "${#blobs[@]}" \
    $((gz_bytes / 1000000)) $((tar_bytes / 1000000)) "$files" $((reclaim / 1000000))
  printf '       gzip -dc, one after another: %6ss   (two at a time: %ss)\n' "$floor" "$floor2"
  printf '       kiln analyze:                %6ss   ratio %s to the floor (%s to gzip on both cores)\n' "$wall" \
    "$(awk -v a="$wall" -v b="$floor" 'BEGIN { printf "%.2fx", a / b }')" \
    "$(awk -v a="$wall" -v b="$floor2" 'BEGIN { printf "%.2fx", a / b }')"
  printf '       peak RSS %d MB with -Xmx%s; CPU %s%% (%s cores busy on average)\n' "$rss" "$heap" "$cpu" \
    "$(awk -v c="$cpu" 'BEGIN { printf "%.1f", c / 100 }')"
}

echo
run_one big "$work/big"
run_one small "$work/small"
