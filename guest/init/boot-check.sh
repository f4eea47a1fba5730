#!/bin/bash
# boot-check.sh: boots the guest kernel (guest/kernel/build.sh) with our init under QEMU
# (TCG, user-mode network) and checks, end to end:
#   1. httpd: net config, iso9660 config image on /etc (read-only, resolv.conf bound over
#      it), ext2 data image on /data (written to), hostname, env, HTTP answers through
#      hostfwd, then a graceful stop by ctrl-alt-del over QMP -> QEMU exits 0
#   2. an rc program exiting 0            -> QEMU exits 0
#   3. an rc program exiting 3            -> QEMU exits 7  (3<<1|1)
#   4. malformed JSON                     -> "init: FATAL ..." and QEMU exits 5 (2<<1|1)
#   5. kernel panic (init exits)          -> pvpanic, QEMU exits 1
# busybox-static is copied into the test initramfs as a stand-in application only.
#
# Usage: guest/init/boot-check.sh [pc|microvm]   (default pc)
#   KERNEL=/path/vmlinux  use that kernel instead of building/looking up the cached one
#   TIMING_RUNS=N         also boot the httpd guest N more times and print the timings
#   IDLE_SECONDS=S        measure the idle guest's CPU over S seconds (default 10)
#   KEEP=1                keep the work directory
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
MACHINE=${1:-pc}
IDLE_SECONDS=${IDLE_SECONDS:-10}
TIMING_RUNS=${TIMING_RUNS:-0}

say() { echo "boot-check: $*" >&2; }
die() { echo "boot-check: ERROR: $*" >&2; exit 1; }

for tool in qemu-system-x86_64 busybox cpio mke2fs genisoimage debugfs curl python3; do
    command -v "$tool" >/dev/null || die "$tool is not installed (apt-get install qemu-system-x86 busybox-static cpio e2fsprogs genisoimage curl python3)"
done
file -L "$(command -v busybox)" | grep -q 'statically linked' || die "busybox is not static (apt-get install busybox-static)"

KERNEL=${KERNEL:-$("$ROOT/guest/kernel/build.sh" | tail -n 1)}
[[ -s $KERNEL ]] || die "no kernel at '$KERNEL'"

WORK=$(mktemp -d /tmp/boot-check.XXXXXX)
QEMU_PID=
cleanup() {
    [[ -n $QEMU_PID ]] && kill "$QEMU_PID" 2>/dev/null
    [[ ${KEEP:-0} == 1 ]] && say "work directory kept: $WORK" || rm -rf "$WORK"
}
trap cleanup EXIT

make -s -C "$HERE" OUT="$WORK/build" >&2 || die "building init failed"

# --- the test initramfs: our init as /init, busybox as the stand-in application ---
R=$WORK/root
mkdir -p "$R"/{bin,dev,etc,proc,sys,tmp,run,data,www}
cp "$WORK/build/init" "$R/init"
cp "$(command -v busybox)" "$R/bin/busybox"
ln -s busybox "$R/bin/false"
printf 'not a program\n' >"$R/bin/notabinary"
chmod 755 "$R/bin/notabinary"
echo '<h1>hello from the unikernel</h1>' >"$R/www/index.html"
(cd "$R" && find . | cpio -o -H newc --quiet) >"$WORK/initramfs.cpio"

# --- the config image (iso9660, read-only, with the empty resolv.conf mount target) ---
mkdir -p "$WORK/iso"
echo "config image" >"$WORK/iso/hello.txt"
: >"$WORK/iso/resolv.conf"
genisoimage -quiet -R -V CONFIG -o "$WORK/config.iso" "$WORK/iso" || die "genisoimage failed"
# --- the data image (ext2, writable) ---
mkdir -p "$WORK/data"
echo "data image" >"$WORK/data/hello.txt"
mke2fs -q -t ext2 -d "$WORK/data" -F "$WORK/data.img" 8M || die "mke2fs failed"

PORT=18080
while (echo >/dev/tcp/127.0.0.1/$PORT) 2>/dev/null; do PORT=$((PORT + 1)); done

TSC_KHZ=$(awk -F: '/^cpu MHz/ {printf "%d", $2 * 1000; exit}' /proc/cpuinfo)

# qemu_args JSON [extra kernel args] -> QEMU_ARGS
qemu_args() {
    local json=$1 extra=${2:-}
    QEMU_ARGS=(qemu-system-x86_64 -accel tcg -cpu max -m 256 -smp 1
        -nodefaults -no-user-config -display none -serial stdio -no-reboot
        -kernel "$KERNEL" -initrd "$WORK/initramfs.cpio"
        -device isa-debug-exit,iobase=0xf4,iosize=0x04
        -qmp "unix:$WORK/qmp.sock,server=on,wait=off"
        -netdev "user,id=n0,hostfwd=tcp:127.0.0.1:$PORT-:80"
        -drive "file=$WORK/config.iso,if=none,id=cfg,format=raw,readonly=on"
        -drive "file=$WORK/data.img,if=none,id=data,format=raw")
    # tsc_early_khz + tsc=reliable: under TCG the guest idles at ~0.1 % host CPU instead
    # of ~1.3 % (and -M microvm needs them to boot reliably)
    local cmdline="console=ttyS0 panic=-1 tsc_early_khz=$TSC_KHZ tsc=reliable $extra"
    case $MACHINE in
    pc)
        QEMU_ARGS+=(-M pc -device pvpanic-pci -action panic=exit-failure
            -device virtio-net-pci,netdev=n0,romfile=
            -device virtio-blk-pci,drive=cfg -device virtio-blk-pci,drive=data) ;;
    microvm)
        # QEMU would append the virtio_mmio.device= words after our " -- " (where the
        # kernel hands them to init): switch that off and name the transports ourselves.
        # Devices take the free transports from the top: 0xfeb00e00 irq 12, 0xc00 11, ...
        QEMU_ARGS+=(-M microvm,acpi=off,auto-kernel-cmdline=off
            -device virtio-net-device,netdev=n0
            -device virtio-blk-device,drive=cfg -device virtio-blk-device,drive=data)
        # no i8042 to reset through: without reboot=t the power-off takes ~3 s
        cmdline+=" reboot=t virtio_mmio.device=512@0xfeb00e00:12"
        cmdline+=" virtio_mmio.device=512@0xfeb00c00:11 virtio_mmio.device=512@0xfeb00a00:10" ;;
    *) die "unknown machine $MACHINE (pc or microvm)" ;;
    esac
    QEMU_ARGS+=(-append "$cmdline -- $json")
}

# boot JSON [extra] -> runs QEMU to the end, sets RC and CONSOLE
boot() {
    qemu_args "$@"
    timeout 120 "${QEMU_ARGS[@]}" </dev/null >"$WORK/console.log" 2>&1
    RC=$?
    CONSOLE=$(tr -d '\r' <"$WORK/console.log")
}

FAILED=0
check() { # name condition-result detail
    if [[ $2 == 0 ]]; then say "PASS $1${3:+: $3}"; else say "FAIL $1${3:+: $3}"; FAILED=$((FAILED + 1)); fi
}
console_has() { grep -qF -- "$1" <<<"$CONSOLE"; }
show_console() { sed 's/^/    | /' <<<"$CONSOLE" | tail -n "${1:-25}" >&2; }

qmp() { # sends one QMP command
    python3 - "$WORK/qmp.sock" "$1" <<'EOF'
import json, socket, sys
s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); f = s.makefile('rw')
f.readline()
for cmd in ({"execute": "qmp_capabilities"}, json.loads(sys.argv[2])):
    f.write(json.dumps(cmd) + "\n"); f.flush()
    while True:
        r = json.loads(f.readline())
        if "return" in r or "error" in r:
            break
EOF
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

HTTPD_JSON='{"hostname":"unik","dns":"10.0.2.3","net":{"if":"eth0","type":"inet","method":"static","addr":"10.0.2.15","mask":"24","gw":"10.0.2.2"},"blk":[{"source":"dev","path":"/dev/vda","fstype":"iso9660","mountpoint":"/etc"},{"source":"dev","path":"/dev/vdb","fstype":"ext2","mountpoint":"/data"}],"env":["GREETING=hello world"],"rc":[{"bin":"/bin/busybox","argv":["cat","/etc/hello.txt","/data/hello.txt","/etc/resolv.conf","/proc/sys/kernel/hostname"]},{"bin":"/bin/busybox","argv":["sh","-c","echo \"env: $GREETING\"; echo written >/data/written.txt"]},{"bin":"/bin/busybox","argv":["httpd","-f","-p","80","-h","/www"]}]}'

# httpd_boot -> starts the httpd guest, waits for HTTP; sets TIMES and HTTP_OK
httpd_boot() {
    qemu_args "$HTTPD_JSON"
    rm -f "$WORK/qmp.sock" "$WORK/console.log" "$WORK/http.t"
    local t0 t_first="" t_exec="" t_http="" now poller
    t0=$(date +%s%N)
    "${QEMU_ARGS[@]}" </dev/null >"$WORK/console.log" 2>&1 &
    QEMU_PID=$!
    # HTTP poller on its own: slirp accepts at once and a connect can take a while
    ( while kill -0 "$QEMU_PID" 2>/dev/null; do
          if curl -s -m 2 -o /dev/null "http://127.0.0.1:$PORT/"; then date +%s%N >"$WORK/http.t"; break; fi
          sleep 0.02
      done ) &
    poller=$!
    while :; do
        now=$(date +%s%N)
        [[ -z $t_first && -s $WORK/console.log ]] && t_first=$now
        [[ -z $t_exec ]] && grep -q 'init: exec /bin/busybox httpd' "$WORK/console.log" 2>/dev/null && t_exec=$now
        if [[ -s $WORK/http.t ]]; then t_http=$(cat "$WORK/http.t"); break; fi
        kill -0 "$QEMU_PID" 2>/dev/null || break
        (( now - t0 > 90000000000 )) && break
        sleep 0.01
    done
    kill "$poller" 2>/dev/null; wait "$poller" 2>/dev/null
    ms() { [[ -n $1 ]] && echo "$(( ($1 - t0) / 1000000 )) ms" || echo "never"; }
    TIMES="first console output $(ms "$t_first"), init exec httpd $(ms "$t_exec"), first HTTP answer $(ms "$t_http")"
    HTTP_OK=$([[ -n $t_http ]] && echo 0 || echo 1)
}

say "kernel $KERNEL ($(stat -c %s "$KERNEL") bytes), init $(stat -c %s "$WORK/build/init") bytes, machine $MACHINE"

# ---- 1. httpd, disks, net, graceful stop ----
httpd_boot
check "http answers on 127.0.0.1:$PORT" "$HTTP_OK" "$TIMES"
BODY=$(curl -s -m 5 "http://127.0.0.1:$PORT/")
check "http body" "$([[ $BODY == *'hello from the unikernel'* ]]; echo $?)"
if [[ $HTTP_OK == 0 ]]; then
    sleep 2
    t1=$(cpu_ticks "$QEMU_PID"); sleep "$IDLE_SECONDS"; t2=$(cpu_ticks "$QEMU_PID")
    hz=$(getconf CLK_TCK)
    IDLE=$(awk -v a="$t1" -v b="$t2" -v hz="$hz" -v s="$IDLE_SECONDS" 'BEGIN {printf "%.1f", (b - a) * 100 / hz / s}')
    say "idle guest CPU over ${IDLE_SECONDS} s: ${IDLE} % of one host core"
fi
if [[ $MACHINE == pc ]]; then
    qmp '{"execute":"send-key","arguments":{"keys":[{"type":"qcode","data":"ctrl"},{"type":"qcode","data":"alt"},{"type":"qcode","data":"delete"}]}}' \
        || say "QMP send-key failed"
else
    say "microvm has no i8042 keyboard controller: no ctrl-alt-del, stopping QEMU by QMP quit"
    qmp '{"execute":"quit"}' 2>/dev/null
fi
for _ in $(seq 1 300); do kill -0 "$QEMU_PID" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$QEMU_PID" 2>/dev/null; then
    say "guest still running 30 s after ctrl-alt-del; killing QEMU"; kill "$QEMU_PID"
fi
wait "$QEMU_PID"; RC=$?; QEMU_PID=
CONSOLE=$(tr -d '\r' <"$WORK/console.log")
[[ $MACHINE == pc ]] &&
    check "ctrl-alt-del stops the guest, QEMU exits 0" "$([[ $RC == 0 ]] && console_has 'init: stop requested'; echo $?)" "exit $RC"
check "console: net line" "$(console_has 'init: net eth0 10.0.2.15/24 gw 10.0.2.2'; echo $?)"
check "console: iso9660 mounted read-only on /etc" "$(console_has 'init: mounted /dev/vda (iso9660, read-only) on /etc'; echo $?)"
check "console: ext2 mounted on /data" "$(console_has 'init: mounted /dev/vdb (ext2) on /data'; echo $?)"
check "files from both images readable" "$(console_has 'config image' && console_has 'data image'; echo $?)"
check "resolv.conf bound over the read-only /etc" "$(console_has 'nameserver 10.0.2.3' && console_has 'init: dns 10.0.2.3 (/run/resolv.conf bound on /etc/resolv.conf)'; echo $?)"
check "hostname set" "$(grep -qx unik <<<"$CONSOLE"; echo $?)"
check "env exported (value with a space survives)" "$(console_has 'env: hello world'; echo $?)"
WRITTEN=$(debugfs -R 'cat /written.txt' "$WORK/data.img" 2>/dev/null)
check "data image written by the guest" "$([[ $WRITTEN == written ]]; echo $?)"
[[ $FAILED == 0 ]] || show_console 40

# ---- 2..5: exit statuses ----
boot '{"rc":[{"bin":"/bin/busybox","argv":["true"]}]}'
check "app exits 0 -> QEMU exits 0" "$([[ $RC == 0 ]] && console_has 'init: /bin/busybox exited with status 0'; echo $?)" "exit $RC"
boot '{"rc":[{"bin":"/bin/busybox","argv":["sh","-c","exit 3"]}]}'
check "app exits 3 -> QEMU exits 7" "$([[ $RC == 7 ]] && console_has 'init: /bin/busybox exited with status 3'; echo $?)" "exit $RC"
boot '{"rc":[{"bin":"/bin/busybox","argv":["sh","-c","kill -KILL $$"]}]}'
check "app killed by SIGKILL (137) -> QEMU exits 19 (137<<1|1, low 8 bits)" "$([[ $RC == 19 ]]; echo $?)" "exit $RC"
boot '{"rc":[{"bin":"/nonexistent"}]}'
check "missing binary -> FATAL, QEMU exits 5" "$([[ $RC == 5 ]] && console_has 'init: FATAL: rc[0].bin /nonexistent cannot be executed'; echo $?)" "exit $RC"
boot '{"rc":[{"bin":"/bin/notabinary"}]}'
check "exec failure (ENOEXEC) -> 127 -> QEMU exits 255" "$([[ $RC == 255 ]] && console_has 'init: cannot exec /bin/notabinary'; echo $?)" "exit $RC"
boot '{"rc":[{"bin":"/bin/busybox","argv":["true"]}'
check "malformed JSON -> FATAL, QEMU exits 5" "$([[ $RC == 5 ]] && console_has 'init: FATAL: configuration'; echo $?)" \
    "exit $RC, $(grep -m1 'init: FATAL' <<<"$CONSOLE")"
boot '{"blk":[{"path":"/dev/vdz","fstype":"ext2","mountpoint":"/data"}],"rc":[{"bin":"/bin/busybox","argv":["true"]}]}'
check "missing disk -> FATAL, QEMU exits 5" "$([[ $RC == 5 ]] && console_has 'init: FATAL: mounting /dev/vdz'; echo $?)" "exit $RC"
boot '{"rc":[{"bin":"/bin/busybox","argv":["true"]}]}' "rdinit=/bin/false"
if [[ $MACHINE == pc ]]; then
    check "kernel panic -> pvpanic -> QEMU exits 1" "$([[ $RC == 1 ]] && console_has 'Kernel panic'; echo $?)" "exit $RC"
else
    check "kernel panic -> reboot (no pvpanic on microvm) -> QEMU exits 0" "$([[ $RC == 0 ]] && console_has 'Kernel panic'; echo $?)" "exit $RC"
fi

for ((i = 1; i <= TIMING_RUNS; i++)); do
    httpd_boot
    kill "$QEMU_PID" 2>/dev/null; wait "$QEMU_PID" 2>/dev/null; QEMU_PID=
    say "timing run $i ($MACHINE): $TIMES"
done

qemu_args '<JSON>'
say "QEMU command line used ($MACHINE):"
printf ' %q' "${QEMU_ARGS[@]}" | sed "s|$WORK|\$WORK|g" >&2; echo >&2
if [[ $FAILED == 0 ]]; then say "all checks passed ($MACHINE)"; exit 0; fi
say "$FAILED check(s) failed ($MACHINE)"
exit 1
