#!/usr/bin/env bash
# Runs the JavaScript SDK v3 checks (every *.test.mjs here) with node's test runner against $CHOKEPOINT_BIN
# (default build/chokepoint). Installs the npm packages from package-lock.json first when node_modules is
# missing. Exits 77 (ctest: skipped) when node is not installed or the packages cannot be installed.
set -uo pipefail
cd "$(dirname "$0")"

if ! command -v node >/dev/null; then
  echo "skipped: node is not installed (Debian: apt-get install nodejs npm)"
  exit 77
fi
if [ ! -d node_modules ]; then
  if ! command -v npm >/dev/null; then
    echo "skipped: tests/js/node_modules is missing and npm is not installed"
    exit 77
  fi
  if ! npm ci --no-audit --no-fund --loglevel=error; then
    echo "skipped: npm ci failed (no registry access?); run it in tests/js by hand"
    exit 77
  fi
fi
exec node --test   # every *.test.mjs here (node_modules is skipped)
