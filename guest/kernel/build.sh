#!/bin/bash
# Builds the unikernel guest kernel (uncompressed ELF vmlinux, PVH-bootable) from
# Debian's linux-source-6.1, configured as `make tinyconfig` + unikernel.config.
#
#   guest/kernel/build.sh            -> last line of stdout: absolute path of vmlinux
#
# Cached in ${UNIKERNEL_CACHE:-/var/cache/docker-unikernel}/kernel/<key>/vmlinux, where
# <key> hashes the fragment, the source package version and this recipe's version; a
# second run with nothing changed prints the cached path at once. Progress and errors go
# to stderr, the full make output to <key>/build.log. KEEP_SOURCE=1 keeps the source
# tree (otherwise removed after a successful build). Installs its Debian build
# dependencies when missing (needs root then). Safe to run concurrently (flock).
set -euo pipefail

RECIPE=1   # bump when the build steps below change in a way that changes the output
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
FRAGMENT=$HERE/unikernel.config
CACHE=${UNIKERNEL_CACHE:-/var/cache/docker-unikernel}
SRC_PKG=linux-source-6.1
SRC_TAR=/usr/src/linux-source-6.1.tar.xz
DEPS=(linux-source-6.1 build-essential bc bison flex libelf-dev libssl-dev cpio xz-utils kmod python3)

log() { echo "kernel: $*" >&2; }
die() { echo "kernel: ERROR: $*" >&2; exit 1; }

pkg_version() { dpkg-query -W -f='${db:Status-Abbrev}${Version}' "$1" 2>/dev/null | sed -n 's/^ii *//p'; }

install_deps() {
    local missing=() p
    for p in "${DEPS[@]}"; do
        [[ -n "$(pkg_version "$p")" ]] || missing+=("$p")
    done
    ((${#missing[@]} == 0)) && return 0
    log "installing build dependencies: ${missing[*]}"
    [[ $EUID -eq 0 ]] || die "missing packages ${missing[*]} and not root to install them"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq "${missing[@]}" >&2 \
        || { apt-get update -qq >&2 && apt-get install -y -qq "${missing[@]}" >&2; } \
        || die "apt-get install ${missing[*]} failed"
}

cache_key() {
    { echo "recipe=$RECIPE"; echo "source=$SRC_PKG $(pkg_version "$SRC_PKG")"; cat "$FRAGMENT"; } \
        | sha256sum | cut -c1-16
}

[[ -f $FRAGMENT ]] || die "config fragment $FRAGMENT not found"

# Fast path: nothing to do when this exact kernel is already built.
if [[ -n "$(pkg_version "$SRC_PKG")" ]]; then
    DIR=$CACHE/kernel/$(cache_key)
    if [[ -s $DIR/vmlinux ]]; then
        log "cached"
        echo "$DIR/vmlinux"
        exit 0
    fi
fi

install_deps
[[ -f $SRC_TAR ]] || die "$SRC_TAR missing although $SRC_PKG is installed"
DIR=$CACHE/kernel/$(cache_key)
mkdir -p "$DIR"
exec 9>"$DIR/.lock"
flock 9
if [[ -s $DIR/vmlinux ]]; then           # built by a concurrent run meanwhile
    log "cached"
    echo "$DIR/vmlinux"
    exit 0
fi

START=$SECONDS
BUILD=$DIR/build
rm -rf "$BUILD"
mkdir -p "$BUILD"
log "extracting $SRC_TAR ($SRC_PKG $(pkg_version "$SRC_PKG"))"
tar -xf "$SRC_TAR" -C "$BUILD"
KSRC=$BUILD/linux-source-6.1
[[ -d $KSRC ]] || die "unexpected layout of $SRC_TAR (no linux-source-6.1/)"
LOG=$DIR/build.log
: >"$LOG"

run_make() { make -C "$KSRC" "$@" >>"$LOG" 2>&1 || { tail -n 40 "$LOG" >&2; die "make $* failed (full log: $LOG)"; }; }

log "configuring"
run_make tinyconfig
(cd "$KSRC" && ./scripts/kconfig/merge_config.sh -m .config "$FRAGMENT") >>"$LOG" 2>&1 \
    || { tail -n 40 "$LOG" >&2; die "merge_config.sh failed (full log: $LOG)"; }
run_make olddefconfig
# Every option the fragment asks for must have survived olddefconfig (a dependency we
# forgot would silently drop it).
lost=()
while IFS= read -r line; do
    if [[ $line =~ ^CONFIG_[A-Za-z0-9_]+= ]]; then
        grep -qxF -- "$line" "$KSRC/.config" || lost+=("$line")
    elif [[ $line =~ ^#\ (CONFIG_[A-Za-z0-9_]+)\ is\ not\ set ]]; then
        ! grep -q "^${BASH_REMATCH[1]}=" "$KSRC/.config" || lost+=("$line (selected by another option)")
    fi
done <"$FRAGMENT"
((${#lost[@]} == 0)) || die "options dropped by olddefconfig (unmet dependencies?): ${lost[*]}"
cp "$KSRC/.config" "$DIR/config"

log "compiling (this takes about 4 minutes on 2 cores)"
run_make -j"$(nproc)" vmlinux
[[ -s $KSRC/vmlinux ]] || die "make finished but $KSRC/vmlinux is missing"
cp "$KSRC/vmlinux" "$DIR/vmlinux.tmp"
mv -f "$DIR/vmlinux.tmp" "$DIR/vmlinux"
[[ ${KEEP_SOURCE:-0} == 1 ]] || rm -rf "$BUILD"
log "built in $((SECONDS - START)) s, $(stat -c %s "$DIR/vmlinux") bytes"
echo "$DIR/vmlinux"
