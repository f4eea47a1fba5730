#!/bin/bash
# payload.sh NAME OUTDIR SPEC
#
# Turns unikernels/NAME into the guest payload, in OUTDIR (for `kind: unikernel`,
# guest/unikernel/payload.sh does it instead). The descriptor's values come in SPEC, which
# docker-unikernel writes after it has read and checked unikernel.yaml (images/DescriptorReader):
# one value a line, fields split by tabs:
#   package NAME | binary /PATH | file /PATH | user NAME | dir /PATH OWNER MODE
#   content FROM /TO [ZIP [PERSIST]] | data MIB | data-seed DIR | data-seed-command SCRIPT
# It makes:
#   rootfs.cpio   newc cpio for the initramfs: the binaries with their whole ldd closure
#                 (dynamic loader included), the descriptor's files, content and dirs,
#                 empty mount points /etc /data /proc /sys /dev /tmp /run, /dev/console
#                 and /dev/null. No /init: the pipeline adds it.
#   config.iso    iso9660 + Rock Ridge for /etc: unikernels/NAME/etc/ plus generated
#                 passwd, group, hosts, nsswitch.conf and an empty resolv.conf (files of
#                 the same name in unikernels/NAME/etc/ win).
#   data.img      ext4 with its journal for /data (only when the descriptor has `data`); the
#                 rootfs then carries e2fsck, which init runs on it after an unclean stop.
# The binaries come from the build root (buildroot.sh, called here with the descriptor's
# packages). A rerun with unchanged inputs does nothing. Progress and sizes on stderr;
# stdout: one line per file, "FILE BYTES".
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
NAME=${1:?usage: payload.sh NAME OUTDIR SPEC}
OUT=${2:?usage: payload.sh NAME OUTDIR SPEC}
SPEC=${3:?usage: payload.sh NAME OUTDIR SPEC}
UDIR=$REPO/unikernels/$NAME
PY=/usr/bin/python3

log() { printf 'payload %s: %s\n' "$NAME" "$*" >&2; }
die() { log "error: $*"; exit 1; }

[ "$(id -u)" = 0 ] || die "must run as root (chroot, device nodes, file owners)"
[ -d "$UDIR" ] || die "no $UDIR"
[ -f "$SPEC" ] || die "no spec file $SPEC"
for t in genisoimage:genisoimage mke2fs:e2fsprogs cpio:cpio; do
    command -v "${t%%:*}" >/dev/null || { log "installing ${t#*:} on the host"; \
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${t#*:}" >&2; }
done

PKGS=() BINS=() FILES=() USERS=() DIRS=() CONTENT=() DATA_MIB= DATA_SEED= DATA_SEED_COMMAND=
while IFS= read -r line; do
    IFS=$'\t' read -r key value <<<"$line"
    case $key in
        package) PKGS+=("$value") ;;
        binary) BINS+=("$value") ;;
        file) FILES+=("$value") ;;
        user) USERS+=("$value") ;;
        dir) DIRS+=("$value") ;;
        content) CONTENT+=("$value") ;;
        data) DATA_MIB=$value ;;
        data-seed) DATA_SEED=$value ;;
        data-seed-command) DATA_SEED_COMMAND=$value ;;
        *) die "$SPEC: unknown line '$key'" ;;
    esac
done < "$SPEC"

mkdir -p "$OUT"; OUT=$(cd "$OUT" && pwd)
TMP=$(mktemp -d "${TMPDIR:-/tmp}/payload-$NAME.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

# The build root, with this unikernel's packages.
ROOT=$("$HERE/buildroot.sh" "${PKGS[@]}")

# Unchanged inputs (descriptor directory, zip overrides, the spec, this tool, installed packages):
# nothing to do.
zipdirs=$(for c in "${CONTENT[@]}"; do IFS=$'\t' read -r _ _ zip _ <<<"$c"; [ -z "$zip" ] || echo "$UDIR/$zip"; done)
HASH=$( { (cd "$UDIR" && find . $(for z in $zipdirs; do [ -d "$z" ] && echo "$z"; done) -type f -print0 \
            | LC_ALL=C sort -z | xargs -0 sha256sum);
          cat "$HERE/payload.sh" "$SPEC" "$ROOT/var/lib/dpkg/status" | sha256sum; } \
        | sha256sum | cut -c1-32)
want="rootfs.cpio config.iso"
[ -n "$DATA_MIB" ] && want="$want data.img"
if [ "$(cat "$OUT/.payload-hash" 2>/dev/null)" = "$HASH" ] \
   && (cd "$OUT" && for f in $want; do [ -f "$f" ] || exit 1; done); then
    log "up to date in $OUT"
    for f in $want; do echo "$f $(stat -c %s "$OUT/$f")"; done
    exit 0
fi
rm -f "$OUT/.payload-hash"

STAGE=$TMP/rootfs
mkdir -p "$STAGE"

# copy_path PATH: copies PATH (absolute, in the build root) to the same place in the stage,
# recreating every symbolic link met on the way (merged /usr, alternatives, .so names) and
# following it. Directories are copied whole; links inside them are followed too.
copy_path() {
    local p=$1 depth=${2:-0} cur="" rest comp t
    [ "$depth" -lt 40 ] || die "too many symbolic links at $p"
    rest=${p#/}
    while [ -n "$rest" ]; do
        comp=${rest%%/*}
        if [ "$comp" = "$rest" ]; then rest=""; else rest=${rest#*/}; fi
        case $comp in ""|.) continue ;; ..) cur=${cur%/*}; continue ;; esac
        cur=$cur/$comp
        if [ -L "$ROOT$cur" ]; then
            [ -e "$STAGE$cur" ] || [ -L "$STAGE$cur" ] || cp -P "$ROOT$cur" "$STAGE$cur"
            t=$(readlink "$ROOT$cur")
            case $t in /*) ;; *) t=${cur%/*}/$t ;; esac
            copy_path "$t${rest:+/$rest}" $((depth + 1))
            return
        elif [ ! -e "$ROOT$cur" ]; then
            die "$cur (from $p) is not in the build root"
        elif [ -z "$rest" ]; then
            if [ -d "$ROOT$cur" ]; then
                mkdir -p "$STAGE$cur"
                cp -a "$ROOT$cur/." "$STAGE$cur/"
                local l
                while IFS= read -r -d '' l; do
                    copy_path "${l#"$STAGE"}" $((depth + 1))
                done < <(find "$STAGE$cur" -type l -print0)
            else
                cp -a "$ROOT$cur" "$STAGE$cur"
            fi
        elif [ ! -d "$STAGE$cur" ]; then
            mkdir "$STAGE$cur"
            chmod --reference="$ROOT$cur" "$STAGE$cur"
        fi
    done
}

is_elf() { [ "$(head -c4 "$1" 2>/dev/null | od -An -c | tr -d ' \n')" = '177ELF' ]; }

log "root file system"
# init checks the data image with it at boot when the guest was killed (guest/init/fsck.h)
[ -n "$DATA_MIB" ] && FILES+=(/sbin/e2fsck)
for p in "${BINS[@]}" "${FILES[@]}"; do copy_path "$p"; done
# Every ELF file staged so far, then their shared libraries (ldd run in the build root).
mapfile -t ELFS < <(cd "$STAGE" && find . -type f | while read -r f; do is_elf "$f" && echo "${f#.}"; done)
LIBS=$(chroot "$ROOT" /usr/bin/ldd "${ELFS[@]}" 2>&1) || true
if grep -q 'not found' <<<"$LIBS"; then
    die "missing libraries: $(grep 'not found' <<<"$LIBS" | tr -s ' \t\n' ' ')"
fi
for lib in $(awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^\//) print $i }' <<<"$LIBS" | sed 's/:$//' | sort -u); do
    copy_path "$lib"
done
# The closure may have brought in more ELF files through links to other names; ldd once
# more over everything to be sure nothing is left out.
mapfile -t ELFS < <(cd "$STAGE" && find . -type f | while read -r f; do is_elf "$f" && echo "${f#.}"; done)
for lib in $(chroot "$ROOT" /usr/bin/ldd "${ELFS[@]}" 2>/dev/null \
             | awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^\//) print $i }' | sed 's/:$//' | sort -u); do
    [ -e "$STAGE$lib" ] || copy_path "$lib"
done

# Mount points and the two device nodes the kernel and init need before devtmpfs.
for d in etc data proc sys dev tmp run; do mkdir -p "$STAGE/$d"; done
chmod 1777 "$STAGE/tmp"; chmod 755 "$STAGE/run"
[ -e "$STAGE/dev/console" ] || mknod -m 600 "$STAGE/dev/console" c 5 1
[ -e "$STAGE/dev/null" ] || mknod -m 666 "$STAGE/dev/null" c 1 3

uid_of() { awk -F: -v u="$1" '$1 == u { print $3; f = 1 } END { if (!f) exit 1 }' "$ROOT/etc/passwd"; }
gid_of() { awk -F: -v u="$1" '$1 == u { print $4; f = 1 } END { if (!f) exit 1 }' "$ROOT/etc/passwd"; }

# Directories the application writes to.
OWNERS=()
for d in "${DIRS[@]}"; do
    IFS=$'\t' read -r path owner mode <<<"$d"
    mkdir -p "$STAGE$path"
    u=$(uid_of "$owner") || die "dirs: no user $owner in the build root"
    chown "$u:$(gid_of "$owner")" "$STAGE$path"
    chmod "$mode" "$STAGE$path"
    OWNERS+=("$owner")
done

# Content of this unikernel (web pages...): a directory here, or a release zip dropped in
# the `zip` directory, which then replaces it (its single top directory stripped). With
# `persist`, that subdirectory of the zip's tree moves to the data image and is replaced by
# a link to /data/SUBDIR.
DATASEED=$TMP/data
mkdir -p "$DATASEED"
for c in "${CONTENT[@]}"; do
    IFS=$'\t' read -r from to zip persist <<<"$c"
    src=$UDIR/$from
    mkdir -p "$STAGE$to"
    zipfile=""
    if [ -n "$zip" ] && [ -d "$UDIR/$zip" ]; then
        zipfile=$(find "$UDIR/$zip" -maxdepth 1 -name '*.zip' | sort -V | tail -n 1)
    fi
    if [ -n "$zipfile" ]; then
        log "content $to from $(basename "$zipfile") (instead of $from/)"
        $PY - "$zipfile" "$TMP/zip" <<'PY'
import os, sys, zipfile
zf, dest = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(zf) as z:
    names = [n for n in z.namelist() if n and not n.startswith("__MACOSX/")]
    tops = {n.split("/", 1)[0] for n in names}
    strip = len(tops) == 1 and any("/" in n for n in names)
    for info in z.infolist():
        n = info.filename
        if n.startswith("__MACOSX/"):
            continue
        rel = n.split("/", 1)[1] if strip else n
        if not rel:
            continue
        target = os.path.normpath(os.path.join(dest, rel))
        if not target.startswith(os.path.abspath(dest) + os.sep):
            sys.exit(f"{zf}: unsafe path {n}")
        if n.endswith("/"):
            os.makedirs(target, exist_ok=True)
        else:
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with z.open(info) as s, open(target, "wb") as d:
                d.write(s.read())
PY
        cp -a "$TMP/zip/." "$STAGE$to/"
        rm -rf "$TMP/zip"
        if [ -n "$persist" ] && [ -e "$STAGE$to/$persist" ]; then
            mv "$STAGE$to/$persist" "$DATASEED/$persist"
            ln -s "/data/$persist" "$STAGE$to/$persist"
        fi
    else
        [ -d "$src" ] || die "content: no directory $src"
        cp -a "$src/." "$STAGE$to/"
    fi
done
find "$STAGE" -name .keep -delete
# Placeholders in the pages: the unikernel's size (its root file system), build date, name.
size=$(du -sb --apparent-size "$STAGE" | cut -f1)
human=$(awk -v b="$size" 'BEGIN { printf "%.1f MB", b / 1000000 }')
while IFS= read -r -d '' f; do
    grep -q '@UNIKERNEL_' "$f" 2>/dev/null || grep -q '@BUILD_DATE@' "$f" || continue
    sed -i -e "s/@UNIKERNEL_SIZE@/$human/g" -e "s/@UNIKERNEL_NAME@/$NAME/g" \
        -e "s/@BUILD_DATE@/$(date -u +%Y-%m-%d)/g" "$f"
done < <(find "$STAGE/srv" "$STAGE/var/www" -type f \( -name '*.html' -o -name '*.php' -o -name '*.txt' \) -print0 2>/dev/null)

(cd "$STAGE" && find . -mindepth 1 | LC_ALL=C sort | cpio -o -H newc --reproducible --quiet) > "$TMP/rootfs.cpio"

log "config image"
ETC=$TMP/etc
mkdir -p "$ETC"
{
    echo "root:x:0:0:root:/root:/usr/sbin/nologin"
    for u in "${USERS[@]}" "${OWNERS[@]}"; do
        [ "$u" = root ] && continue
        awk -F: -v OFS=: -v u="$u" '$1 == u { $7 = "/usr/sbin/nologin"; print }' "$ROOT/etc/passwd"
    done
    echo "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin"
} | awk '!seen[$0]++' > "$ETC/passwd"
{
    echo "root:x:0:"
    cut -d: -f4 "$ETC/passwd" | while read -r g; do
        [ "$g" = 0 ] || [ "$g" = 65534 ] || awk -F: -v g="$g" '$3 == g { print $1 ":x:" $3 ":" }' "$ROOT/etc/group"
    done
    echo "nogroup:x:65534:"
} | awk '!seen[$0]++' > "$ETC/group"
printf '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' > "$ETC/hosts"
printf 'passwd: files\ngroup: files\nshadow: files\nhosts: files dns\nnetworks: files\nprotocols: files\nservices: files\n' > "$ETC/nsswitch.conf"
: > "$ETC/resolv.conf"
[ -d "$UDIR/etc" ] && cp -a "$UDIR/etc/." "$ETC/"
find "$ETC" -name .keep -delete
genisoimage -quiet -r -V UNIKERNEL_ETC -input-charset utf-8 -o "$TMP/config.iso" "$ETC" 2>&1 \
    | grep -v '^Using' >&2 || true
[ -s "$TMP/config.iso" ] || die "genisoimage failed"

if [ -n "$DATA_MIB" ]; then
    log "data image"
    seed=$DATA_SEED seedcmd=$DATA_SEED_COMMAND mib=$DATA_MIB
    if [ -n "$seed" ]; then
        [ -d "$UDIR/$seed" ] || die "data: no seed directory $UDIR/$seed"
        cp -a "$UDIR/$seed/." "$DATASEED/"
    elif [ -n "$seedcmd" ]; then
        (cd "$UDIR" && "./$seedcmd" "$ROOT" "$DATASEED") || die "data: $seedcmd failed"
    fi
    find "$DATASEED" -name .keep -delete
    rm -f "$TMP/data.img"
    truncate -s "${mib}M" "$TMP/data.img"
    mke2fs -q -F -t ext4 -m 0 -L data -E root_owner=0:0 -d "$DATASEED" "$TMP/data.img" "${mib}M" >&2 \
        || die "mke2fs failed (data.size ${mib} MiB too small?)"
fi

for f in $want; do mv -f "$TMP/$f" "$OUT/$f"; done
[ -n "$DATA_MIB" ] || rm -f "$OUT/data.img"
echo "$HASH" > "$OUT/.payload-hash"
for f in $want; do
    b=$(stat -c %s "$OUT/$f")
    log "$(printf '%-13s %10d bytes (%s)' "$f" "$b" "$(numfmt --to=iec-i --suffix=B "$b")")"
    echo "$f $b"
done
