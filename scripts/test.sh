#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test (unit, integration, fuzz-corpus replays, and the
# JavaScript SDK checks in tests/js when node is installed) through ctest.
# Exits non-zero on any failure. Extra arguments go to ctest (e.g. -R integration.test_ssm).
#   scripts/test.sh --sanitize | --tsan [ARGS...]   the sanitizer builds instead (see scripts/sanitize.sh)
# Opt-in extras (CI sets them when it has the time): CHOKEPOINT_CI_SANITIZE=1 also runs the ASan+UBSan suite;
# CHOKEPOINT_CI_FUZZ=1 also runs every fuzz target for CHOKEPOINT_CI_FUZZ_SECONDS (default 30) each.
set -euo pipefail
cd "$(dirname "$0")/.."
case "${1:-}" in
  --sanitize | --tsan) exec scripts/sanitize.sh "$@" ;;
esac
[ "${CHOKEPOINT_CI_SANITIZE:-0}" != 1 ] || scripts/sanitize.sh --sanitize
[ "${CHOKEPOINT_CI_FUZZ:-0}" != 1 ] || scripts/fuzz.sh "${CHOKEPOINT_CI_FUZZ_SECONDS:-30}"
scripts/setup.sh --test
scripts/build.sh
command -v node >/dev/null || echo "node is not installed: the JavaScript SDK checks (tests/js) are skipped" >&2
ctest --test-dir "${BUILD_DIR:-build}" --output-on-failure -j "$(nproc)" "$@"
