#!/bin/bash
# Plays the host side of the 2015 contract by hand, as the original docker-unikernel
# shell script did (ip, nsenter, mknod), so the test image can be proven to follow the
# contract without our Java launcher. Starts N containers at once, reports for each the
# time from `docker run` to the guest's first HTTP 200, and checks that it answers ping.
#   usage: [DNS=resolver] [IMAGE=image] manual-contract.sh [N] [--keep]   (DNS is handed over as /dns)
set -euo pipefail

N=1 KEEP=
for a in "$@"; do
    case "$a" in
        --keep) KEEP=1 ;;
        [0-9]*) N=$a ;;
        *) echo "usage: $0 [N] [--keep]" >&2; exit 2 ;;
    esac
done
# Any image that follows the contract: IMAGE=unikernel/nginx MARKER='nginx unikernel' manual-contract.sh
IMAGE=${IMAGE:-unikernel-test/httpd}
# What the guest's page must contain; the test image's marker by default.
MARKER=${MARKER:-unikernel-test OK}
die() { echo "manual-contract: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || die "must run as root"
docker image inspect "$IMAGE" >/dev/null 2>&1 || die "$IMAGE missing: run testimage/build.sh"

# The macvtap major is dynamic: it exists only once the module is loaded.
modprobe -q macvtap 2>/dev/null || true
MAJOR=$(awk '$2 == "macvtap" { print $1 }' /proc/devices)
[ -n "$MAJOR" ] || die "no macvtap major in /proc/devices"

# Debian's iputils-ping is not always there; busybox-static is, and root may ping.
PING=ping; command -v ping >/dev/null || PING="busybox ping"

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }

# One container, start to finish; prints one result line.
one() {
    local t0 cid pid mac vtap addr gw tapdev ip
    t0=$(now)
    cid=$(docker run -d --label io.unikernel.test=manual-contract --device-cgroup-rule="c $MAJOR:* rwm" "$IMAGE")
    echo "$cid" >> "$IDS"
    pid=$(docker inspect -f '{{.State.Pid}}' "$cid")
    local root=/proc/$pid/root
    mac=$(cat "$root/sys/class/net/eth0/address")
    vtap=vtap$(echo "$mac" | cut -d: -f4-6 | tr -d :)
    addr=$(nsenter -t "$pid" -n ip -o -4 addr show dev eth0 | awk '{ print $4; exit }')
    gw=$(nsenter -t "$pid" -n ip -4 route show default | awk '{ print $3; exit }')
    [ -n "$addr" ] && [ -n "$gw" ] || die "$cid: no IPv4 address or gateway on eth0"
    ip=${addr%/*}

    nsenter -t "$pid" -n ip link add link eth0 name "$vtap" type macvtap mode bridge
    nsenter -t "$pid" -n ip link set "$vtap" up
    nsenter -t "$pid" -n ip addr del "$addr" dev eth0
    echo "$ip" > "$root/ip"
    echo "${addr#*/}" > "$root/mask"
    echo "$gw" > "$root/gw"
    [ -z "${DNS:-}" ] || echo "$DNS" > "$root/dns"
    # Last, as the contract says: the runner starts the guest as soon as this appears.
    tapdev=$(cat "$root"/sys/devices/virtual/net/"$vtap"/macvtap/tap*/dev)
    mknod -m 0660 "$root/dev/tap0" c "${tapdev%:*}" "${tapdev#*:}"
    local t_plumbed; t_plumbed=$(since "$t0")

    # Short timeouts: until the guest answers ARP a connect would hang for seconds and
    # hide when it really came up.
    local t_http= ping_ok=FAIL deadline=$(( $(date +%s) + 60 ))
    while [ "$(date +%s)" -lt "$deadline" ]; do
        if curl -sf -m 0.3 "http://$ip/" 2>/dev/null | grep -q "$MARKER"; then
            t_http=$(since "$t0"); break
        fi
        sleep 0.02
    done
    [ -n "$t_http" ] && $PING -c1 -W2 "$ip" >/dev/null 2>&1 && ping_ok=ok
    echo "${cid:0:12} $vtap $ip: plumbed ${t_plumbed}s, first HTTP 200 ${t_http:-FAIL}s, ping $ping_ok"
    [ -n "$t_http" ] && [ "$ping_ok" = ok ]
}

IDS=$(mktemp)
cleanup() {
    [ -n "$KEEP" ] || xargs -r docker rm -f < "$IDS" >/dev/null 2>&1 || true
    rm -f "$IDS"
}
trap cleanup EXIT

pids=()
for _ in $(seq "$N"); do one & pids+=($!); done
rc=0
for p in "${pids[@]}"; do wait "$p" || rc=1; done
if [ "$rc" != 0 ]; then
    while read -r cid; do echo "--- docker logs ${cid:0:12}"; docker logs "$cid" 2>&1 | tail -n 20; done < "$IDS"
fi
exit "$rc"
