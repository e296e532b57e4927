#!/usr/bin/env bash
# Release build: the served app in dist/ and the single-file copy in dist-single/.
# Sets up whatever is missing first (see scripts/setup.sh).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

"$ROOT/scripts/setup.sh" "$@"

export KDR_BUILD_DATE="${KDR_BUILD_DATE:-$(date -u +%F)}"
info "building the release (trunk build --release --offline)"
run_with_heartbeat "trunk build" "$ROOT/target/trunk-build.log" \
  trunk build --release --offline
info "post-processing: Content-Security-Policy, single-file copy, size report"
node "$ROOT/scripts/postbuild.mjs"
