#!/bin/bash
# build.sh [APP] -> last line of stdout: the stripped PVH ELF of unikernel APP (default httpd)
#
# Compiles the library OS, the application and lwIP (fetch-lwip.sh) with the host's gcc
# against musl (musl-dev). Cached in ${UNIKERNEL_CACHE:-/var/cache/docker-unikernel}/unikernel/<key>/,
# the key hashing every source file here, guest/init's parser, the lwIP version and the
# compiler and musl versions: nothing changed builds nothing. Progress on stderr.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
APP=${1:-httpd}
CACHE=${UNIKERNEL_CACHE:-/var/cache/docker-unikernel}

log() { echo "unikernel $APP: $*" >&2; }
die() { echo "unikernel $APP: ERROR: $*" >&2; exit 1; }

[ -d "$HERE/apps/$APP" ] || die "no application $HERE/apps/$APP"
for t in gcc:build-essential make:build-essential ld:binutils; do
    command -v "${t%%:*}" >/dev/null || die "${t%%:*} missing: install ${t#*:}"
done
if [ ! -f /usr/lib/x86_64-linux-musl/libc.a ]; then
    [ "$(id -u)" = 0 ] || die "musl-dev missing and not root to install it"
    log "installing musl-dev"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends musl-dev >&2 \
        || die "apt-get install musl-dev failed"
fi
LWIP=$("$HERE/fetch-lwip.sh" | tail -n 1)

KEY=$( { (cd "$HERE" && find . -path ./tests -prune -o -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum);
         sha256sum "$HERE/../init/config.c" "$HERE/../init/config.h";
         echo "lwip ${LWIP##*/lwip/}"; gcc --version | head -n 1; ld --version | head -n 1;
         dpkg-query -W -f='${Version}' musl-dev 2>/dev/null; } | sha256sum | cut -c1-16)
DIR=$CACHE/unikernel/$KEY
if [ -s "$DIR/$APP.elf" ]; then
    log "cached"
    echo "$DIR/$APP.elf"
    exit 0
fi
mkdir -p "$DIR"
exec 9>"$DIR/.lock"
flock 9
if [ -s "$DIR/$APP.elf" ]; then echo "$DIR/$APP.elf"; exit 0; fi
START=$SECONDS
BUILD=$DIR/build
rm -rf "$BUILD"
make -C "$HERE" -j"$(nproc)" LWIP_DIR="$LWIP" OUT="$BUILD" APP="$APP" >"$DIR/build.log" 2>&1 \
    || { tail -n 30 "$DIR/build.log" >&2; die "make failed (full log: $DIR/build.log)"; }
mv "$BUILD/$APP.elf" "$DIR/$APP.elf"
rm -rf "$BUILD"
log "built in $((SECONDS - START)) s: $(stat -c %s "$DIR/$APP.elf") bytes"
echo "$DIR/$APP.elf"
