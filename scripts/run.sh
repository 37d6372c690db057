#!/usr/bin/env bash
# Installs what is missing, builds, and starts Chokepoint on the built-in default config at 127.0.0.1:4566.
# Extra arguments go to the server, e.g. scripts/run.sh --config my.yaml --listen 127.0.0.1:4567
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
exec build/chokepoint "$@"
