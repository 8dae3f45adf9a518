#!/usr/bin/env bash
# Builds the demo image (podarmor-demo/app:0.1 by default) from app.c and the Dockerfile beside this script.
# --no-cache: the image is created now, so CIS 4.4 (rebuilt within 90 days) holds on a machine with old layers.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
tag="${1:-podarmor-demo/app:0.1}"
docker_cli="$(command -v /usr/bin/docker || command -v docker || true)"
if [ -z "$docker_cli" ]; then
  echo "The demo builds its image with the docker command, which is not installed (Debian: apt-get install docker.io)." >&2
  exit 1
fi
if ! "$docker_cli" info >/dev/null 2>&1; then
  echo "The demo needs a Docker engine, and none answers 'docker info' at ${DOCKER_HOST:-unix:///var/run/docker.sock}:" \
    "start one (sudo dockerd &, or Docker Desktop), then run the same command again." >&2
  exit 1
fi
command -v gcc >/dev/null 2>&1 || { echo "The demo compiles its app with gcc, which is not installed (Debian: apt-get install gcc libc6-dev)." >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$here/Dockerfile" "$work/"
gcc -static -Os -s -o "$work/app" "$here/app.c"
DOCKER_BUILDKIT=0 "$docker_cli" build -q --no-cache -t "$tag" "$work" >/dev/null
echo "built $tag"
