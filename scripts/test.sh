#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test (unit, integration, fuzz-corpus replays, and the
# JavaScript SDK checks in tests/js when node is installed) through ctest.
# Exits non-zero on any failure. Extra arguments go to ctest (e.g. -R integration.test_ssm).
#   scripts/test.sh --sanitize | --tsan [ARGS...]   the sanitizer builds instead (see scripts/sanitize.sh)
# In CI (CI=true), after the Release build (gcc, -Werror), the suite runs against the AddressSanitizer +
# UndefinedBehaviorSanitizer build (scripts/sanitize.sh), so a memory error, a leak or undefined behaviour anywhere
# fails it; then every fuzz target runs for CHOKEPOINT_CI_FUZZ_SECONDS (default 10) from its corpus, on the same
# build. CHOKEPOINT_CI_SANITIZE=0 runs the suite against the Release build instead; CHOKEPOINT_CI_FUZZ=0 skips
# the fuzzing.
set -euo pipefail
cd "$(dirname "$0")/.."
case "${1:-}" in
  --sanitize | --tsan) exec scripts/sanitize.sh "$@" ;;
esac
in_ci=false
[ "${CI:-}" = "true" ] && in_ci=true
scripts/setup.sh --test
scripts/build.sh
command -v node >/dev/null || echo "node is not installed: the JavaScript SDK checks (tests/js) are skipped" >&2
if $in_ci && [ "${CHOKEPOINT_CI_SANITIZE:-1}" = 1 ]; then
  scripts/sanitize.sh --sanitize "$@"
else
  ctest --test-dir "${BUILD_DIR:-build}" --output-on-failure -j "$(nproc)" "$@"
fi
if $in_ci && [ "${CHOKEPOINT_CI_FUZZ:-1}" = 1 ]; then
  scripts/fuzz.sh "${CHOKEPOINT_CI_FUZZ_SECONDS:-10}"
fi
