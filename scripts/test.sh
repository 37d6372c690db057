#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test (unit and integration) through ctest.
# Exits non-zero on any failure. Extra arguments go to ctest (e.g. -R integration.test_ssm).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
scripts/build.sh
ctest --test-dir "${BUILD_DIR:-build}" --output-on-failure -j "$(nproc)" "$@"
