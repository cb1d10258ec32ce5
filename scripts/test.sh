#!/usr/bin/env bash
# Everything the project tests, on a fresh machine: ./scripts/test.sh
# Installs what is missing first (Rust wasm target, wasm-pack, wasm-bindgen-cli at the pinned
# version, Chromium, the browser tests' npm packages; see scripts/setup.sh), then runs
#   cargo fmt --check · cargo test · cargo clippy (native and wasm32) · the UTF-16 converter's unit tests ·
#   the wasm build (pkg/, which fails above its size budget, NIANBAO_PKG_BUDGET in setup.sh) ·
#   the browser tests (tests/browser, headless Chromium).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
nianbao_setup_build
nianbao_setup_test
cd "$NIANBAO_ROOT"

say "cargo fmt --check"
cargo fmt --check
(cd fuzz && cargo fmt --check)

say "cargo test"
cargo test --quiet

say "cargo clippy --all-targets -- -D warnings"
cargo clippy --quiet --all-targets -- -D warnings

say "cargo clippy (wasm32, the wasm boundary)"
cargo clippy --quiet --target wasm32-unknown-unknown --no-default-features --lib -- -D warnings
cargo clippy --quiet --target wasm32-unknown-unknown --no-default-features --features full --lib -- -D warnings

nianbao_build_wasm
[ "$NIANBAO_PKG_GZ" -le "$NIANBAO_PKG_BUDGET" ] ||
  die "pkg/ (wasm + glue, gzip -9) is $NIANBAO_PKG_GZ bytes, over its budget of $NIANBAO_PKG_BUDGET"
nianbao_vendor

say "browser tests (tests/browser, $CHROMIUM)"
cd tests/browser
node --test --test-concurrency=1 --test-reporter="${NODE_TEST_REPORTER:-spec}" ./*.test.mjs
say "all tests passed"
