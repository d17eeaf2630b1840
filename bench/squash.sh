#!/usr/bin/env bash
# Squash: kiln squash --all of a ~1 GB image of many layers, against the floor measured in the same run:
# reading every layer with `gzip -dc` plus writing one layer of the same bytes with `gzip` (level 6,
# kiln's default). Prints the time ratio kiln/floor (target <= 1.5), the CPU use (>100%: both cores),
# and the peak RSS from /usr/bin/time -v for the image and for one twice its size (memory must not
# grow with image bytes; the bigger one is also squashed with the Java heap capped at 64 MiB).
#
#   bench/squash.sh                     # 12 layers of ~85 MB: ~1 GB uncompressed
#   LAYERS=8 LAYER_MB=120 bench/squash.sh
#   KEEP=1 bench/squash.sh              # keep the work directory
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
layers="${LAYERS:-12}"
layer_mb="${LAYER_MB:-85}"
work="$(mktemp -d /tmp/kiln-bench-squash.XXXXXX)"
trap '[ "${KEEP:-}" = 1 ] && echo "kept $work" || rm -rf "$work"' EXIT

for tool in gzip pigz sha256sum tar /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is not installed" >&2; exit 2; }
done

echo "== building kiln"
"$root/kiln" --version >/dev/null

# make_image DIR COUNT: COUNT layers; each writes random and text data, and a scratch file that the
# next layer deletes (a whiteout), so the squash has bytes to drop.
make_image() {
  local layout="$1" count="$2" diff_ids=() layer_json=() i dir random_mb scratch_mb text_lines digest size
  mkdir -p "$layout/blobs/sha256"
  for i in $(seq 1 "$count"); do
    dir="$work/layer$i"
    mkdir -p "$dir/data/L$i"
    random_mb=$((layer_mb * 2 / 5)); scratch_mb=$((layer_mb / 5))
    head -c "$((random_mb * 1024 * 1024))" /dev/urandom > "$dir/data/L$i/random.bin"
    head -c "$((scratch_mb * 1024 * 1024))" /dev/urandom > "$dir/data/L$i/scratch.bin"
    text_lines=$(((layer_mb - random_mb - scratch_mb) * 1024 * 1024 / 48))
    seq 1 "$text_lines" | sed "s/^/layer $i line with some repeated words /" > "$dir/data/L$i/text.txt"
    if [ "$i" -gt 1 ]; then
      mkdir -p "$dir/data/L$((i - 1))"
      : > "$dir/data/L$((i - 1))/.wh.scratch.bin"
    fi
    tar -C "$dir" --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -cf "$dir.tar" data
    diff_ids+=("sha256:$(sha256sum "$dir.tar" | cut -d' ' -f1)")
    pigz -1 -c "$dir.tar" > "$dir.tar.gz"
    digest="$(sha256sum "$dir.tar.gz" | cut -d' ' -f1)"
    size="$(stat -c %s "$dir.tar.gz")"
    mv "$dir.tar.gz" "$layout/blobs/sha256/$digest"
    layer_json+=("{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"sha256:$digest\",\"size\":$size}")
    rm -rf "$dir" "$dir.tar"
  done
  local ids config config_digest lj manifest manifest_digest
  ids="$(printf '"%s",' "${diff_ids[@]}")"
  config="{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[${ids%,}]}}"
  printf '%s' "$config" > "$work/config.json"
  config_digest="$(sha256sum "$work/config.json" | cut -d' ' -f1)"
  mv "$work/config.json" "$layout/blobs/sha256/$config_digest"
  lj="$(printf '%s,' "${layer_json[@]}")"
  manifest="{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"sha256:$config_digest\",\"size\":${#config}},\"layers\":[${lj%,}]}"
  printf '%s' "$manifest" > "$work/manifest.json"
  manifest_digest="$(sha256sum "$work/manifest.json" | cut -d' ' -f1)"
  mv "$work/manifest.json" "$layout/blobs/sha256/$manifest_digest"
  printf '{"imageLayoutVersion":"1.0.0"}' > "$layout/oci-layout"
  printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%s,"annotations":{"org.opencontainers.image.ref.name":"orig"}}]}' \
    "$manifest_digest" "${#manifest}" > "$layout/index.json"
}

# seconds STATFILE: elapsed wall seconds from a /usr/bin/time -v report
seconds() { awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$1"; }
rss_mb() { awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$1"; }
cpu() { awk -F': ' '/Percent of CPU/ { print $2 }' "$1"; }
cpu_seconds() { awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.1f", s }' "$1"; }

# run_squash LAYOUT LABEL: squashes every layer, returns the time -v report in $work/LABEL.time
run_squash() {
  rm -rf "$1/squashed-out"
  /usr/bin/time -v -o "$work/$2.time" env KILN_HOME="$work/home" "$root/kiln" squash "oci:$1:orig" --all \
    --output "oci:$1:squashed" > "$work/$2.out"
}

echo "== making a $layers-layer image (~$((layers * layer_mb)) MB uncompressed)"
make_image "$work/image" "$layers"
manifest_file="$work/image/blobs/sha256/$(grep -o '"digest":"sha256:[0-9a-f]*"' "$work/image/index.json" | cut -d: -f3 | tr -d '"')"
# the manifest's digests: the config first, then the layers
mapfile -t layer_files < <(grep -o '"digest":"sha256:[0-9a-f]*"' "$manifest_file" | tail -n +2 | cut -d: -f3 | tr -d '"' | sed "s|^|$work/image/blobs/sha256/|")
[ "${#layer_files[@]}" -eq "$layers" ] || { echo "bench: found ${#layer_files[@]} layers, expected $layers" >&2; exit 1; }
echo "   $(du -cb "${layer_files[@]}" | tail -1 | cut -f1) bytes of gzip layers"

echo "== floor: gzip -dc of every layer, then gzip (level 6) of the same tar bytes into one layer"
cat "${layer_files[@]}" > /dev/null   # page cache, for everyone alike
/usr/bin/time -v -o "$work/read.time" sh -c 'for f in "$@"; do gzip -dc "$f"; done > /dev/null' sh "${layer_files[@]}"
for f in "${layer_files[@]}"; do gzip -dc "$f"; done > "$work/all.tar"
/usr/bin/time -v -o "$work/write.time" sh -c 'gzip -6 -c < "$1" > "$2"' sh "$work/all.tar" "$work/all.tar.gz"
rm -f "$work/all.tar" "$work/all.tar.gz"
read_s="$(seconds "$work/read.time")"; write_s="$(seconds "$work/write.time")"
floor="$(echo "$read_s + $write_s" | bc -l)"

echo "== kiln squash --all"
run_squash "$work/image" kiln
kiln_s="$(seconds "$work/kiln.time")"
sed 's/^/   /' "$work/kiln.out"

echo "== memory: the same squash of an image twice as big ($((2 * layers)) layers)"
rm -rf "$work/image"
make_image "$work/image2" "$((2 * layers))"
run_squash "$work/image2" kiln2
echo "== and again with the Java heap capped at 64 MiB"
KILN_JVM_OPTS=-Xmx64m run_squash "$work/image2" kiln3

printf '\n%-34s %10s %12s\n' "" "seconds" "cpu seconds"
printf '%-34s %10.2f %12s\n' "gzip -dc of all layers" "$read_s" "$(cpu_seconds "$work/read.time")"
printf '%-34s %10.2f %12s\n' "gzip -6 of one layer" "$write_s" "$(cpu_seconds "$work/write.time")"
printf '%-34s %10.2f\n' "floor (sum)" "$floor"
printf '%-34s %10.2f %12s   (%s of one core; 200%% = both)\n' "kiln squash --all" "$kiln_s" \
  "$(cpu_seconds "$work/kiln.time")" "$(cpu "$work/kiln.time")"
printf 'ratio kiln/floor: %.2f wall (target <= 1.5), %.2f cpu seconds\n' "$(echo "$kiln_s / $floor" | bc -l)" \
  "$(echo "$(cpu_seconds "$work/kiln.time") / ($(cpu_seconds "$work/read.time") + $(cpu_seconds "$work/write.time"))" | bc -l)"
echo "load average during the run: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine slows both sides)"
printf 'peak RSS: %s MB for %d layers, %s MB for %d layers, %s MB for %d layers with -Xmx64m\n' \
  "$(rss_mb "$work/kiln.time")" "$layers" "$(rss_mb "$work/kiln2.time")" "$((2 * layers))" \
  "$(rss_mb "$work/kiln3.time")" "$((2 * layers))"
