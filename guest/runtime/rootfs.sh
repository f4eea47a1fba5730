#!/bin/bash
# Assembles the runtime base of every unikernel image in DIR from this host's Debian packages
# (qemu-system-x86, busybox-static, seabios): QEMU with the libraries it links, the TCG
# accelerator module, the firmware a PVH `-kernel` boot loads, busybox for the runner, and the
# runner itself with its KVM probe. Prints the list of host files it copied (for the caller's content hash);
# with --list instead of DIR it only prints that list, so an unchanged image costs no copy.
set -euo pipefail
DIR=${1:?usage: rootfs.sh DIR|--list}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
QEMU=/usr/bin/qemu-system-x86_64
QEMU_MODDIR=/usr/lib/x86_64-linux-gnu/qemu
BUSYBOX=/bin/busybox
FIRMWARE="qboot.rom bios-256k.bin linuxboot_dma.bin pvh.bin kvmvapic.bin"

die() { echo "runtime: $*" >&2; exit 1; }
[ -x "$QEMU" ] || die "$QEMU missing: apt-get install qemu-system-x86"
[ -f "$QEMU_MODDIR/accel-tcg-x86_64.so" ] || die "$QEMU_MODDIR/accel-tcg-x86_64.so missing: qemu-system-x86 is incomplete"
"$BUSYBOX" --list | grep -qx timeout || die "$BUSYBOX is not busybox-static: apt-get install busybox-static"

firmware_path() {
    local d
    for d in /usr/share/qemu /usr/share/seabios; do
        [ -e "$d/$1" ] && { readlink -f "$d/$1"; return; }
    done
    die "firmware $1 not found in /usr/share/qemu or /usr/share/seabios (apt-get install seabios qemu-system-data)"
}

files=("$QEMU" "$QEMU_MODDIR/accel-tcg-x86_64.so")
while read -r lib; do files+=("$lib"); done < <(ldd "${files[@]}" \
    | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// && $1 !~ /:$/ { print $1 }' | sort -u)
if [ "$DIR" = --list ]; then
    for fw in $FIRMWARE; do files+=("$(firmware_path "$fw")"); done
    printf '%s\n' "${files[@]}" "$BUSYBOX" "$HERE/runner" "$HERE/kvm-probe" "$HERE/rootfs.sh"
    exit 0
fi
mkdir -p "$DIR/bin" "$DIR/usr/share/qemu" "$DIR/etc" "$DIR/dev" "$DIR/proc" "$DIR/sys" "$DIR/tmp" "$DIR/run"
for f in "${files[@]}"; do
    mkdir -p "$DIR$(dirname "$f")"
    cp -L "$f" "$DIR$f"
done
for fw in $FIRMWARE; do
    f=$(firmware_path "$fw")
    cp -L "$f" "$DIR/usr/share/qemu/$fw"
    files+=("$f")
done
cp "$BUSYBOX" "$DIR/bin/busybox"
for applet in $("$BUSYBOX" --list); do
    [ "$applet" = busybox ] || ln -sf busybox "$DIR/bin/$applet"
done
# Without a cache the loader would look for libraries only in its built-in directories.
: > "$DIR/etc/ld.so.conf"
ldconfig -r "$DIR"
install -m 0755 "$HERE/runner" "$DIR/runner"
install -m 0755 "$HERE/kvm-probe" "$DIR/kvm-probe"
printf '%s\n' "${files[@]}" "$BUSYBOX" "$HERE/runner" "$HERE/kvm-probe" "$HERE/rootfs.sh"
