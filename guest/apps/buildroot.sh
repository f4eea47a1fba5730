#!/bin/bash
# buildroot.sh [PACKAGE...]
#
# Makes (once) and updates the Debian bookworm build root from which the unikernel
# payloads are taken: debootstrap --variant=minbase into $UNIKERNEL_CACHE/buildroot,
# then `apt-get install --no-install-recommends` of the packages inside it, with
# services kept from starting (policy-rc.d exits 101). Nothing is installed or
# started on the host except debootstrap itself when missing.
#
# Without arguments only the base build root is made. A rerun with a package set already
# installed does nothing (about a second). Prints the build root's path on stdout; progress on stderr.
#
# Environment: UNIKERNEL_CACHE (default /var/cache/docker-unikernel),
#              UNIKERNEL_MIRROR (default http://deb.debian.org/debian),
#              UNIKERNEL_SUITE  (default bookworm).
set -euo pipefail

CACHE=${UNIKERNEL_CACHE:-/var/cache/docker-unikernel}
ROOT=$CACHE/buildroot
MIRROR=${UNIKERNEL_MIRROR:-http://deb.debian.org/debian}
SUITE=${UNIKERNEL_SUITE:-bookworm}

log() { printf 'buildroot: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

[ "$(id -u)" = 0 ] || die "must run as root (debootstrap, chroot)"

host_install() { # host_install COMMAND PACKAGE: install a host tool when missing
    command -v "$1" >/dev/null 2>&1 && return 0
    log "installing $2 on the host"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$2" >&2 \
        || { apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$2" >&2; }
}

PKGS=$( [ $# -eq 0 ] || printf '%s\n' "$@" | sort -u)

mkdir -p "$CACHE"
exec 9>"$CACHE/buildroot.lock"
flock 9   # one builder at a time; a second caller waits and then finds the work done

STAMP=$ROOT/.unikernel-packages
# Fast path: every wanted package was installed by an earlier run.
if [ -f "$ROOT/.debootstrap-done" ] && [ -f "$STAMP" ] \
   && { [ -z "$PKGS" ] || [ -z "$(comm -23 <(printf '%s\n' "$PKGS") <(sort -u "$STAMP"))" ]; }; then
    log "up to date ($(tr '\n' ' ' <<<"$PKGS"))"
    echo "$ROOT"; exit 0
fi

in_root() { # run a command chrooted in the build root, with /proc, in a private mount namespace
    unshare --mount --propagation private -- /bin/sh -c '
        root=$1; shift
        mount -t proc proc "$root/proc"
        mount -t tmpfs tmpfs "$root/run" 2>/dev/null || true
        exec chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
            LC_ALL=C DEBIAN_FRONTEND=noninteractive HOME=/root "$@"' sh "$ROOT" "$@"
}

t0=$(date +%s)
if [ ! -f "$ROOT/.debootstrap-done" ]; then
    host_install debootstrap debootstrap
    rm -rf "$ROOT"
    log "debootstrap --variant=minbase $SUITE into $ROOT (a few minutes)"
    debootstrap --variant=minbase "$SUITE" "$ROOT" "$MIRROR" >&2 \
        || die "debootstrap failed (see $ROOT/debootstrap/debootstrap.log)"
    # Services must never start in the build root.
    printf '#!/bin/sh\nexit 101\n' > "$ROOT/usr/sbin/policy-rc.d"
    chmod 755 "$ROOT/usr/sbin/policy-rc.d"
    # Same archive as the host, with the security and updates suites.
    case $SUITE in
        bookworm|trixie)
            cat > "$ROOT/etc/apt/sources.list" <<SRC
deb $MIRROR $SUITE main
deb $MIRROR $SUITE-updates main
deb ${MIRROR%/debian}/debian-security $SUITE-security main
SRC
            ;;
    esac
    # No documentation or translations: smaller build root, faster installs.
    cat > "$ROOT/etc/dpkg/dpkg.cfg.d/01-unikernel-nodoc" <<'CFG'
path-exclude /usr/share/doc/*
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
path-include /usr/share/locale/locale.alias
CFG
    : > "$STAMP"
    touch "$ROOT/.debootstrap-done"
    log "debootstrap done in $(( $(date +%s) - t0 )) s"
fi

cp -L /etc/resolv.conf "$ROOT/etc/resolv.conf" 2>/dev/null || true
grep -qw localhost "$ROOT/etc/hosts" 2>/dev/null || printf '127.0.0.1\tlocalhost\n::1\tlocalhost\n' >> "$ROOT/etc/hosts"
printf '#!/bin/sh\nexit 101\n' > "$ROOT/usr/sbin/policy-rc.d"; chmod 755 "$ROOT/usr/sbin/policy-rc.d"

[ -n "$PKGS" ] || { echo "$ROOT"; exit 0; }
log "apt-get install --no-install-recommends $(tr '\n' ' ' <<<"$PKGS")"
in_root apt-get update -q >&2
# shellcheck disable=SC2046
in_root apt-get install -y -q --no-install-recommends -o Dpkg::Options::=--force-confold \
    $(printf '%s ' $PKGS) >&2
in_root apt-get clean >&2
sort -u "$STAMP" <(printf '%s\n' "$PKGS") > "$STAMP.new" && mv "$STAMP.new" "$STAMP"
log "done in $(( $(date +%s) - t0 )) s; $(du -sh --apparent-size "$ROOT" | cut -f1) in $ROOT"
echo "$ROOT"
