# shellcheck shell=bash
# Shared set-up for scripts/serve.sh and scripts/test.sh: installs whatever is missing on a
# fresh machine and skips every step whose tool is already present. Source it, then call
# `nianbao_setup_build` (Rust target, wasm-pack, wasm-bindgen-cli) and, for tests,
# `nianbao_setup_test` (Chromium, node + the browser tests' npm packages).

NIANBAO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '\033[1m[nianbao]\033[0m %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

# Runs a command as root: directly when we are root, else through sudo.
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else die "need root for: $* (install it yourself, or run as root)"
  fi
}

APT_UPDATED=
apt_install() {
  command -v apt-get >/dev/null || die "apt-get not found: install $* with your package manager"
  if [ -z "$APT_UPDATED" ]; then
    say "apt-get update"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    APT_UPDATED=1
  fi
  say "apt-get install $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
}

# The wasm-bindgen version Cargo.toml pins (`wasm-bindgen = "=X.Y.Z"`): the CLI must match it.
wasm_bindgen_pin() {
  sed -n 's/^wasm-bindgen *= *"=\([0-9][0-9.]*\)".*/\1/p' "$NIANBAO_ROOT/Cargo.toml" | head -n1
}

nianbao_setup_build() {
  command -v python3 >/dev/null || apt_install python3
  if ! command -v cargo >/dev/null; then
    command -v curl >/dev/null || apt_install curl ca-certificates
    say "installing Rust (rustup)"
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal
    export PATH="$HOME/.cargo/bin:$PATH"
  fi
  if command -v rustup >/dev/null; then
    if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
      say "rustup target add wasm32-unknown-unknown"
      rustup target add wasm32-unknown-unknown
    fi
    # The wasm builds compile std themselves (scripts/wasm-release.toml).
    if ! rustup component list --installed | grep -qx rust-src; then
      say "rustup component add rust-src"
      rustup component add rust-src
    fi
  fi
  if ! command -v wasm-pack >/dev/null; then
    say "cargo install wasm-pack"
    cargo install --locked wasm-pack
  fi
  local pin have
  pin="$(wasm_bindgen_pin)"
  [ -n "$pin" ] || die "cannot read the pinned wasm-bindgen version from Cargo.toml"
  have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
  if [ "$have" != "$pin" ]; then
    say "cargo install wasm-bindgen-cli $pin (found: ${have:-none})"
    cargo install --locked --force wasm-bindgen-cli --version "$pin"
  fi
}

# Chromium for the browser tests: $CHROMIUM, else /usr/bin/chromium (installed with apt when missing).
nianbao_setup_test() {
  export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
  if [ ! -x "$CHROMIUM" ]; then
    [ "$CHROMIUM" = /usr/bin/chromium ] || die "CHROMIUM=$CHROMIUM is not executable"
    apt_install chromium
  fi
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    apt_install nodejs npm
  fi
  local dir="$NIANBAO_ROOT/tests/browser"
  if [ ! -d "$dir/node_modules/playwright-core" ]; then
    say "npm packages for tests/browser"
    if [ -f "$dir/package-lock.json" ]; then
      (cd "$dir" && npm ci --no-audit --no-fund)
    else
      (cd "$dir" && npm install --no-audit --no-fund)
    fi
  fi
}

# The libraries the page loads at run time, each only when used (scripts/vendor/package.json,
# pinned by its lock file), copied into www/vendor/ (git-ignored) so they are served from the
# page's own origin and cached offline: pdf.js (npm pdfjs-dist, with its CJK character maps and
# standard fonts) for PDF files, write-excel-file for the round page's 问题清单 workbook; and, to build,
# terser, which minifies the wasm glue (nianbao_shrink_pkg).
nianbao_vendor_install() {
  local dir="$NIANBAO_ROOT/scripts/vendor"
  if [ ! -f "$dir/node_modules/pdfjs-dist/build/pdf.min.mjs" ] || [ ! -f "$dir/node_modules/write-excel-file/bundle/write-excel-file.min.js" ] ||
    [ ! -f "$dir/node_modules/terser/bin/terser" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    if ! command -v npm >/dev/null; then apt_install nodejs npm; fi
    say "npm ci (scripts/vendor: pdfjs-dist, write-excel-file; terser to build)"
    (cd "$dir" && npm ci --no-audit --no-fund --omit=optional --ignore-scripts --loglevel=error)
  fi
}

nianbao_vendor() {
  local dir="$NIANBAO_ROOT/scripts/vendor" out="$NIANBAO_ROOT/www/vendor"
  local pdfjs="$dir/node_modules/pdfjs-dist" wef="$dir/node_modules/write-excel-file"
  nianbao_vendor_install
  rm -rf "$out"
  mkdir -p "$out/pdfjs"
  cp "$pdfjs/build/pdf.min.mjs" "$pdfjs/build/pdf.worker.min.mjs" "$pdfjs/LICENSE" "$out/pdfjs/"
  cp -R "$pdfjs/cmaps" "$pdfjs/standard_fonts" "$out/pdfjs/"
  cp "$wef/bundle/write-excel-file.min.js" "$out/write-excel-file.min.js"
  cp "$wef/LICENSE" "$out/write-excel-file.LICENSE"
  say "www/vendor: pdf.js $(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$pdfjs/package.json" | head -n1), write-excel-file $(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$wef/package.json" | head -n1)"
}

# The wasm builds' settings, over the crate's release profile (for the native build): opt-level
# "z", LLVM's inliner at 40, std compiled with the crate (core, std and compiler_builtins at
# opt-level 3) and panics that trap at once; scripts/wasm-release.toml says why, with what each
# step measured. Both builds and the benchmark's use them, so they share one cargo cache and the
# benchmark times what ships. `env "${NIANBAO_WASM_ENV[@]}" wasm-pack build ... -- "${NIANBAO_WASM_CARGO[@]}" ...`.
NIANBAO_WASM_ENV=(RUSTC_BOOTSTRAP=1)
NIANBAO_WASM_CARGO=(--config "$NIANBAO_ROOT/scripts/wasm-release.toml")

# Minifies a wasm-pack glue (DIR/nianbao.js) in place with terser (scripts/vendor's build-time
# dependency): 3.6 -> 2.0 KB gzip. Exported names and the wasm's import names are kept.
# Shrinks a package wasm-pack wrote in $1: the glue minified by terser, the wasm's custom sections
# (names, producers) dropped by scripts/strip-wasm.mjs.
nianbao_shrink_pkg() {
  local terser="$NIANBAO_ROOT/scripts/vendor/node_modules/terser/bin/terser"
  [ -f "$terser" ] || nianbao_vendor_install
  node "$terser" "$1/nianbao.js" --module --compress --mangle --output "$1/nianbao.js"
  node "$NIANBAO_ROOT/scripts/strip-wasm.mjs" "$1/nianbao_bg.wasm"
}

# Builds pkg/ and pkg/full/ (nianbao.js, nianbao_bg.wasm, nianbao.d.ts) for the browser.
nianbao_build_wasm() {
  # Two builds: pkg/full/ adds the .doc reader, the PDF layout step and round() (the X rules across
  # reports): the round page loads it, the page and the widget only when a .doc or a PDF is
  # opened. pkg/, without them, is what the page and the widget load.
  say "wasm-pack build --target web --release (pkg/full/: --features full)"
  (cd "$NIANBAO_ROOT" && env "${NIANBAO_WASM_ENV[@]}" wasm-pack --quiet build --target web --release --mode no-install \
    --out-dir pkg/full . -- "${NIANBAO_WASM_CARGO[@]}" --no-default-features --features full)
  say "wasm-pack build --target web --release (pkg/)"
  (cd "$NIANBAO_ROOT" && env "${NIANBAO_WASM_ENV[@]}" wasm-pack --quiet build --target web --release --mode no-install . \
    -- "${NIANBAO_WASM_CARGO[@]}" --no-default-features)
  nianbao_shrink_pkg "$NIANBAO_ROOT/pkg/full"
  nianbao_shrink_pkg "$NIANBAO_ROOT/pkg"
  [ -f "$NIANBAO_ROOT/pkg/nianbao_bg.wasm" ] || die "wasm build produced no pkg/nianbao_bg.wasm"
  say "pkg/nianbao_bg.wasm: $(wc -c <"$NIANBAO_ROOT/pkg/nianbao_bg.wasm") bytes"
  local wasm_gz glue_gz
  wasm_gz=$(gzip -9c "$NIANBAO_ROOT/pkg/nianbao_bg.wasm" | wc -c)
  glue_gz=$(gzip -9c "$NIANBAO_ROOT/pkg/nianbao.js" | wc -c)
  NIANBAO_PKG_GZ=$((wasm_gz + glue_gz))
  say "wasm + glue, gzip -9: $wasm_gz + $glue_gz = $(( (NIANBAO_PKG_GZ + 50) / 1000 )).$(( (NIANBAO_PKG_GZ + 50) % 1000 / 100 )) KB (budget $((NIANBAO_PKG_BUDGET / 1000)) KB; pkg/full/: $(gzip -9c "$NIANBAO_ROOT/pkg/full/nianbao_bg.wasm" | wc -c) + glue)"
  if [ "$NIANBAO_PKG_GZ" -gt "$NIANBAO_PKG_BUDGET" ]; then
    say "pkg/ is $((NIANBAO_PKG_GZ - NIANBAO_PKG_BUDGET)) bytes over its budget: the test command fails until it is under"
  fi
}

# What the page and the widget load before any file is opened, pkg/'s wasm and glue gzipped (-9),
# in bytes: the test command fails above it (the build and the server only say so).
NIANBAO_PKG_BUDGET=130000
