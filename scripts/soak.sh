#!/usr/bin/env bash
# Mixed load for MINUTES (default 10) against build/chokepoint, with fault rules and throttling active; checks
# that resident memory stays flat after warm-up (within 10 %), that no 5xx but the injected one is sent, that no
# connection is left open, and that the server exits cleanly. Builds first. Extra arguments go to
# tests/soak/soak.py (e.g. --workers 8, --binary build-asan/chokepoint).
#   scripts/soak.sh [MINUTES] [--workers N]
set -euo pipefail
cd "$(dirname "$0")/.."
minutes=${1:-10}
shift || true
scripts/setup.sh --test
scripts/build.sh >/dev/null
exec python3 tests/soak/soak.py --minutes "$minutes" "$@"
