#!/usr/bin/env bash
# The sanitizer builds, each in its own build directory. Exits non-zero on any failure or sanitizer report.
#   scripts/sanitize.sh --sanitize [CTEST_ARGS...]  build-fuzz/ (clang, AddressSanitizer + UndefinedBehaviorSanitizer,
#                                                   the same build scripts/fuzz.sh uses): every ctest test (unit,
#                                                   integration, fuzz-corpus replays) against instrumented binaries
#   scripts/sanitize.sh --tsan [CATCH_ARGS...]      build-tsan/ with ThreadSanitizer: the unit tests tagged
#                                                   [concurrency] (or the Catch2 test spec given)
# scripts/test.sh --sanitize / --tsan come here.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:-}
shift || true
scripts/setup.sh --test
# Light optimisation and line tables keep the instrumented builds quick to build and their reports readable.
sanitizer_flags=(-DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1")
case "$mode" in
  --sanitize)
    export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:strict_string_checks=1:detect_stack_use_after_return=1}"
    export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
    scripts/fuzz.sh --build
    CHOKEPOINT_BIN="$PWD/build-fuzz/chokepoint" ctest --test-dir build-fuzz --output-on-failure -j "$(nproc)" \
      --timeout 900 "$@"
    ;;
  --tsan)
    export TSAN_OPTIONS="${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1}"
    BUILD_DIR=build-tsan BUILD_TYPE=RelWithDebInfo BUILD_TARGETS=unit_tests \
      scripts/build.sh -DCHOKEPOINT_TSAN=ON "${sanitizer_flags[@]}"
    [ $# -gt 0 ] || set -- "[concurrency]"
    build-tsan/tests/unit_tests "$@"
    ;;
  *)
    echo "usage: scripts/sanitize.sh --sanitize [CTEST_ARGS...] | --tsan [CATCH_ARGS...]" >&2
    exit 2
    ;;
esac
