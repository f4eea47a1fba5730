#!/bin/bash
# Debian's generic kernel as the selectable fallback guest kernel: the ELF inside the newest
# /boot/vmlinuz-* (under TCG a compressed kernel spends seconds decompressing itself), and the
# modules the guests need, which Debian builds as modules (virtio PCI, net and blk, iso9660,
# pvpanic), in load order.
#
#   guest/kernel/debian.sh     -> last line of stdout: the path of vmlinux, the uncompressed
#                                 kernel (PVH entry); beside it:
#     modules/      the .ko files, decompressed, and `load`: their names in load order
#     modules.cpio  modules/ as usr/lib/modules/ for the initramfs (the init loads what `load`
#                   lists; not lib/: the applications' root file systems make /lib a link to usr/lib)
#
# Cached per kernel version in ${UNIKERNEL_CACHE:-/var/cache/docker-unikernel}/kernel-debian/.
set -euo pipefail

WANT="virtio_pci virtio_net virtio_blk isofs pvpanic_pci"
CACHE=${UNIKERNEL_CACHE:-/var/cache/docker-unikernel}
RECIPE=2   # bump when the steps below change what they produce
die() { echo "kernel-debian: ERROR: $*" >&2; exit 1; }

KERNEL=${DEBIAN_KERNEL:-$(ls /boot/vmlinuz-* 2>/dev/null | sort -V | tail -n 1)}
[ -f "$KERNEL" ] || die "no /boot/vmlinuz-*: apt-get install linux-image-amd64"
KVER=${KERNEL##*/vmlinuz-}
MODDIR=/lib/modules/$KVER
[ -f "$MODDIR/modules.dep" ] || die "$MODDIR/modules.dep missing for kernel $KERNEL"
OUT=$CACHE/kernel-debian/$KVER-r$RECIPE
if [ -f "$OUT/modules.cpio" ] && [ -f "$OUT/vmlinux" ]; then
    echo "$OUT/vmlinux"
    exit 0
fi
echo "kernel-debian: extracting $KERNEL" >&2
rm -rf "$OUT.tmp"
mkdir -p "$OUT.tmp/modules/usr/lib/modules"

off=$(LC_ALL=C grep -m 1 -obUaP '\xFD7zXZ\x00' "$KERNEL" | awk -F: 'NR == 1 { print $1 }')
[ -n "$off" ] || die "$KERNEL holds no xz stream; only xz-compressed kernels are supported"
# xz complains about the bzImage's trailer after the stream; the ELF is checked instead.
tail -c +$((off + 1)) "$KERNEL" | xz -dcq > "$OUT.tmp/vmlinux" 2>/dev/null || true
[ "$(head -c 4 "$OUT.tmp/vmlinux" | od -An -c | tr -d ' ')" = '177ELF' ] \
    || die "no ELF kernel after the xz magic in $KERNEL"

# modules.dep: "kernel/a/b.ko: kernel/dep1.ko kernel/dep2.ko"; a module loads after its deps.
declare -A path_of done_
while IFS= read -r line; do
    file=${line%%:*}
    name=${file##*/}; name=${name%%.ko*}
    path_of[$name]=$file
done < "$MODDIR/modules.dep"
order=()
resolve() {
    local name=$1 file deps dep
    [ -n "${done_[$name]:-}" ] && return
    file=${path_of[$name]:-}
    [ -n "$file" ] || return 0   # built into this kernel
    deps=$(grep -m 1 "^$file:" "$MODDIR/modules.dep" | cut -d: -f2)
    for dep in $deps; do
        dep=${dep##*/}
        resolve "${dep%%.ko*}"
    done
    done_[$name]=1
    order+=("$file")
}
for m in $WANT; do resolve "$m"; done

mods=$OUT.tmp/modules/usr/lib/modules
: > "$mods/load"
for file in "${order[@]}"; do
    base=${file##*/}
    case "$base" in
        *.ko.xz)  xz -dc "$MODDIR/$file" > "$mods/${base%.xz}"; base=${base%.xz} ;;
        *.ko.zst) zstd -dqc "$MODDIR/$file" > "$mods/${base%.zst}"; base=${base%.zst} ;;
        *)        cp "$MODDIR/$file" "$mods/" ;;
    esac
    echo "$base" >> "$mods/load"
done
(cd "$OUT.tmp/modules" && find . | LC_ALL=C sort | cpio -o -H newc --quiet) > "$OUT.tmp/modules.cpio"
rm -rf "$OUT"
mv "$OUT.tmp" "$OUT"
echo "kernel-debian: $KVER, modules: $(tr '\n' ' ' < "$OUT/modules/usr/lib/modules/load")" >&2
echo "$OUT/vmlinux"
