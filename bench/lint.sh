#!/usr/bin/env bash
# Lint speed through the real ./kiln launcher (JVM start and class-data sharing included):
#   1. one Dockerfile, cold process, median of RUNS runs;
#   2. every corpus Dockerfile in one process, median of RUNS runs.
# hadolint, when on PATH, runs on the same inputs and the ratio is printed; it is not in Debian
# bookworm nor in the registries this workplace reaches, so usually it is absent and we say so.
# Usage: bench/lint.sh [RUNS]   (default 7; corpus from $KILN_CORPUS or the nearest shared/corpus above)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-7}"
corpus="${KILN_CORPUS:-}"
if [ -z "$corpus" ]; then
  dir="$root"
  while [ "$dir" != / ] && [ ! -d "$dir/shared/corpus" ]; do dir="$(dirname "$dir")"; done
  corpus="$dir/shared/corpus"
fi
if [ ! -d "$corpus/real-dockerfiles" ]; then
  echo "bench/lint.sh: corpus not found at $corpus (set KILN_CORPUS)" >&2
  exit 2
fi
files=("$corpus"/real-dockerfiles/*.Dockerfile)
one="$corpus/real-dockerfiles/docker-library__redis__7.2__debian__Dockerfile.Dockerfile"

# median wall-clock seconds of running "$@" $runs times (output discarded, exit status ignored)
median() {
  local times=()
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s.%N)
    "$@" >/dev/null 2>&1 || true
    end=$(date +%s.%N)
    times+=("$(echo "$end - $start" | bc -l)")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.3f", a[int((NR+1)/2)]}'
}

"$root/kiln" --version >/dev/null            # build once if needed
"$root/kiln" lint --no-fail "$one" >/dev/null # the first lint run records the class-data archive

echo "files: ${#files[@]}, runs: $runs, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
kiln_one="$(median "$root/kiln" lint --no-fail "$one")"
kiln_all="$(median "$root/kiln" lint --no-fail "${files[@]}")"
findings="$("$root/kiln" lint --no-fail -f json "${files[@]}" | grep -o '"code":' | wc -l)"
echo "kiln lint, one file, cold process:         ${kiln_one} s (target < 0.5 s)"
echo "kiln lint, ${#files[@]} files, one process:        ${kiln_all} s (target < 2 s), ${findings} findings"

if command -v hadolint >/dev/null; then
  had_one="$(median hadolint --no-fail "$one")"
  had_all="$(median hadolint --no-fail "${files[@]}")"
  echo "hadolint $(hadolint --version | head -1), one file:  ${had_one} s   kiln/hadolint: $(echo "$kiln_one / $had_one" | bc -l | cut -c1-5)"
  echo "hadolint, ${#files[@]} files:                      ${had_all} s   kiln/hadolint: $(echo "$kiln_all / $had_all" | bc -l | cut -c1-5)"
else
  echo "hadolint: not installed (not packaged in Debian bookworm, not in the registries reachable here): no peer comparison"
fi
