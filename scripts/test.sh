#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test (unit, integration, and the JavaScript SDK checks in
# tests/js when node is installed) through ctest.
# Exits non-zero on any failure. Extra arguments go to ctest (e.g. -R integration.test_ssm).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
scripts/build.sh
command -v node >/dev/null || echo "node is not installed: the JavaScript SDK checks (tests/js) are skipped" >&2
ctest --test-dir "${BUILD_DIR:-build}" --output-on-failure -j "$(nproc)" "$@"
