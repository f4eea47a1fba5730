#!/bin/bash
# payload.sh NAME OUTDIR SPEC: the payload of a `kind: unikernel` descriptor (unikernels/NAME), in OUTDIR:
#   kernel.elf    the application linked with its library OS (build.sh APP): the whole guest
#   rootfs.cpio   newc cpio of the descriptor's content (for httpd: the web root), the guest's -initrd
# SPEC holds the descriptor's values, as docker-unikernel read and checked them
# (images/DescriptorReader), one a line, fields split by tabs: "app NAME" and "content FROM /TO".
# A rerun with unchanged inputs does nothing. Progress on stderr; stdout: one line per file, "FILE BYTES".
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
NAME=${1:?usage: payload.sh NAME OUTDIR SPEC}
OUT=${2:?usage: payload.sh NAME OUTDIR SPEC}
SPEC=${3:?usage: payload.sh NAME OUTDIR SPEC}
UDIR=$REPO/unikernels/$NAME

log() { printf 'payload %s: %s\n' "$NAME" "$*" >&2; }
die() { log "error: $*"; exit 1; }

[ -d "$UDIR" ] || die "no $UDIR"
[ -f "$SPEC" ] || die "no spec file $SPEC"
APP= CONTENT=()
while IFS= read -r line; do
    IFS=$'\t' read -r key value <<<"$line"
    case $key in
        app) APP=$value ;;
        content) CONTENT+=("$value") ;;
        *) die "$SPEC: '$key' has no place in one of our own unikernels" ;;
    esac
done < "$SPEC"
[ -n "$APP" ] || die "$SPEC names no app"
mkdir -p "$OUT"; OUT=$(cd "$OUT" && pwd)
TMP=$(mktemp -d "${TMPDIR:-/tmp}/payload-$NAME.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

ELF=$("$HERE/build.sh" "$APP" | tail -n 1)
HASH=$( { (cd "$UDIR" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum);
          echo "$ELF"; cat "$HERE/payload.sh" "$SPEC"; } | sha256sum | cut -c1-32)
want="kernel.elf rootfs.cpio"
if [ "$(cat "$OUT/.payload-hash" 2>/dev/null)" = "$HASH" ] \
   && (cd "$OUT" && for f in $want; do [ -f "$f" ] || exit 1; done); then
    log "up to date in $OUT"
    for f in $want; do echo "$f $(stat -c %s "$OUT/$f")"; done
    exit 0
fi
rm -f "$OUT/.payload-hash" "$OUT/config.iso" "$OUT/data.img"

STAGE=$TMP/root
mkdir -p "$STAGE"
for c in "${CONTENT[@]}"; do
    IFS=$'\t' read -r from to <<<"$c"
    [ -d "$UDIR/$from" ] || die "content: no directory $UDIR/$from"
    mkdir -p "$STAGE$to"
    cp -a "$UDIR/$from/." "$STAGE$to/"
done
find "$STAGE" -name .keep -delete
# The pages may say what they run on: the whole guest is the kernel image plus these files.
size=$(( $(stat -c %s "$ELF") + $(du -sb --apparent-size "$STAGE" | cut -f1) ))
human=$(awk -v b="$size" 'BEGIN { printf "%d KB", b / 1000 }')
while IFS= read -r -d '' f; do
    sed -i -e "s/@UNIKERNEL_SIZE@/$human/g" -e "s/@UNIKERNEL_NAME@/$NAME/g" \
        -e "s/@KERNEL_SIZE@/$(( $(stat -c %s "$ELF") / 1000 )) KB/g" -e "s/@BUILD_DATE@/$(date -u +%Y-%m-%d)/g" "$f"
done < <(find "$STAGE" -type f \( -name '*.html' -o -name '*.txt' \) -print0)
(cd "$STAGE" && find . -mindepth 1 | LC_ALL=C sort | cpio -o -H newc --reproducible --quiet) > "$TMP/rootfs.cpio"
cp "$ELF" "$TMP/kernel.elf"
for f in kernel.elf rootfs.cpio; do mv -f "$TMP/$f" "$OUT/$f"; done
echo "$HASH" > "$OUT/.payload-hash"
for f in $want; do
    b=$(stat -c %s "$OUT/$f")
    log "$(printf '%-13s %10d bytes (%s)' "$f" "$b" "$(numfmt --to=iec-i --suffix=B "$b")")"
    echo "$f $b"
done
