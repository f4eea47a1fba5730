#!/usr/bin/env bash
# Console benchmark: the demo console on the real backend, drawing on a 200x60 virtual terminal.
# A guest console of 100,000 lines streamed into the console pane (lines/s rendered, frames),
# key -> screen latency while it streams (target < 50 ms), and the console's CPU and heap idling
# with four guests running (targets < 2 % of a core, < 256 MiB). IMAGE is the guests' image
# (default unikernel/nginx). Builds the images first if needed. Run as root (or it runs itself through sudo).
set -euo pipefail
. "$(dirname "$(readlink -f "$0")")/../scripts/as-root.sh"
as_root "it runs guests in containers and plumbs their networks" "$0" "$@"
cd "$(dirname "$(readlink -f "$0")")/.."
image=${1:-unikernel/nginx}
./scripts/prepare-host.sh
./scripts/build-jar.sh
./docker-unikernel build nginx >/dev/null
# The demo console's own JVM settings (see ./docker-unikernel), with a heap bound to read the figures against.
java -XX:+UseSerialGC -Xmx256m -cp target/docker-unikernel.jar \
    io.unikernel.demo.bench.ConsoleBenchmark "$image"
