#!/usr/bin/env bash
# Builds the container image with docker or podman, then (with --smoke) starts it and waits for HEALTHCHECK's /healthz.
#   scripts/build-image.sh [--tag NAME:TAG] [--node 22|24] [--smoke]
# Needs a container engine that can pull node:<major>-bookworm-slim (Docker Hub) and reach the npm registry.
set -euo pipefail
cd "$(dirname "$0")/.."
tag="csp-support-desk:$(node -p "require('./package.json').version")"
node_major=22
smoke=false
while [ $# -gt 0 ]; do
  case "$1" in
    --tag) tag="$2"; shift 2 ;;
    --node) node_major="$2"; shift 2 ;;
    --smoke) smoke=true; shift ;;
    *) echo "usage: $0 [--tag NAME:TAG] [--node 22|24] [--smoke]" >&2; exit 2 ;;
  esac
done
engine=$(command -v docker || command -v podman || true)
[ -n "$engine" ] || { echo "no docker or podman on PATH" >&2; exit 1; }

"$engine" build --build-arg "NODE_IMAGE=node:${node_major}-bookworm-slim" -t "$tag" .
echo "built $tag with $(basename "$engine")"
$smoke || exit 0

# Smoke run: anonymous mode is loopback-only, so the check runs inside the container against 127.0.0.1 with SQLite allowed.
name="csp-desk-smoke-$$"
trap '"$engine" rm -f "$name" >/dev/null 2>&1 || true' EXIT
"$engine" run -d --name "$name" -e HOST=127.0.0.1 -e NODE_ENV=development "$tag" >/dev/null
for _ in $(seq 1 30); do
  if "$engine" exec "$name" node -e "fetch('http://127.0.0.1:3978/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"; then
    echo "smoke: /healthz answers 200 inside $tag"
    "$engine" stop -t 10 "$name" >/dev/null && echo "smoke: stopped on SIGTERM within 10 s"
    exit 0
  fi
  sleep 1
done
"$engine" logs "$name" >&2
echo "smoke: /healthz never answered" >&2
exit 1
