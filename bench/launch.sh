#!/usr/bin/env bash
# Launch benchmark: N launches of the test unikernel image through the Java API, the CLI (through
# the resident helper, and in a JVM of its own) and `docker run --runtime unikernel` (our OCI
# runtime), against plain `docker run -d` of the same image, measured in the same run; then, for
# unikernel/httpd and unikernel/nginx where built, the time from each way's start to the guest's
# first HTTP 200. Registers the runtime for the run if dockerd lacks it, and removes it again
# afterwards; (re)starts the resident helper either way, and stops it again if it was not running. Run as root (or it runs itself through sudo).
set -euo pipefail
. "$(dirname "$(readlink -f "$0")")/../scripts/as-root.sh"
as_root "it runs guests in containers and plumbs their networks" "$0" "$@"
cd "$(dirname "$(readlink -f "$0")")/.."
n=${1:-10}
./scripts/prepare-host.sh
bash testimage/build.sh >/dev/null
./scripts/build-jar.sh
# install also (re)starts the resident helper from the jar just built.
undo=()
docker info --format '{{json .Runtimes}}' | grep -q '"unikernel"' || undo+=('./docker-unikernel runtime uninstall >&2')
./docker-unikernel helper status >/dev/null || undo+=('./docker-unikernel helper stop >&2')
undo_all() { for step in "${undo[@]}"; do eval "$step"; done; }
trap undo_all EXIT
./docker-unikernel runtime install >&2
http=()
for image in unikernel/httpd unikernel/nginx; do
  docker image inspect "$image" >/dev/null 2>&1 && http+=("$image")
done
java -cp target/docker-unikernel.jar io.unikernel.demo.bench.LaunchBenchmark unikernel-test/httpd "$n" "$PWD/docker-unikernel" "${http[@]}"
