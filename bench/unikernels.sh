#!/usr/bin/env bash
# Unikernel benchmark under this machine's accelerator: run -> first answer (HTTP 200, SQL row,
# FastCGI page), QEMU's peak RSS, idle guest CPU over 10 s, requests/s with 8 keep-alive clients
# (httpd, nginx); run -> first answer for nginx, mysql and the php pair with /dev/kvm present and
# with it hidden from the launcher (UNIKERNEL_KVM=off), in the same run; then DENSITY nginx guests
# at once (default 32) and HTTPD_DENSITY httpd guests (default 100; 0 skips either) with the host
# memory they take. Builds the images first if needed. Run as root (or it runs itself
# through sudo): bench/unikernels.sh [DENSITY [HTTPD_DENSITY]]
set -euo pipefail
. "$(dirname "$(readlink -f "$0")")/../scripts/as-root.sh"
as_root "it runs guests in containers and plumbs their networks" "$0" "$@"
cd "$(dirname "$(readlink -f "$0")")/.."
./scripts/prepare-host.sh
./scripts/build-jar.sh
./docker-unikernel build --all >/dev/null
./docker-unikernel build --kernel debian nginx >/dev/null
java -cp target/docker-unikernel.jar io.unikernel.demo.bench.UnikernelBenchmark "${1:-32}" "${2:-100}"
