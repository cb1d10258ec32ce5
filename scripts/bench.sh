#!/usr/bin/env bash
# Every speed and size figure in one run (figures only, nothing asserted):
#   1. native: `cargo bench --bench throughput` (latency per report, batch MB/s on 1 and all
#      cores, growth at 1×/10×/100×, large hostile inputs), then, when valgrind is installed,
#      the instructions per seed report of `validate` and of the one-pass floor (examples/prof
#      under callgrind): their ratio does not move with the machine's load, as times do;
#   2. wasm: builds the package into a temp dir (not pkg/), prints its size raw and gzipped, the
#      size after `wasm-opt -Oz` when wasm-opt is on PATH (or WASM_OPT=/path/to/wasm-opt), and
#      the latency per report in Node (scripts/bench-wasm.mjs) and in Chromium
#      (tests/browser/bench-wasm.mjs);
#   3. the command line end to end: `nianbao check` over a directory of ~100 MB of reports
#      (the corpus copied many times), JSON Lines to /dev/null, on 1 thread and on all cores;
#   4. a review round: `nianbao check --round` over 2000 generated reports (tests/browser/
#      gen-round.mjs: two years per body, a third of them .docx, a tenth .html), with and without
#      the X rules, and with the problem list written as .xlsx.
# Needs ../shared/corpus for the real reports (falls back to tests/fixtures/layouts).
# Usage: scripts/bench.sh [--no-native] [--no-wasm] [--no-cli] [--no-round]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$NIANBAO_ROOT"

native=1 wasm=1 cli=1 round=1
for arg in "$@"; do
  case "$arg" in
    --no-native) native= ;;
    --no-wasm) wasm= ;;
    --no-cli) cli= ;;
    --no-round) round= ;;
    *) die "usage: scripts/bench.sh [--no-native] [--no-wasm] [--no-cli] [--no-round]" ;;
  esac
done

work="$(mktemp -d "${TMPDIR:-/tmp}/nianbao-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT

echo "== machine"
echo "$(nproc) cores · $(sed -n 's/^model name\s*: //p' /proc/cpuinfo 2>/dev/null | head -n1) · $(uname -sr)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null) · $(rustc --version) · node $(node --version 2>/dev/null || echo absent)"

if [ -d ../shared/corpus/seeds ]; then
  reports=(../shared/corpus/seeds ../shared/corpus/real)
else
  echo "SKIPPED: ../shared/corpus is absent; using tests/fixtures/layouts"
  reports=(tests/fixtures/layouts)
fi

if [ -n "$native" ]; then
  echo; echo "== native (cargo bench --bench throughput)"
  cargo bench --quiet --bench throughput
  echo; echo "== native, instructions per report (callgrind; the same on any machine, at any load)"
  if command -v valgrind >/dev/null; then
    cargo build --quiet --release --example prof
    prof=target/release/examples/prof
    # per_check FILE [--floor]: instructions of 20 checks of FILE (or 20 floors) less reading it
    # (the same with 0 rounds), per check.
    per_check() {
      local file="$1" refs=()
      shift
      for rounds in 20 0; do
        refs+=("$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$prof" "$@" "$rounds" "$file" 2>&1 \
          | sed -n 's/.*refs: *//p' | tr -d ,)")
      done
      echo $(( (refs[0] - refs[1]) / 20 ))
    }
    worst=0
    seeds=("${reports[0]}"/*.txt)
    for file in "${seeds[@]:0:5}"; do
      checked=$(per_check "$file") floor=$(per_check "$file" --floor)
      ratio=$(( checked * 100 / floor ))
      worst=$(( ratio > worst ? ratio : worst ))
      awk -v f="$(basename "$file")" -v b="$(wc -c <"$file")" -v c="$checked" -v l="$floor" -v r="$ratio" 'BEGIN {
        printf "  %-40s %7.1f KB  validate %6.3f M  floor %6.3f M  = %4.2f× the floor\n", f, b / 1000, c / 1e6, l / 1e6, r / 100 }'
    done
    awk -v w="$worst" 'BEGIN { printf "  budget: at most %.2f× the floor in instructions (aim ≤ 3×: %s)\n", w / 100, w <= 300 ? "met" : "NOT met" }'
  else
    echo "(valgrind not found: no instruction counts; apt-get install valgrind)"
  fi
fi

if [ -n "$wasm" ]; then
  echo; echo "== wasm (Node $(node --version))"
  nianbao_setup_build >/dev/null
  # --features bench adds check_only(), so the figures split the check from the conversion.
  env "${NIANBAO_WASM_ENV[@]}" wasm-pack --quiet build --target web --release --mode no-install --out-dir "$work/pkg" . \
    -- "${NIANBAO_WASM_CARGO[@]}" --no-default-features --features bench
  nianbao_shrink_pkg "$work/pkg"
  opt="${WASM_OPT:-$(command -v wasm-opt || true)}"
  if [ -n "$opt" ]; then
    "$opt" -Oz "$work/pkg/nianbao_bg.wasm" -o "$work/pkg/nianbao_bg.opt.wasm"
  else
    echo "(wasm-opt not found: no optimized size; npm install binaryen, then WASM_OPT=node_modules/.bin/wasm-opt)"
  fi
  node scripts/bench-wasm.mjs "$work/pkg" "${reports[0]}" tests/fixtures/files/filled-wps.docx tests/fixtures/files/filled-libreoffice.docx
  # The same build in Chromium (the page's engine), when the browser tests' tools are installed.
  if [ -x "${CHROMIUM:-/usr/bin/chromium}" ] && [ -d tests/browser/node_modules/playwright-core ]; then
    node tests/browser/bench-wasm.mjs "$work/pkg" "${reports[0]}"
  else
    echo "(no Chromium or playwright-core: no figures in Chromium; scripts/setup.sh installs them)"
  fi
fi

if [ -n "$cli" ]; then
  echo; echo "== command line: nianbao check over a directory"
  cargo build --quiet --release --bin nianbao
  bin="$PWD/target/release/nianbao"
  mkdir -p "$work/batch"
  one_copy=$(for dir in "${reports[@]}"; do cat "$dir"/*.txt; done | wc -c)
  copies=$(( 100000000 / (one_copy > 0 ? one_copy : 1) + 1 ))
  for i in $(seq -w 1 "$copies"); do
    mkdir "$work/batch/$i"
    for dir in "${reports[@]}"; do cp "$dir"/*.txt "$work/batch/$i/"; done
  done
  files=$(find "$work/batch" -name '*.txt' | wc -l)
  bytes=$(find "$work/batch" -name '*.txt' -printf '%s\n' | awk '{ n += $1 } END { print n }')
  echo "$files files, $((bytes / 1000000)) MB ($copies copies of the corpus .txt files)"
  # Wall time, and CPU time (user + system): on a shared machine the two differ.
  TIMEFORMAT='%R %U %S'
  for jobs in 1 "$(nproc)"; do
    for format in json text; do
      t=$( { time "$bin" check -q -j "$jobs" -f "$format" --summary "$work/summary.csv" "$work/batch" \
        >/dev/null 2>&1 || true; } 2>&1 )
      read -r real user sys <<<"$t"
      awk -v r="$real" -v c="$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" -v b="$bytes" \
        -v f="$files" -v j="$jobs" -v fmt="$format" 'BEGIN {
          printf "  -j %-3s %-5s %7.2f s %7.1f MB/s %6.0f files/s · %6.2f s CPU = %5.1f MB/s per CPU-second\n",
            j, fmt, r, b / 1e6 / r, f / r, c, b / 1e6 / c }'
    done
  done
fi

if [ -n "$round" ]; then
  echo; echo "== a review round: nianbao check --round over generated reports"
  cargo build --quiet --release --bin nianbao
  bin="$PWD/target/release/nianbao"
  node tests/browser/gen-round.mjs "$work/round" 2000
  files=$(find "$work/round" -type f | wc -l)
  bytes=$(find "$work/round" -type f -printf '%s\n' | awk '{ n += $1 } END { print n }')
  echo "$files files, $((bytes / 1000000)) MB on disk"
  TIMEFORMAT='%R %U %S'
  for what in "check" "check --round" "check --round --problems $work/problems.xlsx"; do
    # shellcheck disable=SC2086
    t=$( { time "$bin" $what -q -f json "$work/round" >/dev/null 2>&1 || true; } 2>&1 )
    read -r real user sys <<<"$t"
    awk -v r="$real" -v c="$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" -v b="$bytes" \
      -v f="$files" -v w="${what/$work\//}" 'BEGIN {
        printf "  %-42s %6.2f s %6.1f MB/s %6.0f files/s · %6.2f s CPU\n", w, r, b / 1e6 / r, f / r, c }'
  done
fi
