#!/usr/bin/env bash
# Proves a change kept the output: builds the CLI at REV (default: the first parent of HEAD) and at
# the work tree, checks every seed, corpus text and fixture with both (`--format json` and the
# text output), and diffs them byte for byte.
#
#   ./scripts/same-output.sh [REV]        exit 0 when every output is identical
#
# Inputs: ../shared/corpus/{seeds,real} and tests/fixtures/**/*.{txt,md,html,htm}.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$NIANBAO_ROOT"
rev="${1:-HEAD~1}"
sha="$(git rev-parse --verify "$rev^{commit}")"
work="$(mktemp -d)"
trap 'git worktree remove --force "$work/base" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

say "building the CLI at $rev (${sha:0:10}) and at the work tree"
git worktree add --detach --quiet "$work/base" "$sha"
cargo build --quiet --release --bin nianbao --manifest-path "$work/base/Cargo.toml" --target-dir target/same-output-base
cargo build --quiet --release --bin nianbao --target-dir target/same-output-head

inputs=()
for dir in ../shared/corpus/seeds ../shared/corpus/real tests/fixtures; do
  [ -d "$dir" ] || continue
  while IFS= read -r f; do inputs+=("$f"); done < <(find "$dir" -type f \( -name '*.txt' -o -name '*.md' -o -name '*.html' -o -name '*.htm' \) | sort)
done
[ "${#inputs[@]}" -gt 0 ] || die "no inputs found"

run() { # bin out-dir
  mkdir -p "$2"
  local i=0
  for f in "${inputs[@]}"; do
    i=$((i + 1))
    "$1" check -q -j 1 --format json "$f" >"$2/$i.json" 2>&1 || true
    "$1" check -q -j 1 "$f" >"$2/$i.txt" 2>&1 || true
  done
}
run target/same-output-base/release/nianbao "$work/before"
run target/same-output-head/release/nianbao "$work/after"

differ=0
i=0
for f in "${inputs[@]}"; do
  i=$((i + 1))
  for ext in json txt; do
    if ! cmp -s "$work/before/$i.$ext" "$work/after/$i.$ext"; then
      differ=$((differ + 1))
      say "differs ($ext): $f"
      diff <(head -c 4000 "$work/before/$i.$ext") <(head -c 4000 "$work/after/$i.$ext") | head -n 20 >&2 || true
    fi
  done
done
if [ "$differ" -gt 0 ]; then
  die "$differ of $((2 * ${#inputs[@]})) outputs differ from $rev"
fi
say "all $((2 * ${#inputs[@]})) outputs (${#inputs[@]} inputs, json and text) are identical to $rev"
