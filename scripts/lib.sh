# Shared helpers for the set-up, build, serve and test scripts (sourced, not run).
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ROOT
# Project-local npm tools (wasm-opt from binaryen, playwright-core) come first.
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

say()  { printf '%s\n' "$*"; }
info() { printf '==> %s\n' "$*"; }
warn() { printf 'WARNING: %s\n' "$*" >&2; }
die()  { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

# run_with_heartbeat LABEL LOGFILE CMD...
# Runs a long command with its output in LOGFILE, printing every 20 s that it
# is alive (elapsed time and the log's last line), so a cold set-up of
# 15-20 minutes never looks stuck. Returns the command's exit code.
run_with_heartbeat() {
  local label="$1" log="$2"; shift 2
  local start=$SECONDS
  "$@" >"$log" 2>&1 &
  local pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    sleep 5
    if kill -0 "$pid" 2>/dev/null && (( (SECONDS - start) % 20 < 5 )); then
      local last
      last="$(tail -n 1 "$log" 2>/dev/null | tr -d '\r' | cut -c1-100)"
      printf '    ... %s: %ds elapsed  %s\n' "$label" $((SECONDS - start)) "$last"
    fi
  done
  local rc=0
  wait "$pid" || rc=$?
  if (( rc != 0 )); then
    warn "$label failed (exit $rc). Last lines of $log:"
    tail -n 30 "$log" >&2
  else
    printf '    %s done in %ds\n' "$label" $((SECONDS - start))
  fi
  return "$rc"
}

# The wasm-bindgen version recorded in Cargo.lock (the CLI must match it).
wasm_bindgen_lock_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}
