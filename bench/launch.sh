#!/usr/bin/env bash
# Launch benchmark: N launches of the test unikernel image through the Java API, the CLI and
# `docker run --runtime unikernel` (our OCI runtime), against plain `docker run -d` of the same
# image, measured in the same run; then, with unikernel/nginx built, the time from each way's
# start to the guest's first HTTP 200. Registers the runtime for the run if dockerd lacks it,
# and removes it again afterwards; starts the runtime helper either way. Run as root (or it runs itself through sudo).
set -euo pipefail
. "$(dirname "$(readlink -f "$0")")/../scripts/as-root.sh"
as_root "it runs guests in containers and plumbs their networks" "$0" "$@"
cd "$(dirname "$(readlink -f "$0")")/.."
n=${1:-10}
./scripts/prepare-host.sh
bash testimage/build.sh >/dev/null
./scripts/build-jar.sh
# install also (re)starts the runtime helper from the jar just built.
if ! docker info --format '{{json .Runtimes}}' | grep -q '"unikernel"'; then
  trap './docker-unikernel runtime uninstall >&2' EXIT
fi
./docker-unikernel runtime install >&2
http=()
docker image inspect unikernel/nginx >/dev/null 2>&1 && http=(unikernel/nginx)
java -cp target/docker-unikernel.jar io.unikernel.demo.bench.LaunchBenchmark unikernel-test/httpd "$n" "$PWD/docker-unikernel" "${http[@]}"
