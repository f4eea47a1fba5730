#!/bin/bash
# Builds the test unikernel image unikernel-test/httpd from this host's own files:
# no registry, no debootstrap. A rerun with unchanged inputs only compares one label.
# The container is every unikernel image's runtime base with its runner (guest/runtime/runner);
# only the payload is small: Debian's kernel and a busybox guest serving one page.
set -euo pipefail

NAME=unikernel-test/httpd:latest
LABEL=io.unikernel.test.inputs
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BUSYBOX=/bin/busybox
# QEMU, its libraries and firmware, busybox and the runner: the same base as every unikernel image.
ROOTFS=$HERE/../guest/runtime/rootfs.sh
# Debian's kernel as an ELF with its virtio modules in load order: the unikernels' fallback kernel.
DEBIAN_KERNEL_TOOL=$HERE/../guest/kernel/debian.sh
# The guest's memory (busybox and Debian's modules need little), and the Linux unikernels'
# translation cache size.
MEMORY_MB=128
TB_SIZE_MB=64

die() { echo "testimage: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "must run as root (device nodes in the initramfs, docker)"
# Several test JVMs may ask at once; the second must find the first one's image.
exec 9> /run/lock/unikernel-testimage.lock
flock 9
"$BUSYBOX" --list | grep -x httpd >/dev/null || die "$BUSYBOX is not busybox-static: apt-get install busybox-static"
docker info >/dev/null 2>&1 || die "docker daemon not reachable (start dockerd)"

VMLINUX=$(DEBIAN_KERNEL=${TESTIMAGE_KERNEL:-} "$DEBIAN_KERNEL_TOOL" | tail -n 1)
KMODS=$(dirname "$VMLINUX")/modules/usr/lib/modules
KVER=$(basename "$(dirname "$VMLINUX")"); KVER=${KVER%-r*}

mapfile -t base_files < <("$ROOTFS" --list)

HASH=$( {
    sha256sum "$HERE/build.sh" "$HERE/guest-init" "$DEBIAN_KERNEL_TOOL" "$VMLINUX" \
        "${base_files[@]}" "$KMODS"/*
    echo "$KVER"
} | sha256sum | cut -c1-32)

if [ "$(docker image inspect -f "{{index .Config.Labels \"$LABEL\"}}" "$NAME" 2>/dev/null)" = "$HASH" ]; then
    echo "testimage: $NAME is up to date ($HASH)"
    exit 0
fi

echo "testimage: building $NAME from kernel $KVER, $(qemu-system-x86_64 --version | sed -n 1p)"
WORK=$(mktemp -d /var/tmp/unikernel-testimage.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
ROOT=$WORK/rootfs
INIT=$WORK/initramfs

install_busybox() {
    mkdir -p "$1/bin"
    cp "$BUSYBOX" "$1/bin/busybox"
    local a
    for a in $("$BUSYBOX" --list); do
        [ "$a" = busybox ] || ln -sf busybox "$1/bin/$a"
    done
}

# --- the container: the shared base with the runner, and the guest in the runner's layout ---
"$ROOTFS" "$ROOT" >/dev/null
G=$ROOT/unikernel
mkdir -p "$G"
printf 'MEMORY_MB=%s\nTB_SIZE_MB=%s\n' "$MEMORY_MB" "$TB_SIZE_MB" > "$G/env"
# The runner hands the guest these with its network; guest-init reads only the network and
# runs this one program itself.
printf '%s\n' '{"env":[],"rc":[{"bin":"/bin/httpd","argv":["-f","-p","80","-h","/www"]}]}' > "$G/guest.json"

# --- the guest kernel: the ELF inside the bzImage, so TCG need not decompress it ---
cp "$VMLINUX" "$G/vmlinux"

# --- the guest initramfs: busybox, the init script, the virtio modules ---
install_busybox "$INIT"
install -m 0755 "$HERE/guest-init" "$INIT/init"
mkdir -p "$INIT/dev" "$INIT/proc" "$INIT/sys" "$INIT/etc" "$INIT/lib/modules"
# The kernel opens /dev/console for init before init can mount devtmpfs.
mknod -m 600 "$INIT/dev/console" c 5 1
cp "$KMODS"/*.ko "$INIT/lib/modules/"
cp "$KMODS/load" "$INIT/etc/modules-order"
# Uncompressed: under TCG unpacking gzip costs more than loading the extra bytes.
(cd "$INIT" && find . | LC_ALL=C sort | "$BUSYBOX" cpio -o -H newc 2>/dev/null) > "$G/initrd.cpio"

old=$(docker image inspect -f '{{.Id}}' "$NAME" 2>/dev/null || true)
tar -C "$ROOT" --numeric-owner -c . | docker import \
    --change 'ENTRYPOINT ["/runner"]' \
    --change "LABEL $LABEL=$HASH" \
    --change "LABEL io.unikernel.test.kernel=$KVER" \
    - "$NAME" >/dev/null
# The replaced image is now dangling; a container still using it keeps it alive.
[ -n "$old" ] && docker rmi "$old" >/dev/null 2>&1 || true
echo "testimage: built $NAME ($HASH), $(docker image inspect -f '{{.Size}}' "$NAME" | awk '{ printf "%.0f MB", $1 / 1e6 }')"
