#!/usr/bin/env bash
# Builds the demo image (podarmor-demo/app:0.1 by default) from app.c and the Dockerfile beside this script.
# --no-cache: the image is created now, so CIS 4.4 (rebuilt within 90 days) holds on a machine with old layers.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
tag="${1:-podarmor-demo/app:0.1}"
docker_cli="$(command -v /usr/bin/docker || command -v docker)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$here/Dockerfile" "$work/"
gcc -static -Os -s -o "$work/app" "$here/app.c"
DOCKER_BUILDKIT=0 "$docker_cli" build -q --no-cache -t "$tag" "$work" >/dev/null
echo "built $tag"
