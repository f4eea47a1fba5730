#!/usr/bin/env bash
# CLI start-up: the median wall time of N runs (default 5) of three commands that change nothing:
# `--help`, `ps`, and `run` of an image that does not exist (the checks, the native bindings and
# Docker's create call). The class-data archive is rebuilt first (scripts/build-jar.sh), and the
# JVM is started as ./docker-unikernel starts it. Run as root (or it runs itself through sudo).
set -euo pipefail
. "$(dirname "$(readlink -f "$0")")/../scripts/as-root.sh"
as_root "ps and run talk to dockerd" "$0" "$@"
cd "$(dirname "$(readlink -f "$0")")/.."
n=${1:-5}
rm -f target/docker-unikernel.jsa
./scripts/build-jar.sh
java=(java -XX:SharedArchiveFile=target/docker-unikernel.jsa -Xlog:cds=off -XX:TieredStopAtLevel=1 -XX:+UseSerialGC
  -Dunikernel.home="$PWD" -cp target/docker-unikernel.jar io.unikernel.demo.cli.Main)
median_ms() {
  local times=()
  for _ in $(seq "$n"); do
    local start end
    start=$(date +%s%N)
    "${java[@]}" "$@" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    times+=($(((end - start) / 1000000)))
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n "$(((n + 1) / 2))p"
}
printf '%-40s %6s ms\n' "--help" "$(median_ms --help)"
printf '%-40s %6s ms\n' "ps" "$(median_ms ps)"
printf '%-40s %6s ms\n' "run unikernel-training/not-an-image" "$(median_ms run unikernel-training/not-an-image)"
