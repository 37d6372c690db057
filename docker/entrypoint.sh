#!/bin/sh
# Starts chokepoint as PID 1 (exec), so SIGTERM reaches the server itself: it stops accepting, finishes in-flight
# requests and exits 0.
#
#   CHOKEPOINT_CONFIG       config file laid over the built-in defaults (default /etc/chokepoint/config.yaml)
#   CHOKEPOINT_CONFIG_YAML  the config itself, inline; when set it is used instead of CHOKEPOINT_CONFIG
#                           (handy where mounting a file is awkward, e.g. CI service containers)
#   CHOKEPOINT_LISTEN       HOST:PORT to listen on (default 0.0.0.0:4566)
#
# Arguments that are a subcommand (ctl, check-config, print-default-config, help, --version) run that
# subcommand; any other arguments are passed to the server after the flags above (a later flag wins).
set -eu

case "${1:-}" in
  ctl|check-config|print-default-config|help|--help|-h|version|--version) exec chokepoint "$@" ;;
esac

config=${CHOKEPOINT_CONFIG:-/etc/chokepoint/config.yaml}
if [ -n "${CHOKEPOINT_CONFIG_YAML:-}" ]; then
  config=$(mktemp -d)/config.yaml
  printf '%s\n' "$CHOKEPOINT_CONFIG_YAML" > "$config"
fi
exec chokepoint --config "$config" --listen "${CHOKEPOINT_LISTEN:-0.0.0.0:4566}" "$@"
