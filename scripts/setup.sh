#!/usr/bin/env bash
# Installs what building and testing Chokepoint needs, from Debian packages only, and only what is missing.
#   scripts/setup.sh           build dependencies
#   scripts/setup.sh --test    plus what the tests use (boto3, AWS CLI v2; curl and jq, which the README's examples use;
#                              botocore's service models, which the AWS catalog check compares with; tenacity, which
#                              the retry report's test retries with as applications do; cryptography, which loads the
#                              key pairs EC2 returns; chromium, headless, which the dashboard's browser tests drive;
#                              redis-server, which the shared bucket store's tests start)
set -euo pipefail

packages=(g++ cmake ninja-build pkg-config libboost-dev nlohmann-json3-dev libspdlog-dev libyaml-cpp-dev catch2 libssl-dev
          zlib1g-dev libhiredis-dev python3)
if [ "${1:-}" = "--test" ]; then
  packages+=(awscli curl jq python3-botocore python3-tenacity python3-cryptography chromium redis-server)
  python3 -c 'import boto3' 2>/dev/null || packages+=(python3-boto3)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "installing: ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
