#!/usr/bin/env bash
# Command 1 of the README: set up what is missing, build the release and the
# single-file offline copy, then serve the app on 127.0.0.1 and print the URL.
# PORT=9000 scripts/serve.sh picks another port (default 8080, or the next free one).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

"$ROOT/scripts/build.sh"

port="${PORT:-8080}"
while (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
say ""
info "Offline single-file copy (open it from disk, no server needed):"
say "    $ROOT/dist-single/ketamine-dosing-reference.html"
info "Serving the app at:  http://127.0.0.1:$port/   (Ctrl+C stops it)"
exec python3 "$ROOT/scripts/static_server.py" "$ROOT/dist" "$port"
