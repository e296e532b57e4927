#!/usr/bin/env bash
# Command 2 of the README: set up what is missing, then run every test layer:
#   formatting, clippy, domain purity, native cargo tests (units, golden
#   examples, proptest at 10,000 cases, data integrity, SSR component renders),
#   the release build with its size budget and the memory layout its wasm-opt
#   options rely on, wasm-bindgen DOM tests in headless
#   Chromium, Playwright end-to-end tests against the release build served
#   on 127.0.0.1 (http and file://), and the same build in WebKit and Firefox
#   ESR through WebDriver (tests/engines).
# The last line is "N passed, N failed[, N skipped]"; any failure exits non-zero.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

PASSED=0 FAILED=0 SKIPPED=0
FAILURES=() DIAGNOSES=()
LOGS="$ROOT/target/test-logs"
mkdir -p "$LOGS"

summary() {
  say ""
  if ((${#DIAGNOSES[@]})); then
    say "First error of each failed test layer:"
    for d in "${DIAGNOSES[@]}"; do say "$d"; done
    say ""
  fi
  if ((${#FAILURES[@]})); then
    say "Failed layers:"
    for f in "${FAILURES[@]}"; do say "  - $f"; done
  fi
  if ((SKIPPED)); then say "$PASSED passed, $FAILED failed, $SKIPPED skipped"
  else say "$PASSED passed, $FAILED failed"; fi
  ((FAILED == 0))
}

# tally LAYER EXIT_CODE PASSED FAILED SKIPPED
tally() {
  local layer="$1" rc="$2" p="$3" f="$4" s="$5"
  if ((rc != 0 && f == 0)); then f=1; fi
  PASSED=$((PASSED + p)) FAILED=$((FAILED + f)) SKIPPED=$((SKIPPED + s))
  ((f > 0)) && FAILURES+=("$layer ($f failed; log: ${LOGS#"$ROOT/"}/)")
  say "    $layer: $p passed, $f failed$( ((s)) && printf ', %d skipped' "$s")"
}

# diagnose LAYER LOG FIRST_ERROR: notes a failed layer's first error (or the
# log's last line when it has none) for the summary.
diagnose() {
  local last
  last="$(tail -n 1 "$2" 2>/dev/null | cut -c1-200)"
  DIAGNOSES+=("  $1: ${3:-no error line in its log; the last line: ${last:-(the log is empty)}}")
}

# check LAYER CMD...: a single pass/fail check with its output in a log.
check() {
  local layer="$1"; shift
  local log="$LOGS/${layer// /-}.log"
  info "$layer"
  "$@" >"$log" 2>&1
  local rc=$?
  if ((rc == 0)); then tally "$layer" 0 1 0 0; return; fi
  tail -n 40 "$log"
  disk_free
  # fmt says "Diff in", clippy and the builds "error", the budgets "FAIL".
  diagnose "$layer" "$log" "$(grep -m 1 -E 'Diff in|error|Error|FAIL' "$log" | cut -c1-300)"
  tally "$layer" "$rc" 0 1 0
}

# cargo_tests LAYER CMD...: runs a cargo/wasm-bindgen test command and sums
# its "test result:" lines.
cargo_tests() {
  local layer="$1"; shift
  local log="$LOGS/${layer// /-}.log"
  info "$layer"
  "$@" 2>&1 | tee "$log" | grep -E "^test result:|FAILED|panicked" || true
  local rc=${PIPESTATUS[0]}
  local p f s
  p=$(grep -oE '^test result: [A-Za-z]+\. [0-9]+ passed' "$log" | awk '{s+=$4} END {print s+0}')
  f=$(grep -oE '[0-9]+ failed' "$log" | awk '{s+=$1} END {print s+0}')
  s=$(grep -oE '^test result: .* [0-9]+ ignored' "$log" | grep -oE '[0-9]+ ignored' | awk '{s+=$1} END {print s+0}')
  ((rc != 0)) && tail -n 40 "$log"
  # A layer that ran no test proves nothing: it counts as a failure.
  if ((p + f + s == 0)); then say "    no test ran (log: ${log#"$ROOT/"})"; rc=1; fi
  if ((rc != 0 || f > 0)); then
    disk_free
    diagnose "$layer" "$log" "$(grep -m 1 -E 'panicked|error|Error' "$log" | cut -c1-300)"
  fi
  tally "$layer" "$rc" "$p" "$f" "$s"
}

# A fresh clone's builds take about 2.5 GB (target/), and the browsers write
# their profiles to /tmp: on a full disk they fail to start with no clearer
# word. CI builds once from a clean clone: incremental caches would only add
# 0.8 GB.
[[ -n "${CI:-}" ]] && export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"
disk_free() {
  local dir free_mb device seen=""
  for dir in "$ROOT" "${TMPDIR:-/tmp}"; do
    # One line per file system: the checkout and /tmp are often on one.
    device="$(df -P "$dir" 2>/dev/null | awk 'NR == 2 { print $1 }')"
    [[ -n "$device" && " $seen " == *" $device "* ]] && continue
    seen="$seen $device"
    free_mb="$(df -Pm "$dir" 2>/dev/null | awk 'NR == 2 { print $4 }')"
    say "    disk: ${free_mb:-?} MB free for $dir"
    if [[ "$free_mb" =~ ^[0-9]+$ ]] && ((free_mb < DISK_NEEDED_MB)); then
      warn "only $free_mb MB free for $dir; a fresh clone's builds and the browsers need about $DISK_NEEDED_MB MB. Browsers that cannot write their profiles fail to start."
    fi
  done
}
DISK_NEEDED_MB=4000
info "disk space"
disk_free

info "set-up (installs only what is missing)"
if ! "$ROOT/scripts/setup.sh" --browser; then
  DIAGNOSES+=("  set-up: its error is printed above; the installers' logs are in target/setup-logs/")
  FAILURES+=("set-up"); FAILED=$((FAILED + 1)); summary; exit 1
fi

check "cargo fmt" cargo fmt --all -- --check
check "clippy" cargo clippy --all-targets --locked -- -D warnings
check "domain purity" bash -c '
  cargo check --lib --no-default-features --locked &&
  ! cargo tree --no-default-features -e normal --prefix none | grep -E "^(yew|web-sys|js-sys|gloo|wasm-bindgen) "'

PROPTEST_CASES="${PROPTEST_CASES:-10000}" cargo_tests "native tests" cargo test --locked

export KDR_BUILD_DATE="${KDR_BUILD_DATE:-$(date -u +%F)}"
check "release build" scripts/build.sh
grep -E "^\s+(wasm|js|css|single_file|wasm \+ js)" "$LOGS/release-build.log" || true
check "size budget" node scripts/size-budget.mjs
check "wasm layout" node scripts/wasm-layout.mjs

export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
export CHROMEDRIVER=/usr/bin/chromedriver
export WASM_BINDGEN_TEST_TIMEOUT=120
cargo_tests "browser DOM tests" cargo test --locked --target wasm32-unknown-unknown --test wasm_dom

info "end-to-end tests (Playwright, system Chromium, release build on 127.0.0.1)"
SERVER_LOG="$LOGS/static-server.log"
python3 scripts/static_server.py dist 0 >"$SERVER_LOG" 2>&1 &
SERVER_PID=$!
trap 'kill $SERVER_PID 2>/dev/null' EXIT
# Up to 30 s: a busy machine can be slow to start Python.
for _ in $(seq 150); do grep -q '^serving ' "$SERVER_LOG" && break; sleep 0.2; done
BASE_URL="$(sed -n 's/^serving \(.*\)\/$/\1/p' "$SERVER_LOG" | head -n 1)"
# node_tests LAYER DIR SHOWN: runs the node:test files in DIR against the
# served build, shows the TAP lines matching SHOWN and sums its summary.
node_tests() {
  local layer="$1" dir="$2" shown="$3"
  local log="$LOGS/${layer// /-}.log"
  BASE_URL="$BASE_URL" SINGLE_FILE="$ROOT/dist-single/ketamine-dosing-reference.html" \
    node --test --test-reporter=tap --test-concurrency=1 "$dir" >"$log" 2>&1
  local rc=$?
  grep -E "$shown|^# (tests|pass|fail|skipped)" "$log" || true
  if ((rc != 0)); then
    grep -B2 -A25 "^\s*not ok" "$log" | head -n 120
    disk_free
    # Repeated beside the summary, where a long log's end is read: the first
    # error, with what the browser itself printed when it failed to start.
    diagnose "$layer" "$log" "$(awk '/^ *error: \|-$/ { getline; print; exit } /^ *error:/ { print; exit }' "$log" \
      | sed 's/^ *//' | cut -c1-300)"
    while IFS= read -r line; do DIAGNOSES+=("    $line"); done \
      < <(grep -m 1 -A 8 'Browser logs:' "$log" | sed 's/\x1b\[[0-9;]*m//g; s/^ *//' | grep -v '^$' | tail -n +2 | cut -c1-200)
  fi
  local p f s
  p=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$log" | tail -n 1)
  f=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$log" | tail -n 1)
  s=$(sed -n 's/^# skipped \([0-9]*\)$/\1/p' "$log" | tail -n 1)
  if (( ${p:-0} + ${f:-0} + ${s:-0} == 0 )); then say "    no test ran (log: ${log#"$ROOT/"})"; rc=1; fi
  tally "$layer" "$rc" "${p:-0}" "${f:-0}" "${s:-0}"
}

if [[ -z "$BASE_URL" ]]; then
  diagnose "static server" "$SERVER_LOG" "the static server did not start in 30 s: $(tail -n 1 "$SERVER_LOG" | cut -c1-200)"
  tally "end-to-end" 1 0 1 0
  tally "other engines" 1 0 1 0
else
  node_tests "end-to-end" tests/e2e/ "^not ok"
  info "other engines (WebKit and Firefox ESR through WebDriver, the same release build)"
  node_tests "other engines" tests/engines/ "^\s*(not )?ok .*(webkit|firefox):"
fi

summary
