#!/usr/bin/env bash
# Builds pkg/ (installing what is missing). With --dist DIR, also copies www/ and pkg/ side by
# side into DIR, ready for any static host.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
nianbao_setup_build
nianbao_build_wasm
nianbao_vendor
if [ "${1:-}" = --dist ]; then
  out="${2:?usage: scripts/build.sh --dist DIR}"
  mkdir -p "$out"
  rm -rf "$out/www" "$out/pkg"
  cp -R "$NIANBAO_ROOT/www" "$out/www"
  mkdir -p "$out/pkg"
  cp "$NIANBAO_ROOT"/pkg/nianbao.js "$NIANBAO_ROOT"/pkg/nianbao_bg.wasm "$NIANBAO_ROOT"/pkg/nianbao.d.ts "$out/pkg/"
  mkdir -p "$out/pkg/full"
  cp "$NIANBAO_ROOT"/pkg/full/nianbao.js "$NIANBAO_ROOT"/pkg/full/nianbao_bg.wasm "$out/pkg/full/"
  # A root index that forwards to the page, for hosts that open / by default.
  cp "$NIANBAO_ROOT/scripts/root-index.html" "$out/index.html"
  say "static site in $out (www/ + pkg/)"
fi
