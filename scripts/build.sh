#!/usr/bin/env bash
# Configures and builds into build/ (Release unless BUILD_TYPE is set). Extra arguments go to cmake.
# BUILD_DIR picks another build directory; BUILD_TARGETS (space-separated) builds only those targets.
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir=${BUILD_DIR:-build}
flags=(-DCMAKE_BUILD_TYPE="${BUILD_TYPE:-Release}" -DPython3_EXECUTABLE="$(command -v python3)")
[ "${CI:-}" = "true" ] && flags+=(-DCHOKEPOINT_WERROR=ON)
generator=()
command -v ninja >/dev/null && [ ! -f "$build_dir/Makefile" ] && generator=(-G Ninja)

cmake -S . -B "$build_dir" "${generator[@]}" "${flags[@]}" "$@" >/dev/null
targets=()
for t in ${BUILD_TARGETS:-}; do targets+=(--target "$t"); done
cmake --build "$build_dir" -j "$(nproc)" "${targets[@]}"
