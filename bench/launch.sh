#!/usr/bin/env bash
# Launch benchmark: N launches of the test unikernel image through the Java API and the CLI,
# against plain `docker run -d` of the same image, measured in the same run. Run as root (or it runs itself through sudo).
set -euo pipefail
. "$(dirname "$(readlink -f "$0")")/../scripts/as-root.sh"
as_root "it runs guests in containers and plumbs their networks" "$0" "$@"
cd "$(dirname "$(readlink -f "$0")")/.."
n=${1:-10}
./scripts/prepare-host.sh
bash testimage/build.sh >/dev/null
./scripts/build-jar.sh
java -cp target/docker-unikernel.jar io.unikernel.demo.bench.LaunchBenchmark unikernel-test/httpd "$n" "$PWD/docker-unikernel"
