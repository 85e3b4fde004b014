#!/usr/bin/env bash
# Installs the offline VS Code host used by the integration tests and by `npm start` when `code` is absent:
# code-server 4.100.3 (VS Code 1.100.3 server + web workbench, runs on Node 20) and playwright-core, which drives
# Debian's Chromium. Needs only the npm registry and Debian apt. Idempotent: a second run returns at once.
#
# Usage: test/host/setup-code-server.sh [install-dir]      (default: <repo>/.vscode-test/code-server)
# Env:   CS_VERSION (default 4.100.3), PLAYWRIGHT_VERSION (default 1), FINTECH_LENS_NO_CACHE=1 (do not use or fill
#        the per-user cache of finished installs), FINTECH_LENS_CACHE (cache folder; default ~/.cache/fintech-lens)
#
# Why each step exists:
#  - Debian packages: chromium (the browser; Playwright's own browser download is never used), ripgrep (stands in for
#    @vscode/ripgrep's GitHub download), libkrb5-dev + pkg-config (code-server's `kerberos` native module),
#    fonts-wqy-microhei (the CJK font embedded in the import tests' PDF fixtures).
#  - npm_config_unsafe_perm: code-server's postinstall refuses to run as root without it.
#  - npm_config_yes: node-pty's install runs `npx node-gyp`; an npmrc with `yes=false` would cancel it.
#  - npm_config_nodedir=/usr: native modules build against the local Node headers instead of downloading them.
#  - argon2 fails to fetch its prebuilt binary and builds from source by itself: harmless.
set -euo pipefail

CS_VERSION="${CS_VERSION:-4.100.3}"   # newest code-server whose engines accept Node 20 (4.103+ need Node 22)
PLAYWRIGHT_VERSION="${PLAYWRIGHT_VERSION:-1}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DEST="${1:-$ROOT/.vscode-test/code-server}"
mkdir -p "$DEST"
DEST="$(cd "$DEST" && pwd)"
CS="$DEST/node_modules/code-server"
log() { echo "[setup-code-server $(date +%T)] $*"; }

installed() {
  [ -f "$CS/out/node/entry.js" ] &&
    [ -x "$CS/lib/vscode/node_modules/@vscode/ripgrep/bin/rg" ] &&
    [ -f "$CS/lib/vscode/node_modules/node-pty/build/Release/pty.node" ] &&
    [ -f "$DEST/node_modules/playwright-core/package.json" ] &&
    [ -f "$DEST/.installed-$CS_VERSION" ]
}

# 1. Debian packages, installed only when missing.
need=()
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || need+=(chromium)
command -v rg >/dev/null 2>&1 || need+=(ripgrep)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need+=(libkrb5-dev)
command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
command -v make >/dev/null 2>&1 && command -v g++ >/dev/null 2>&1 || need+=(build-essential)
command -v python3 >/dev/null 2>&1 || need+=(python3)
# The CJK font the import tests' PDF fixtures embed (see test/setup-fonts.sh).
[ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || [ -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ] || need+=(fonts-wqy-microhei)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  log "apt-get install ${need[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

if installed; then
  log "code-server $CS_VERSION already installed in $DEST"
  exit 0
fi

# One install at a time per directory (two test runs started together must not both install).
exec 9>"$DEST/.lock"
if command -v flock >/dev/null 2>&1; then flock 9; fi
if installed; then log "code-server $CS_VERSION installed by a concurrent run"; exit 0; fi

# A finished install is kept in a per-user cache (keyed by code-server version, Node ABI and CPU), so another clone
# on the same machine (CI, a second checkout) copies it in seconds instead of rebuilding the native modules.
# FINTECH_LENS_NO_CACHE=1 turns the cache off; FINTECH_LENS_CACHE moves it.
CACHE_DIR=""
if [ "${FINTECH_LENS_NO_CACHE:-}" != 1 ]; then
  CACHE_DIR="${FINTECH_LENS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/fintech-lens}/code-server-$CS_VERSION-node$(node -p 'process.versions.modules')-$(uname -m)"
fi
if [ -n "$CACHE_DIR" ] && [ -f "$CACHE_DIR/.installed-$CS_VERSION" ]; then
  log "copying the cached install from $CACHE_DIR"
  rm -rf "$DEST/node_modules"
  if cp -a "$CACHE_DIR/node_modules" "$CACHE_DIR/package.json" "$DEST/" \
     && XDG_CONFIG_HOME="$DEST/.xdg-config" XDG_DATA_HOME="$DEST/.xdg-data" node "$CS/out/node/entry.js" --version >/dev/null; then
    touch "$DEST/.installed-$CS_VERSION"
    if installed; then log "done: $DEST (from the cache)"; exit 0; fi
  fi
  log "the cached install is unusable: installing from the registry"
  rm -rf "$DEST/node_modules" "$DEST/.installed-$CS_VERSION" "$CACHE_DIR"
fi

cd "$DEST"
rm -f .installed-*
[ -f package.json ] || echo '{"name":"fintech-lens-test-host","private":true}' > package.json
export npm_config_unsafe_perm=true npm_config_yes=true npm_config_audit=false npm_config_fund=false
export npm_config_update_notifier=false PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
# @vscode/ripgrep looks for its cached download in os.tmpdir(): keep that inside the install dir.
export TMPDIR="$DEST/.tmp"
mkdir -p "$TMPDIR"
nd="$(npm config get nodedir 2>/dev/null || true)"
if { [ -z "$nd" ] || [ "$nd" = undefined ] || [ "$nd" = null ]; } && [ -f /usr/include/node/node_version.h ]; then
  export npm_config_nodedir=/usr
fi

# 2. Fetch the packages without running their scripts, to learn which @vscode/ripgrep code-server pins.
log "npm install --ignore-scripts code-server@$CS_VERSION playwright-core@$PLAYWRIGHT_VERSION"
npm install --ignore-scripts --loglevel=error \
  "code-server@$CS_VERSION" "playwright-core@$PLAYWRIGHT_VERSION" > install.log 2>&1 \
  || { tail -40 install.log; exit 1; }

# 3. Seed @vscode/ripgrep's download cache (<tmpdir>/vscode-ripgrep-cache-<pkgver>/<asset>) with Debian's rg,
#    so its postinstall "downloads" from the cache and never reaches GitHub.
RG_PKG_VER="$(node -p 'require("./node_modules/code-server/lib/vscode/npm-shrinkwrap.json").packages["node_modules/@vscode/ripgrep"].version')"
work="$(mktemp -d)"
( cd "$work" && npm pack --silent "@vscode/ripgrep@$RG_PKG_VER" >/dev/null && tar xzf ./*.tgz )
RG_ASSET_VER="$(sed -n "s/^const VERSION = '\(.*\)';/\1/p" "$work/package/lib/postinstall.js")"
[ -n "$RG_ASSET_VER" ] || { log "could not read the ripgrep asset version from @vscode/ripgrep@$RG_PKG_VER"; exit 1; }
CACHE="$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-$RG_PKG_VER"
mkdir -p "$CACHE"
cp "$(command -v rg)" "$work/rg"
for arch in x86_64 aarch64; do
  tar czf "$CACHE/ripgrep-$RG_ASSET_VER-$arch-unknown-linux-musl.tar.gz" -C "$work" rg
done
rm -rf "$work"
log "seeded $CACHE (ripgrep asset $RG_ASSET_VER)"

# 4. Run the install scripts: argon2 (builds from source), then code-server's postinstall, which installs
#    lib/vscode and its built-in extensions and builds node-pty, spdlog, kerberos, watchdog, ...
log "npm rebuild (native modules; takes a minute)"
npm rebuild --foreground-scripts >> install.log 2>&1 || { tail -60 install.log; exit 1; }
test -x "$CS/lib/vscode/node_modules/@vscode/ripgrep/bin/rg" || { log "ripgrep missing after install"; exit 1; }
test -f "$CS/lib/vscode/node_modules/node-pty/build/Release/pty.node" || { log "node-pty not built"; exit 1; }
XDG_CONFIG_HOME="$DEST/.xdg-config" XDG_DATA_HOME="$DEST/.xdg-data" node "$CS/out/node/entry.js" --version
rm -rf "$TMPDIR"
touch "$DEST/.installed-$CS_VERSION"
log "done: $DEST"

if [ -n "$CACHE_DIR" ]; then
  tmpc="$CACHE_DIR.tmp.$$"
  if mkdir -p "$tmpc" && cp -a "$DEST/node_modules" "$DEST/package.json" "$tmpc/" && touch "$tmpc/.installed-$CS_VERSION"; then
    rm -rf "$CACHE_DIR" && mv "$tmpc" "$CACHE_DIR" && log "cached the install in $CACHE_DIR"
  else
    log "warning: could not write the cache $CACHE_DIR (the install itself is fine)"
  fi
  rm -rf "$tmpc"
fi
