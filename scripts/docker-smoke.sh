#!/usr/bin/env bash
# Builds the container image from docker/Dockerfile with podman, runs it with a port published on 127.0.0.1,
# and drives it with boto3: a DynamoDB table and item, an SSM parameter, a throttled call that boto3 classifies
# as throttling, the image's health check, then SIGTERM (exit code 0, within 5 s). Cleans up what it started.
#
#   CHOKEPOINT_DOCKER_SMOKE=1 scripts/docker-smoke.sh
#
# Environment:
#   CHOKEPOINT_DOCKER_SMOKE=1  run (without it the script only says how, and exits 0)
#   BASE_IMAGE                 base for both stages (default debian:bookworm-slim; when the registry is
#                              unreachable, a bookworm base is built with mmdebstrap from apt's Debian mirror)
#   SMOKE_IMAGE                tag to build (default localhost/chokepoint:smoke)
#   SMOKE_SKIP_BUILD=1         reuse an existing SMOKE_IMAGE
#   BUILD_JOBS                 compiler processes inside the build (default 2)
# Needs podman, buildah, runc and mmdebstrap (installed with apt-get when missing) and python3 with boto3.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${CHOKEPOINT_DOCKER_SMOKE:-}" != "1" ]; then
  echo "docker smoke test skipped: run 'CHOKEPOINT_DOCKER_SMOKE=1 scripts/docker-smoke.sh' to build the image" \
       "with podman and test it (takes several minutes)."
  exit 0
fi

image=${SMOKE_IMAGE:-localhost/chokepoint:smoke}
base_fallback=localhost/chokepoint-base:bookworm
container=chokepoint-smoke-$$
t0=$(date +%s)
say() { echo "== [$(( $(date +%s) - t0 ))s] $*"; }

# --- tools -----------------------------------------------------------------------------------------------------
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
missing=()
for tool in podman buildah runc mmdebstrap; do command -v "$tool" >/dev/null || missing+=("$tool"); done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
python3 -c 'import boto3' || { echo "python3 with boto3 is needed (scripts/setup.sh --test)" >&2; exit 1; }

# runc: crun's cgroup handling fails in some sandboxes, runc works everywhere podman does. Explicit ulimits:
# podman's defaults (nofile 1048576) exceed what an unprivileged or nested host allows.
nofile=$(ulimit -Hn)
[ "$nofile" = unlimited ] || [ "$nofile" -gt 65536 ] && nofile=65536
nproc=$(ulimit -Hu)
[ "$nproc" = unlimited ] || [ "$nproc" -gt 4096 ] && nproc=4096
limits=(--ulimit "nofile=$nofile:$nofile" --ulimit "nproc=$nproc:$nproc")
pm() { podman --runtime runc "$@"; }

cleanup() {
  pm rm -f -t 0 "$container" >/dev/null 2>&1 || true
}
trap cleanup EXIT

# --- base image ----------------------------------------------------------------------------------------------------
# The first deb.debian.org-style mirror apt uses (deb822 .sources or one-line .list), for mmdebstrap.
# debian_mirror main|security
debian_mirror() {
  local uri filter=(grep -v security) fallback=http://deb.debian.org/debian
  [ "$1" = security ] && filter=(grep security) && fallback=http://deb.debian.org/debian-security
  uri=$(grep -hs '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}' | "${filter[@]}" | head -n1 || true)
  [ -n "$uri" ] || uri=$(grep -hs '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list \
                          | awk '{print $2}' | "${filter[@]}" | head -n1 || true)
  echo "${uri:-$fallback}"
}

build_base_with_mmdebstrap() {
  local mirror security tar
  mirror=$(debian_mirror main)
  security=$(debian_mirror security)
  tar=$(mktemp --suffix=.tar)
  say "registry unreachable: building a bookworm base with mmdebstrap from $mirror"
  # The slim variant's exclusions: no manuals, no translations, no documentation beyond copyright files.
  nice -n 10 $sudo mmdebstrap --variant=minbase --mode=auto \
    --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/locale/*' \
    --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
    bookworm "$tar" "deb $mirror bookworm main" "deb $mirror bookworm-updates main" \
    "deb $security bookworm-security main" >/dev/null
  pm import --quiet "$tar" "$base_fallback" >/dev/null
  rm -f "$tar"
}

if [ -n "${BASE_IMAGE:-}" ]; then
  base=$BASE_IMAGE
elif timeout 60 podman pull -q docker.io/library/debian:bookworm-slim >/dev/null 2>&1; then
  base=docker.io/library/debian:bookworm-slim
else
  pm image exists "$base_fallback" || build_base_with_mmdebstrap
  base=$base_fallback
fi
say "base image: $base"

# --- build ---------------------------------------------------------------------------------------------------------
if [ "${SMOKE_SKIP_BUILD:-}" != "1" ]; then
  say "building $image"
  build_start=$(date +%s)
  # The Dockerfile's HEALTHCHECK is kept only in docker format (OCI images have no health checks).
  nice -n 10 podman --runtime runc build --format docker "${limits[@]}" --network host \
    --build-arg BASE_IMAGE="$base" --build-arg BUILD_JOBS="${BUILD_JOBS:-2}" \
    -f docker/Dockerfile -t "$image" . >/tmp/chokepoint-smoke-build.log 2>&1 \
    || { tail -n 40 /tmp/chokepoint-smoke-build.log >&2; exit 1; }
  say "built in $(( $(date +%s) - build_start ))s"
fi
size=$(pm image inspect --format '{{.Size}}' "$image")
say "image size: $(( size / 1000000 )) MB ($size bytes)"

# --- run -------------------------------------------------------------------------------------------------------------
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# A tiny DescribeParameters bucket makes the throttled call reproducible; everything else keeps the defaults.
config_yaml='limits:
  - match: {service: ssm}
    buckets: {DescribeParameters: {rate: 0.01, burst: 1}}'
run_start=$(date +%s.%N)
# Without systemd podman cannot schedule the periodic health checks (it says so); `healthcheck run` below works.
pm run -d --name "$container" "${limits[@]}" -p "127.0.0.1:$port:4566" \
  -e CHOKEPOINT_CONFIG_YAML="$config_yaml" "$image" 2> >(grep -v 'systemd connection' >&2) >/dev/null

endpoint=http://127.0.0.1:$port
python3 - "$endpoint" <<'EOF'
import sys, time, urllib.request
deadline = time.monotonic() + 30
while True:
    try:
        with urllib.request.urlopen(sys.argv[1] + "/_chokepoint/health", timeout=2) as r:
            if r.status == 200:
                break
    except OSError:
        pass
    if time.monotonic() > deadline:
        sys.exit("the container did not become healthy within 30 s")
    time.sleep(0.1)
EOF
say "healthy after $(python3 -c "import time; print(round(time.time() - $run_start, 2))")s on $endpoint"

pm healthcheck run "$container" >/dev/null || { echo "the image's HEALTHCHECK failed" >&2; exit 1; }
uid=$(pm exec "$container" id -u)
[ "$uid" != 0 ] || { echo "the server runs as root" >&2; exit 1; }
logs=$(pm logs "$container" 2>&1)
grep -q '^listening on 0.0.0.0:4566' <<<"$logs" \
  || { echo "the server does not listen on 0.0.0.0:4566:" >&2; echo "$logs" >&2; exit 1; }
say "health check passes; runs as uid $uid; listens on 0.0.0.0:4566"

python3 - "$endpoint" <<'EOF'
import sys
import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

endpoint = sys.argv[1]
def client(service, **retries):
    return boto3.client(service, endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="123456789012",
                        aws_secret_access_key="secret", config=Config(retries=retries or None))

ddb = client("dynamodb")
ddb.create_table(TableName="smoke", KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                 AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}], BillingMode="PAY_PER_REQUEST")
ddb.put_item(TableName="smoke", Item={"pk": {"S": "a"}, "n": {"N": "1"}})
assert ddb.get_item(TableName="smoke", Key={"pk": {"S": "a"}})["Item"] == {"pk": {"S": "a"}, "n": {"N": "1"}}

ssm = client("ssm")
ssm.put_parameter(Name="/smoke/p", Value="v", Type="String")
assert ssm.get_parameter(Name="/smoke/p")["Parameter"]["Value"] == "v"

# The bucket holds one DescribeParameters; the second call is throttled on both of its attempts. boto3's
# standard mode retries only errors it classifies as transient or throttling, so one retry proves it.
throttled = client("ssm", mode="standard", total_max_attempts=2)
throttled.describe_parameters()
try:
    throttled.describe_parameters()
    sys.exit("the second DescribeParameters was not throttled")
except ClientError as e:
    assert e.response["Error"]["Code"] == "ThrottlingException", e.response["Error"]
    assert e.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert e.response["ResponseMetadata"]["RetryAttempts"] == 1, e.response["ResponseMetadata"]
print("boto3: DynamoDB table and item, SSM parameter, ThrottlingException retried as throttling")
EOF
say "boto3 checks pass"

stop_start=$(date +%s.%N)
pm stop -t 10 "$container" 2> >(grep -v 'systemd connection' >&2) >/dev/null
stop_seconds=$(python3 -c "import time; print(round(time.time() - $stop_start, 2))")
code=$(pm inspect --format '{{.State.ExitCode}}' "$container")
[ "$code" = 0 ] || { echo "exit code after SIGTERM: $code" >&2; pm logs "$container" >&2; exit 1; }
python3 -c "import sys; sys.exit(0 if $stop_seconds < 5 else 1)" \
  || { echo "SIGTERM took ${stop_seconds}s (limit 5 s)" >&2; exit 1; }
say "SIGTERM: exit code 0 after ${stop_seconds}s"
say "docker smoke test passed (image $image, $(( size / 1000000 )) MB)"
