#!/usr/bin/env bash
# The whole test suite, on the real thing: prepares the machine (packages, dockerd), then runs
# unit tests and the integration tests that need root, the kernel, Docker and QEMU.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/prepare-host.sh
mvn -B verify "$@"
