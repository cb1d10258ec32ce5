#!/usr/bin/env bash
# Fuzz the checker (not part of scripts/test.sh): ./scripts/fuzz.sh TARGET [SECONDS] [libFuzzer args…]
#   TARGET   text (any bytes as a paste), html (generated markup), docx (generated Word XML,
#            zipped; or whole files), doc (Word 97–2003 streams in a Compound File; or whole
#            files), pdf_layout (generated positioned text runs, as pdf.js or the CLI's PDF
#            reader give them), inflate (the zip reader's inflate against miniz_oxide's) or
#            xml (the .docx reader's XML reader against quick-xml); see fuzz/fuzz_targets/
#   SECONDS  how long to run (default 900)
# Works on stable Rust: RUSTC_BOOTSTRAP=1 lets cargo-fuzz pass its nightly-only flags, and
# `-s none` turns the sanitizer off (the crate has no unsafe code; panics and hangs are what we
# look for). Installs cargo-fuzz when it is missing. Seeds fuzz/corpus/TARGET from
# tests/fixtures and, when present, ../shared/corpus. Crashes land in fuzz/artifacts/TARGET/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
target="${1:?usage: scripts/fuzz.sh text|html|docx|doc|pdf_layout|inflate|xml [seconds] [libFuzzer args…]}"
seconds="${2:-900}"
shift $(( $# >= 2 ? 2 : 1 ))

command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz

corpus="fuzz/corpus/$target"
mkdir -p "$corpus"
# pdf_layout needs no seeds: every 6 bytes are a run.
if [ -z "$(ls -A "$corpus")" ] && [ "$target" = inflate ]; then
  # Raw deflate streams of the text fixtures at a few levels (what a .docx's members hold).
  python3 - "$corpus" tests/fixtures/*/*.txt <<'PY'
import sys, zlib, os
out = sys.argv[1]
for path in sys.argv[2:]:
    data = open(path, 'rb').read()
    for level in (0, 1, 6, 9):
        c = zlib.compressobj(level, zlib.DEFLATED, -15)
        open(os.path.join(out, f"{os.path.basename(path)}.{level}"), 'wb').write(c.compress(data) + c.flush())
PY
elif [ -z "$(ls -A "$corpus")" ] && [ "$target" = xml ]; then
  # Every XML part of the .docx fixtures (and of the corpus's .docx files).
  python3 - "$corpus" tests/fixtures/files/*.docx ../shared/corpus/files/*.docx <<'PY'
import sys, zipfile, os
out = sys.argv[1]
for path in sys.argv[2:]:
    try:
        z = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile):
        continue
    for info in z.infolist():
        if info.filename.endswith(('.xml', '.rels')):
            name = f"{os.path.basename(path)}.{info.filename.replace('/', '_')}"
            open(os.path.join(out, name), 'wb').write(z.read(info))
PY
elif [ -z "$(ls -A "$corpus")" ] && [ "$target" = doc ]; then
  # Each .doc fixture whole, and split into its streams (see fuzz/fuzz_targets/doc.rs).
  python3 fuzz/doc_seeds.py "$corpus" tests/fixtures/files/*.doc
elif [ -z "$(ls -A "$corpus")" ] && [ "$target" != pdf_layout ]; then
  if [ "$target" = docx ]; then
    seeds=(tests/fixtures/files/*.docx)
    [ -d ../shared/corpus/files ] && seeds+=(../shared/corpus/files/*.docx)
  else
    seeds=(tests/fixtures/*/*.txt)
    [ -d ../shared/corpus ] && seeds+=(../shared/corpus/seeds/*.txt ../shared/corpus/real/*[0-9]*)
  fi
  for f in "${seeds[@]}"; do
    if [ "$target" = html ] || [ "$target" = docx ]; then
      # A leading byte below 32: the html target reads the rest as raw input after an HTML
      # prologue, the docx target as a whole file.
      { printf '\x01'; cat "$f"; } > "$corpus/$(basename "$f")"
    else
      cp "$f" "$corpus/"
    fi
  done
fi

# -max_len: real reports are 5–45 KB; 64 KB lets the fuzzer grow whole reports.
# -timeout: one input taking 10 s is a hang (a 64 KB input normally takes about a millisecond).
RUSTC_BOOTSTRAP=1 cargo fuzz run -s none "$target" "$corpus" -- \
  -dict=fuzz/dict -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
  -max_total_time="$seconds" -print_final_stats=1 "$@"
