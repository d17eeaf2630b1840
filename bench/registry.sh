#!/usr/bin/env bash
# Registry push and pull: kiln against skopeo on the same ~1 GB multi-layer OCI image, in one run, on a
# local Debian docker-registry. Each push goes to a registry with empty storage (so neither tool can
# skip or mount a blob); pulls read the same pushed image into a fresh OCI layout (and, for kiln, also
# into a fresh local store). Prints the best of ROUNDS wall and CPU (user + sys) times and the ratios
# skopeo/kiln (>1: kiln faster).
#
#   bench/registry.sh                  # 6 layers of ~220 MB (3/4 random, 1/4 text): ~1 GB of gzip blobs, 3 rounds
#   LAYERS=8 LAYER_MB=120 ROUNDS=3 bench/registry.sh
#   KEEP=1 bench/registry.sh           # keep the work directory
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
layers="${LAYERS:-6}"
layer_mb="${LAYER_MB:-220}"
rounds="${ROUNDS:-3}"
work="$(mktemp -d /tmp/kiln-bench-registry.XXXXXX)"
registry_pid=""

cleanup() {
  if [ -n "$registry_pid" ]; then kill "$registry_pid" 2>/dev/null || true; wait "$registry_pid" 2>/dev/null || true; fi
  if [ "${KEEP:-}" != 1 ]; then rm -rf "$work"; else echo "kept $work"; fi
}
trap cleanup EXIT

[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time is not installed (apt-get install time)" >&2; exit 2; }
for tool in docker-registry skopeo pigz sha256sum curl; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is not installed (apt-get install it)" >&2; exit 2; }
done

echo "== making a $layers-layer image (~$((layers * layer_mb)) MB of layer data) in an OCI layout"
layout="$work/image"
mkdir -p "$layout/blobs/sha256"
diff_ids=()
layer_json=()
for i in $(seq 1 "$layers"); do
  dir="$work/layer$i"
  mkdir -p "$dir/data"
  random_mb=$((layer_mb * 3 / 4))
  head -c "$((random_mb * 1024 * 1024))" /dev/urandom > "$dir/data/random.bin"
  # Compressible text: repeated, slightly varying lines.
  seq 1 "$(((layer_mb - random_mb) * 1024 * 1024 / 48))" | sed "s/^/layer $i line with some repeated words /" > "$dir/data/text.txt"
  tar -C "$dir" --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -cf "$dir.tar" data
  diff_ids+=("sha256:$(sha256sum "$dir.tar" | cut -d' ' -f1)")
  pigz -1 -c "$dir.tar" > "$dir.tar.gz"
  digest="$(sha256sum "$dir.tar.gz" | cut -d' ' -f1)"
  size="$(stat -c %s "$dir.tar.gz")"
  mv "$dir.tar.gz" "$layout/blobs/sha256/$digest"
  layer_json+=("{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"sha256:$digest\",\"size\":$size}")
  rm -rf "$dir" "$dir.tar"
done
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
printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%s,"annotations":{"org.opencontainers.image.ref.name":"1"}}]}' \
  "$manifest_digest" "${#manifest}" > "$layout/index.json"
total_bytes="$(du -sb "$layout/blobs" | cut -f1)"
echo "   image sha256:$manifest_digest, $((total_bytes / 1024 / 1024)) MB of blobs"

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo $((20000 + RANDOM % 20000)))"
host="127.0.0.1:$port"

start_registry() { # fresh, empty storage each time
  if [ -n "$registry_pid" ]; then kill "$registry_pid"; wait "$registry_pid" 2>/dev/null || true; fi
  rm -rf "$work/storage"
  cat > "$work/registry.yml" <<YAML
version: 0.1
log:
  level: error
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $work/storage
  delete:
    enabled: true
http:
  addr: $host
  secret: kiln-bench
YAML
  docker-registry serve "$work/registry.yml" >"$work/registry.log" 2>&1 &
  registry_pid=$!
  for _ in $(seq 1 100); do
    curl -fs "http://$host/v2/" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "bench: registry did not start" >&2; cat "$work/registry.log" >&2; exit 1
}

# Runs a command, prints "WALL CPU" in seconds (CPU = user + sys of the process and its children, from
# /usr/bin/time: on a shared 2-core machine the wall time depends on the neighbours, the CPU time much
# less); the command's output goes to a log shown on failure.
timed() {
  sync
  if ! /usr/bin/time -f '%e %U %S' -o "$work/time.txt" "$@" >"$work/cmd.log" 2>&1; then
    echo "bench: failed: $*" >&2; tail -n 20 "$work/cmd.log" >&2; exit 1
  fi
  awk '{ printf "%.2f %.2f", $1, $2 + $3 }' "$work/time.txt"
}
best() { printf '%s\n' "$@" | sort -g | head -n1; }
wall() { printf '%s' "${1% *}"; }
cpu() { printf '%s' "${1#* }"; }
# Reads a directory's files once so that the timed command finds them in the page cache whichever tool
# goes first: on a machine short of free memory the first reader of a blob otherwise pays its disk
# reads (measured: the first pull after evicting the registry's storage took 1.5-2 s longer).
warm() { find "$1" -type f -exec cat {} + >/dev/null; }
ratio() { awk -v k="$1" -v s="$2" 'BEGIN { printf "%.2f", s / k }'; }

echo "== warming up (untimed): builds kiln if needed, records its class-data archive with the transfer"
echo "   classes (the launcher keeps the first run's), and reads the image into the page cache for both"
start_registry
rm -f "$root"/.kiln-launcher/kiln-*.jsa
"$root/kiln" copy -q "oci:$layout:1" "docker://$host/warmup:1" >"$work/warmup.log" 2>&1 \
  || { echo "bench: kiln warm-up failed" >&2; cat "$work/warmup.log" >&2; exit 1; }
skopeo copy -q --dest-tls-verify=false "oci:$layout:1" "docker://$host/warmup-skopeo:1" >/dev/null

kiln_push=(); skopeo_push=(); kiln_pull=(); skopeo_pull=(); kiln_store=()
kiln_push_cpu=(); skopeo_push_cpu=(); kiln_pull_cpu=(); skopeo_pull_cpu=(); kiln_store_cpu=()
report() { echo "   $1 $(wall "$2") s wall, $(cpu "$2") s CPU${3:-}"; }
for r in $(seq 1 "$rounds"); do
  echo "== round $r"
  start_registry
  warm "$layout"
  t="$(timed "$root/kiln" copy "oci:$layout:1" "docker://$host/kiln:1")"
  kiln_push+=("$(wall "$t")"); kiln_push_cpu+=("$(cpu "$t")"); report "kiln push   " "$t"
  start_registry
  warm "$layout"
  t="$(timed skopeo copy --dest-tls-verify=false "oci:$layout:1" "docker://$host/skopeo:1")"
  skopeo_push+=("$(wall "$t")"); skopeo_push_cpu+=("$(cpu "$t")"); report "skopeo push " "$t"
  # Both pull the same image, pushed by skopeo just now.
  rm -rf "$work/pull-kiln" "$work/pull-skopeo" "$work/home"
  warm "$work/storage"
  t="$(timed "$root/kiln" copy "docker://$host/skopeo:1" "oci:$work/pull-kiln:1")"
  kiln_pull+=("$(wall "$t")"); kiln_pull_cpu+=("$(cpu "$t")"); report "kiln pull   " "$t" "  (to an OCI layout)"
  warm "$work/storage"
  t="$(timed skopeo copy --src-tls-verify=false "docker://$host/skopeo:1" "oci:$work/pull-skopeo:1")"
  skopeo_pull+=("$(wall "$t")"); skopeo_pull_cpu+=("$(cpu "$t")"); report "skopeo pull " "$t" "  (to an OCI layout)"
  warm "$work/storage"
  t="$(timed env KILN_HOME="$work/home" "$root/kiln" pull "$host/skopeo:1")"
  kiln_store+=("$(wall "$t")"); kiln_store_cpu+=("$(cpu "$t")"); report "kiln pull   " "$t" "  (into an empty local store)"
  for d in pull-kiln pull-skopeo; do
    [ -f "$work/$d/blobs/sha256/$manifest_digest" ] || { echo "bench: $d lacks the pushed manifest" >&2; exit 1; }
  done
done

kp="$(best "${kiln_push[@]}")"; sp="$(best "${skopeo_push[@]}")"
kl="$(best "${kiln_pull[@]}")"; sl="$(best "${skopeo_pull[@]}")"; ks="$(best "${kiln_store[@]}")"
kpc="$(best "${kiln_push_cpu[@]}")"; spc="$(best "${skopeo_push_cpu[@]}")"
klc="$(best "${kiln_pull_cpu[@]}")"; slc="$(best "${skopeo_pull_cpu[@]}")"; ksc="$(best "${kiln_store_cpu[@]}")"
mb=$((total_bytes / 1024 / 1024))
echo
echo "registry bench: $layers layers, $mb MB, best of $rounds (2 cores, loopback registry; load: $(cut -d' ' -f1-3 /proc/loadavg))"
printf '%-22s %8s %8s %7s   %8s %8s %7s\n' "" "kiln" "skopeo" "ratio" "kiln" "skopeo" "ratio"
printf '%-22s %8s %8s %7s   %8s %8s %7s\n' "" "wall" "wall" "" "CPU" "CPU" ""
printf '%-22s %7ss %7ss %6sx   %7ss %7ss %6sx\n' "push (oci -> registry)" "$kp" "$sp" "$(ratio "$kp" "$sp")" "$kpc" "$spc" "$(ratio "$kpc" "$spc")"
printf '%-22s %7ss %7ss %6sx   %7ss %7ss %6sx\n' "pull (registry -> oci)" "$kl" "$sl" "$(ratio "$kl" "$sl")" "$klc" "$slc" "$(ratio "$klc" "$slc")"
printf '%-22s %7ss %8s %7s   %7ss %8s\n' "pull (-> kiln store)" "$ks" "-" "" "$ksc" "-"
echo "ratio = skopeo time / kiln time (above 1: kiln faster); CPU = user + sys seconds of the process"
