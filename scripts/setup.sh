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

# The libraries the page loads at run time (scripts/vendor/package.json, pinned by its lock file),
# copied into www/vendor/ so they are served from the page's own origin and cached offline.
nianbao_build_vendor() {
  local dir="$NIANBAO_ROOT/scripts/vendor" out="$NIANBAO_ROOT/www/vendor"
  local wef="$dir/node_modules/write-excel-file"
  if [ ! -f "$wef/bundle/write-excel-file.min.js" ]; then
    if ! command -v npm >/dev/null; then apt_install nodejs npm; fi
    say "npm packages for www/vendor (scripts/vendor)"
    (cd "$dir" && npm ci --no-audit --no-fund)
  fi
  mkdir -p "$out"
  cp "$wef/bundle/write-excel-file.min.js" "$out/write-excel-file.min.js"
  cp "$wef/LICENSE" "$out/write-excel-file.LICENSE"
}

# Builds pkg/ (nianbao.js, nianbao_bg.wasm, nianbao.d.ts) for the browser.
nianbao_build_wasm() {
  # Two builds: pkg/round/ adds round() (the X rules across reports) for the round page; pkg/,
  # without it, is what the page and the widget load.
  say "wasm-pack build --target web --release (pkg/round/: --features round)"
  (cd "$NIANBAO_ROOT" && wasm-pack --quiet build --target web --release --mode no-install \
    --out-dir pkg/round . -- --no-default-features --features round)
  say "wasm-pack build --target web --release (pkg/)"
  (cd "$NIANBAO_ROOT" && wasm-pack --quiet build --target web --release --mode no-install . \
    -- --no-default-features)
  [ -f "$NIANBAO_ROOT/pkg/nianbao_bg.wasm" ] || die "wasm build produced no pkg/nianbao_bg.wasm"
  say "pkg/nianbao_bg.wasm: $(wc -c <"$NIANBAO_ROOT/pkg/nianbao_bg.wasm") bytes"
}
