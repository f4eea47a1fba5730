#!/usr/bin/env bash
# The presenter's one command: prepares this machine (JDK, Maven, Docker, QEMU and the build
# tools; starts dockerd), builds the jar when the sources changed, then opens the demo console.
# As root, or as a user who has sudo (it runs itself through sudo then):
#   ./run-demo.sh                         the console on scenes/dockercon-eu-2015.yaml
#   ./run-demo.sh --rehearse [FILE]       every scene headless, with a pass/fail report
#   ./run-demo.sh --record demo.cast      the console, recorded for asciinema play
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
for arg in "$@"; do
  if [ "$arg" = --help ] || [ "$arg" = -h ]; then
    if command -v java >/dev/null 2>&1 && command -v mvn >/dev/null 2>&1; then
      exec "$here/docker-unikernel" demo --help
    fi
    sed -n '2,7s/^# \{0,1\}//p' "$0"
    exit 0
  fi
done
. "$here/scripts/as-root.sh"
as_root "it installs packages, starts dockerd and plumbs guest networks" "$0" "$@"
"$here/scripts/prepare-host.sh"
# The wrapper waits for the console: whatever way it ends, even by SIGKILL, the terminal gets its settings back.
exec "$here/scripts/with-terminal-restored.sh" "$here/docker-unikernel" demo "$@"
