#!/usr/bin/env bash
# Builds the libFuzzer targets with clang and runs each for SECONDS (default 60) on a copy of its seed corpus
# in tests/fuzz/corpus/<target>. A crash stops the run with the crashing input saved under build-fuzz/crashes/;
# add it to the target's corpus so it becomes a regression test (every corpus file is replayed by the tests).
#   scripts/fuzz.sh [SECONDS] [TARGET...]
#   scripts/fuzz.sh --build [TARGET...]   only build build-fuzz/ (the given cmake targets, default all)
# build-fuzz/ is clang with ASan+UBSan and coverage everywhere; scripts/test.sh --sanitize reuses it.
set -euo pipefail
cd "$(dirname "$0")/.."

build_fuzz() {
  scripts/setup.sh
  command -v clang++ >/dev/null || {
    sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq clang libclang-rt-dev >/dev/null
  }
  # Light optimisation and line tables: quicker to build, readable reports, still fast enough to fuzz. Warnings
  # stay warnings: -Werror is for the gcc build CI ships.
  CXX=clang++ BUILD_DIR=build-fuzz BUILD_TYPE=RelWithDebInfo BUILD_TARGETS="$*" \
    scripts/build.sh -DCHOKEPOINT_FUZZ=ON -DCHOKEPOINT_WERROR=OFF -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1"
}

all_targets=($(cd tests/fuzz && ls fuzz_*.cpp | sed 's/^fuzz_//; s/\.cpp$//'))
if [ "${1:-}" = "--build" ]; then
  shift
  build_fuzz "$@"
  exit 0
fi
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all_targets[@]}")
build_fuzz "${targets[@]/#/fuzz_}"

mkdir -p build-fuzz/crashes
# Undefined behaviour stops the run like a crash, so that libFuzzer saves the input.
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
for t in "${targets[@]}"; do
  work=build-fuzz/corpus/$t
  mkdir -p "$work"
  cp -n tests/fuzz/corpus/"$t"/* "$work"/ 2>/dev/null || true
  echo "== fuzz_$t for ${seconds}s"
  # Crashes saved by earlier runs are not this run's findings (once fixed, they belong in the corpus).
  earlier=$(ls build-fuzz/crashes/"$t"-* 2>/dev/null || true)
  build-fuzz/fuzz_"$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix=build-fuzz/crashes/"$t"- -print_final_stats=1 "$work" 2>&1 |
    grep -E '^(#[0-9]+ *DONE|stat::number_of_executed_units|==[0-9]+==ERROR|SUMMARY)' || true
  found=$(comm -13 <(echo "$earlier") <(ls build-fuzz/crashes/"$t"-* 2>/dev/null || true))
  if [ -n "$found" ]; then
    echo "fuzz_$t found a crash: $found" >&2
    exit 1
  fi
done
