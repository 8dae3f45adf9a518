#!/usr/bin/env bash
# Builds the legacy image (podarmor-demo/legacy:0.1 by default) from the Dockerfile beside this script.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
tag="${1:-podarmor-demo/legacy:0.1}"
docker_cli="$(command -v /usr/bin/docker || command -v docker)"
busybox="${BUSYBOX:-/bin/busybox}"
if [ ! -x "$busybox" ] || ! "$busybox" true 2>/dev/null; then
  echo "legacy/build.sh: needs a static busybox at $busybox (Debian: apt-get install busybox-static)" >&2
  exit 1
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$here/Dockerfile" "$here/passwd" "$work/"
cp "$busybox" "$work/busybox"
DOCKER_BUILDKIT=0 "$docker_cli" build -q -t "$tag" "$work" >/dev/null
echo "built $tag"
