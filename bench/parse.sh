#!/usr/bin/env bash
# Dockerfile parsing speed: kiln's parser against dockerfile-ast (the npm parser behind the VS Code
# Dockerfile language server) on the same files: every corpus Dockerfile, ROUNDS times, one thread
# pinned to one core, after a 3 s warm-up each. The rate counts files per second of the process's own
# CPU time (JIT and GC included), so other work on the machine does not skew it; wall-clock figures are
# printed too. Prints both rates and the ratio.
# Usage: bench/parse.sh [ROUNDS]   (default 300; corpus from $KILN_CORPUS or the nearest shared/corpus above)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-300}"
corpus="${KILN_CORPUS:-}"
if [ -z "$corpus" ]; then # the first shared/corpus walking up from the repository, as the tests find it
  dir="$root"
  while [ "$dir" != / ] && [ ! -d "$dir/shared/corpus" ]; do dir="$(dirname "$dir")"; done
  corpus="$dir/shared/corpus"
fi
if [ ! -d "$corpus/real-dockerfiles" ]; then
  echo "bench/parse.sh: corpus not found at $corpus (set KILN_CORPUS)" >&2
  exit 2
fi
files=("$corpus"/real-dockerfiles/*.Dockerfile "$corpus"/buildkit-parser/testfiles/*/Dockerfile)
pin=()
if command -v taskset >/dev/null; then pin=(taskset -c 0); fi

echo "files: ${#files[@]}, rounds: $rounds, pinned: ${pin[*]:-no}"
kiln_line="$("${pin[@]}" "$root/kiln" parse --bench "$rounds" "${files[@]}" 2>/dev/null | grep "^kiln parse:")"
echo "$kiln_line"
kiln_rate="$(sed -E 's/.*: ([0-9]+) files\/s per CPU second.*/\1/' <<<"$kiln_line")"

peer_dir="$root/bench/.peers/dockerfile-ast"
if command -v node >/dev/null && command -v npm >/dev/null; then
  if [ ! -d "$peer_dir/node_modules/dockerfile-ast" ]; then
    mkdir -p "$peer_dir"
    (cd "$peer_dir" && npm install --silent --no-audit --no-fund dockerfile-ast@0.7.1 >/dev/null 2>&1) || true
  fi
fi
if [ -d "$peer_dir/node_modules/dockerfile-ast" ]; then
  peer_line="$(NODE_PATH="$peer_dir/node_modules" "${pin[@]}" node - "$rounds" "${files[@]}" <<'JS'
const fs = require('fs');
const { DockerfileParser } = require('dockerfile-ast');
const rounds = Number(process.argv[2]);
const texts = process.argv.slice(3).map(f => fs.readFileSync(f, 'utf8'));
let sink = 0;
const parseAll = () => { for (const t of texts) sink += DockerfileParser.parse(t).getInstructions().length; };
const warm = Date.now() + 3000;
while (Date.now() < warm) parseAll();
const perBatch = Math.max(1, Math.floor(rounds / 5));
let best = 0, total = 0, cpu = 0;
for (let b = 0; b < 5; b++) {
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  for (let r = 0; r < perBatch; r++) parseAll();
  const s = Number(process.hrtime.bigint() - start) / 1e9;
  const used = process.cpuUsage(cpuStart);
  cpu += (used.user + used.system) / 1e6;
  total += s;
  best = Math.max(best, perBatch * texts.length / s);
}
const parsed = perBatch * 5 * texts.length;
console.log(`dockerfile-ast: ${texts.length} files x ${perBatch * 5} rounds: ${Math.round(parsed / cpu)} files/s per CPU second (process CPU ${cpu.toFixed(3)} s; wall ${total.toFixed(3)} s, best batch ${Math.round(best)} files/s; 1 parsing thread)`);
JS
)"
  echo "$peer_line"
  peer_rate="$(sed -E 's/.*: ([0-9]+) files\/s per CPU second.*/\1/' <<<"$peer_line")"
  awk -v k="$kiln_rate" -v p="$peer_rate" 'BEGIN { printf "ratio kiln/dockerfile-ast: %.2fx\n", k / p }'
else
  echo "dockerfile-ast not available (needs node and the npm registry): kiln alone"
fi
awk -v k="$kiln_rate" 'BEGIN { printf "target 5000 files/s on one core: %s\n", (k >= 5000 ? "met" : "missed") }'
