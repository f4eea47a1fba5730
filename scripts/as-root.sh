# Sourced by the entry scripts (run-demo.sh, scripts/test.sh, docker-unikernel, bench/*.sh), which
# need root: they install packages, start dockerd, and plumb guest networks with netlink and mknod.
# As another user the script runs itself again through sudo when sudo is installed; otherwise it
# says how to become root. A fresh Debian machine has no sudo, and its user is often root already.
#   as_root WHY "$0" "$@"
as_root() {
    local why=$1 script
    shift
    [ "${EUID:-$(id -u)}" -eq 0 ] && return 0
    script=$(readlink -f "$1")
    shift
    if command -v sudo >/dev/null 2>&1; then
        exec sudo -- "$script" "$@"
    fi
    echo "$(basename "$script"): needs root ($why), and sudo is not installed: run it as root," \
        "e.g. su -c '$script${*:+ $*}'" >&2
    exit 1
}
