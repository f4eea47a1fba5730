#!/bin/bash
# fetch-lwip.sh -> last line of stdout: the lwIP source tree (Debian's source package, patches applied)
#
# lwIP comes from Debian's source package, fetched with `apt-get source lwip` inside our Debian
# build root (guest/apps/buildroot.sh), which has no deb-src line by default: this script adds
# one there (never on the host). Debian ships no static liblwip, and its liblwip.so is the
# GNU/Hurd port (threads, malloc): we compile the source with our own lwipopts.h instead.
#
# Cached in ${UNIKERNEL_CACHE:-/var/cache/docker-unikernel}/lwip/<version>/; a second run
# prints the cached tree at once. Progress on stderr.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CACHE=${UNIKERNEL_CACHE:-/var/cache/docker-unikernel}
MIRROR=${UNIKERNEL_MIRROR:-http://deb.debian.org/debian}
SUITE=${UNIKERNEL_SUITE:-bookworm}

log() { echo "lwip: $*" >&2; }
die() { echo "lwip: ERROR: $*" >&2; exit 1; }

tree_in() { # the unpacked source tree in a version directory, if complete
    local d
    for d in "$1"/lwip-*/; do
        [ -f "$d/src/core/tcp.c" ] && [ -f "$1/.done" ] && { echo "${d%/}"; return 0; }
    done
    return 1
}

# Fast path: any fetched version (the build root is not consulted, so no network is needed).
for v in "$CACHE"/lwip/*/; do
    [ -d "$v" ] && tree_in "${v%/}" && { log "cached"; exit 0; }
done

[ "$(id -u)" = 0 ] || die "must run as root (the build root is a chroot)"
# dpkg-dev: apt-get source unpacks with dpkg-source and applies Debian's patches.
ROOT=$("$HERE/../apps/buildroot.sh" dpkg-dev | tail -n 1)
[ -d "$ROOT" ] || die "no build root"

exec 9>"$CACHE/buildroot.lock"
flock 9   # the build root's apt state is shared with buildroot.sh
echo "deb-src $MIRROR $SUITE main" > "$ROOT/etc/apt/sources.list.d/unikernel-deb-src.list"
in_root() {
    unshare --mount --propagation private -- /bin/sh -c '
        root=$1; shift
        mount -t proc proc "$root/proc"
        exec chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LC_ALL=C HOME=/root "$@"' \
        sh "$ROOT" "$@"
}
log "apt-get update (with deb-src) in the build root"
in_root apt-get update -q >&2 || die "apt-get update failed in $ROOT"
VERSION=$(in_root apt-cache showsrc lwip | awk '/^Version:/ { print $2; exit }')
[ -n "$VERSION" ] || die "no source package lwip in $SUITE"
DIR=$CACHE/lwip/$VERSION
if tree_in "$DIR"; then exit 0; fi
WORK=/tmp/unikernel-lwip
rm -rf "$ROOT$WORK"
mkdir -p "$ROOT$WORK"
log "apt-get source lwip=$VERSION"
in_root sh -c "cd $WORK && apt-get source -q lwip=$VERSION" >&2 || die "apt-get source lwip failed"
rm -rf "$DIR"
mkdir -p "$DIR"
cp -a "$ROOT$WORK"/. "$DIR/"
rm -rf "$ROOT$WORK"
touch "$DIR/.done"
tree_in "$DIR" || die "unexpected layout of the lwip source package in $DIR"
