#!/usr/bin/env bash
# Unikernel benchmark under this machine's accelerator: run -> first answer (HTTP 200, SQL row,
# FastCGI page), QEMU's peak RSS, idle guest CPU over 10 s, then DENSITY nginx guests at once
# (default 32) with the host memory they take. Builds the images first if needed. Run as root (or it runs itself through sudo).
set -euo pipefail
. "$(dirname "$(readlink -f "$0")")/../scripts/as-root.sh"
as_root "it runs guests in containers and plumbs their networks" "$0" "$@"
cd "$(dirname "$(readlink -f "$0")")/.."
./scripts/prepare-host.sh
./scripts/build-jar.sh
./docker-unikernel build --all >/dev/null
./docker-unikernel build --kernel debian nginx >/dev/null
java -cp target/docker-unikernel.jar io.unikernel.demo.bench.UnikernelBenchmark "${1:-32}"
