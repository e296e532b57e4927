#!/usr/bin/env bash
# Mutation testing of the pure domain (issue 8): a separate command, not part
# of CI or of scripts/test.sh. Installs cargo-mutants from crates.io if it is
# missing, mutates src/domain/ as configured in .cargo/mutants.toml (no `ui`
# feature, equivalent mutants excluded with reasons), runs the domain tests
# against every mutant, one at a time, and prints caught / missed / timeout /
# unviable in total and per file.
#
#   scripts/mutants.sh                                   # the whole domain
#   scripts/mutants.sh -F 'dosing/(weight|limits|units|format|engine)\.rs'
#   scripts/mutants.sh --shard 1/4                       # a quarter of the mutants
#
# Any argument is passed on to `cargo mutants`. Results are in
# target/mutants/mutants.out/ (caught.txt, missed.txt, timeout.txt,
# unviable.txt, outcomes.json). PROPTEST_CASES defaults to 256 here (10,000
# in scripts/test.sh) to keep each mutant's test run short. Exit code: 0 when
# no viable mutant survived, otherwise cargo-mutants' own (2 missed, 3 timeout);
# 1 when cargo-mutants stops before testing mutants (a bad argument, tests
# that fail on the unmutated tree), with no figures printed.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

CARGO_MUTANTS_VERSION="27.1.0"
if ! cargo mutants --version >/dev/null 2>&1; then
  info "installing cargo-mutants $CARGO_MUTANTS_VERSION from crates.io (once, about 3 min)"
  cargo install cargo-mutants --version "$CARGO_MUTANTS_VERSION" --locked ||
    die "could not install cargo-mutants"
fi

export PROPTEST_CASES="${PROPTEST_CASES:-256}"
# No debug info: every mutant relinks the test binaries, and this halves it.
export CARGO_PROFILE_DEV_DEBUG="${CARGO_PROFILE_DEV_DEBUG:-0}"
OUT="$ROOT/target/mutants"
mkdir -p "$OUT"

RES="$OUT/mutants.out"
# Each excluded (equivalent) mutant in .cargo/mutants.toml must still name
# exactly one mutant: an entry left behind when its code moved or went would
# otherwise stop excluding anything, or exclude a mutant that is not the one
# its reason describes.
cargo mutants --list --no-config --no-default-features -f 'src/domain/**/*.rs' >"$OUT/all-mutants.txt" ||
  die "cargo mutants --list failed"
node -e '
  const fs = require("fs");
  const toml = fs.readFileSync(".cargo/mutants.toml", "utf8");
  const names = fs.readFileSync(process.argv[1], "utf8").split("\n");
  const entries = [...toml.matchAll(/^\s*\x27(.*)\x27,\s*$/gm)].map((m) => m[1]);
  const bad = entries.map((re) => [re, names.filter((n) => new RegExp(re).test(n)).length]).filter(([, n]) => n !== 1);
  for (const [re, n] of bad) console.error(`.cargo/mutants.toml: exclude_re \x27${re}\x27 names ${n} mutants, not 1`);
  process.exit(bad.length ? 1 : 0);
' "$OUT/all-mutants.txt" || die "update the excluded mutants in .cargo/mutants.toml (each must name exactly one)"
# A run that stops early (a bad argument, a failing unmutated tree) must not
# be reported with the last run's results.
rm -rf "$RES" "$RES.old"

info "cargo mutants ($(cargo mutants --version)), PROPTEST_CASES=$PROPTEST_CASES"
start=$SECONDS
nice -n "${MUTANTS_NICE:-15}" cargo mutants --output "$OUT" "$@"
rc=$?
elapsed=$((SECONDS - start))

# cargo-mutants: 0 all caught, 2 some missed, 3 some timed out; anything else
# (1 usage error, 4 the tests fail without any mutant) means no valid run.
case "$rc" in
  0 | 2 | 3) ;;
  *) die "cargo mutants stopped with exit status $rc before testing the mutants (its message is above)" ;;
esac
[[ -f "$RES/caught.txt" ]] || die "no results in $RES (cargo mutants exit $rc)"
count() { grep -c . "$RES/$1.txt" 2>/dev/null || true; }
caught=$(count caught) missed=$(count missed) timeout=$(count timeout) unviable=$(count unviable)
viable=$((caught + missed + timeout))

say ""
info "per file (caught / missed / timeout / unviable)"
for kind in caught missed timeout unviable; do
  sed -n 's/^\([^:]*\):.*/\1/p' "$RES/$kind.txt" | sed "s/\$/ $kind/"
done | awk '
  { n[$1, $2]++; files[$1] = 1 }
  END {
    for (f in files) printf "  %-44s %4d / %3d / %3d / %3d\n", f,
      n[f, "caught"], n[f, "missed"], n[f, "timeout"], n[f, "unviable"]
  }' | sort
if ((missed + timeout)); then
  say ""
  info "surviving mutants (missed, then timeout)"
  cat "$RES/missed.txt" "$RES/timeout.txt"
fi
say ""
pct="n/a"
((viable)) && pct="$(awk -v c="$caught" -v v="$viable" 'BEGIN { printf "%.1f%%", 100 * c / v }')"
say "mutants: $caught caught, $missed missed, $timeout timeout, $unviable unviable; $pct of viable mutants caught; ${elapsed}s"
exit "$rc"
