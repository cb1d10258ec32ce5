#!/usr/bin/env bash
# Builds the wasm and serves the page: ./scripts/serve.sh [--port N] [--host H]
# Installs what is missing first (see scripts/setup.sh). PORT=8080 by default.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
nianbao_setup_build
nianbao_build_wasm
nianbao_vendor
say "serving www/ and pkg/ — open the URL below (Ctrl-C stops)"
exec python3 "$NIANBAO_ROOT/scripts/serve.py" "$@"
