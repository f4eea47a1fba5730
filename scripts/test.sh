#!/usr/bin/env bash
# The whole test suite, on the real thing: prepares the machine (packages, dockerd), runs the
# unit tests and the integration tests that need root, the kernel, Docker and QEMU, then
# rehearses the whole demo headless against the real images.
set -euo pipefail
. "$(dirname "$(readlink -f "$0")")/as-root.sh"
as_root "the tests install packages, start dockerd, and run guests in containers" "$0" "$@"
cd "$(dirname "$(readlink -f "$0")")/.."
./scripts/prepare-host.sh
# The demo keeps MySQL's rows and the blog's posts on named volumes (that is the point of them);
# the ones this run creates go again at its end, a user's own are left as they were.
demo_volumes=(mysqldata blogdata)
ours=()
for v in "${demo_volumes[@]}"; do docker volume inspect "$v" >/dev/null 2>&1 || ours+=("$v"); done
remove_ours() { [ ${#ours[@]} -eq 0 ] || docker volume rm -f "${ours[@]}" >/dev/null 2>&1 || true; }
trap remove_ours EXIT
mvn -B verify "$@"
./run-demo.sh --rehearse scenes/dockercon-eu-2015.yaml
