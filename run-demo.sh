#!/usr/bin/env bash
# The presenter's one command: prepares this machine (packages, dockerd), builds the jar when the
# sources changed, then starts the demo. Until the console exists it shows the CLI's help.
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
"$here/scripts/prepare-host.sh"
exec "$here/docker-unikernel" --help "$@"
