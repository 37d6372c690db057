#!/usr/bin/env bash
# Installs what is missing, builds, and starts Chokepoint on the built-in default config at 127.0.0.1:4566.
# Extra arguments go to the server, e.g. scripts/run.sh --config my.yaml --listen 127.0.0.1:4567
#   scripts/run.sh --help   prints this and the server's options, and installs and builds nothing
set -euo pipefail
cd "$(dirname "$0")/.."
case "${1:-}" in
  -h | --help)
    sed -n '2,4s/^# \{0,1\}//p' scripts/run.sh
    echo
    if [ -x build/chokepoint ]; then
      build/chokepoint --help
    else
      echo "The server's options: build/chokepoint --help, once scripts/run.sh or scripts/build.sh has built it."
    fi
    exit 0
    ;;
esac
scripts/setup.sh
scripts/build.sh
exec build/chokepoint "$@"
