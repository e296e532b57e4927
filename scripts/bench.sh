#!/usr/bin/env bash
# Benchmark (not a test): builds the release, then runs scripts/bench.mjs,
# which prints load, share-link, keystroke-to-paint, memory and size figures
# from headless Chromium and exits non-zero when a budget fails.
# Usage: scripts/bench.sh   (BENCH_LOADS=20 BENCH_EDITS=220 by default)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

"$ROOT/scripts/build.sh"
info "benchmark (headless Chromium, release build on 127.0.0.1)"
node "$ROOT/scripts/bench.mjs"
