#!/usr/bin/env bash
# The whole test suite, on the real thing: prepares the machine (packages, dockerd), runs the
# unit tests and the integration tests that need root, the kernel, Docker and QEMU, then
# rehearses the whole demo headless against the real images.
set -euo pipefail
. "$(dirname "$(readlink -f "$0")")/as-root.sh"
as_root "the tests install packages, start dockerd, and run guests in containers" "$0" "$@"
cd "$(dirname "$(readlink -f "$0")")/.."
./scripts/prepare-host.sh
mvn -B verify "$@"
./run-demo.sh --rehearse scenes/dockercon-eu-2015.yaml
