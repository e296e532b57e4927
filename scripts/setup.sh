#!/usr/bin/env bash
# Installs whatever is missing, and only that, for building and testing:
#   1. the wasm32-unknown-unknown Rust target
#   2. Trunk 0.21.14
#   3. the wasm-bindgen CLI at the version in Cargo.lock
#   4. npm packages from package-lock.json (binaryen 132's wasm-opt, esbuild, zopfli, playwright-core, axe-core)
#   5. Debian's chromium and chromium-driver, and for the other engines'
#      tests Debian's firefox-esr, webkit2gtk-driver (WebKitGTK's MiniBrowser and
#      its WebDriver), xvfb (MiniBrowser's virtual display) and xdotool (its
#      zoom keys) (only with --browser: tests need them)
#   6. geckodriver (Firefox's WebDriver) from crates.io (only with --browser)
# and, first, Debian's python3 when it is missing (the static file server of
# both commands). Debian packages are installed as root, or through sudo.
# Safe to run again: every step checks first and skips what is already there.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

WANT_BROWSER=0
[[ "${1:-}" == "--browser" ]] && WANT_BROWSER=1
TRUNK_VERSION="0.21.14"
LOGDIR="$ROOT/target/setup-logs"
mkdir -p "$LOGDIR"
GECKODRIVER_VERSION="0.37.1"
TOTAL=$((4 + 2 * WANT_BROWSER))
step=0
next() { step=$((step + 1)); info "[setup $step/$TOTAL] $*"; }

command -v cargo >/dev/null || die "cargo was not found. Install the Rust toolchain (rustup) first, then run this again."
command -v npm >/dev/null || die "npm was not found. Install Node.js 20 or newer (with npm), then run this again."

# apt_ready: chooses how to run apt-get: as root, or through sudo, without a
# password or asking for it once when run from a terminal. Returns 1 when
# neither works.
APT=()
apt_ready() {
  ((${#APT[@]})) && return 0
  if [[ "$(id -u)" == "0" ]]; then
    APT=(apt-get)
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    APT=(sudo apt-get)
  elif command -v sudo >/dev/null && [[ -t 0 ]]; then
    say "    apt-get needs root: sudo asks for your password once"
    sudo -v || return 1
    APT=(sudo apt-get)
  else
    return 1
  fi
}
apt_get() { DEBIAN_FRONTEND=noninteractive "${APT[@]}" "$@"; }
# apt_install WHAT PACKAGES...: updates the package lists and installs.
apt_install() {
  local what="$1"; shift
  apt_ready || die "$what: these Debian packages are missing and apt-get cannot install them here (not root, and sudo cannot be used without a password here): $*
       Ask an administrator to run:  apt-get update && apt-get install -y $*
       then run this command again."
  say "    installing: $*"
  run_with_heartbeat "apt-get update" "$LOGDIR/apt-update.log" apt_get update
  run_with_heartbeat "apt-get install $what" "$LOGDIR/apt-install.log" apt_get install -y "$@"
}

# Python 3 serves the built app on 127.0.0.1 (scripts/static_server.py), for
# both commands; a minimal Debian installation may lack it.
if ! command -v python3 >/dev/null; then
  info "python3 (the static file server) is missing"
  apt_install "python3" python3
fi

# Cargo.lock pins wasm-bindgen; generate it if a fresh clone lacks it.
[[ -f Cargo.lock ]] || cargo generate-lockfile --offline >/dev/null 2>&1 || cargo generate-lockfile

next "Rust target wasm32-unknown-unknown"
if rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "    already installed"
else
  run_with_heartbeat "rustup target add" "$LOGDIR/rustup-target.log" \
    rustup target add wasm32-unknown-unknown
fi

next "Trunk $TRUNK_VERSION"
if [[ "$(trunk --version 2>/dev/null || true)" == "trunk $TRUNK_VERSION" ]]; then
  say "    already installed"
else
  say "    compiling from crates.io: about 11 CPU-minutes on first set-up"
  run_with_heartbeat "cargo install trunk" "$LOGDIR/trunk.log" \
    cargo install trunk --version "$TRUNK_VERSION" --locked
fi

WBG_VERSION="$(wasm_bindgen_lock_version)"
[[ -n "$WBG_VERSION" ]] || die "could not read the wasm-bindgen version from Cargo.lock"
next "wasm-bindgen CLI $WBG_VERSION (must equal Cargo.lock)"
if [[ "$(wasm-bindgen --version 2>/dev/null || true)" == "wasm-bindgen $WBG_VERSION" ]] \
   && command -v wasm-bindgen-test-runner >/dev/null; then
  say "    already installed"
else
  say "    compiling from crates.io: about 6 CPU-minutes on first set-up"
  # Not --locked: one of its locked dependency versions is no longer on the registry.
  run_with_heartbeat "cargo install wasm-bindgen-cli" "$LOGDIR/wasm-bindgen.log" \
    cargo install wasm-bindgen-cli --version "$WBG_VERSION" --force
fi

next "npm packages (wasm-opt from binaryen 132, esbuild, zopfli, playwright-core, axe-core)"
STAMP="$ROOT/node_modules/.package-lock.sha256"
LOCK_SUM="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [[ -f "$STAMP" && "$(cat "$STAMP")" == "$LOCK_SUM" && -x node_modules/.bin/wasm-opt ]]; then
  say "    already installed"
else
  run_with_heartbeat "npm ci" "$LOGDIR/npm.log" npm ci --no-audit --no-fund
  printf '%s' "$LOCK_SUM" >"$STAMP"
fi
[[ "$(wasm-opt --version 2>/dev/null)" == *"version 132"* ]] \
  || die "wasm-opt from binaryen 132 is not on PATH (found: $(wasm-opt --version 2>&1 | head -n 1))"

if (( WANT_BROWSER )); then
  next "Chromium, Firefox ESR and WebKit with their WebDrivers (Debian packages)"
  PACKAGES=(chromium chromium-driver firefox-esr webkit2gtk-driver xvfb xdotool)
  MISSING=()
  for pkg in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || MISSING+=("$pkg")
  done
  if ((${#MISSING[@]} == 0)); then
    say "    already installed ($(/usr/bin/chromium --version 2>/dev/null | head -n 1); $(/usr/bin/firefox-esr --version 2>/dev/null | head -n 1); WebKitGTK $(dpkg-query -W -f='${Version}' webkit2gtk-driver))"
  else
    apt_install "browsers" "${MISSING[@]}"
  fi

  next "geckodriver $GECKODRIVER_VERSION (Firefox's WebDriver)"
  if [[ "$(geckodriver --version 2>/dev/null | head -n 1)" == "geckodriver $GECKODRIVER_VERSION"* ]]; then
    say "    already installed"
  else
    say "    compiling from crates.io: about 4 CPU-minutes on first set-up"
    run_with_heartbeat "cargo install geckodriver" "$LOGDIR/geckodriver.log" \
      cargo install geckodriver --version "$GECKODRIVER_VERSION" --locked
  fi
fi

info "set-up complete"
