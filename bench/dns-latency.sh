#!/usr/bin/env bash
# Latency of the container-name DNS server, measured with a real client (dnsperf).
#
#   bench/dns-latency.sh            # 5000 queries, one in flight at a time
#   QUERIES=20000 PORT=15353 bench/dns-latency.sh
#
# Starts `docker-unikernel dns` (io.unikernel.demo.cli.DnsCommand from the CLI jar)
# on the docker bridge address and a high port, runs one busybox container,
# asks dnsperf to resolve its name QUERIES times with one query outstanding (so each figure
# is the server's answer time, not queueing), and prints median / avg / p99 in ms.
# Then a short throughput run with 20 queries outstanding. Target: median < 1 ms.
set -euo pipefail

. "$(dirname "$(readlink -f "$0")")/../scripts/as-root.sh"
as_root "it runs guests in containers and plumbs their networks" "$0" "$@"
cd "$(dirname "$(readlink -f "$0")")/.."
PORT=${PORT:-15353}
QUERIES=${QUERIES:-5000}
IMAGE=unikernel-test/busybox
NAME=bench-dns-$$
WORK=$(mktemp -d)
SERVER_PID=

cleanup() {
    [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
    docker rm -f "$NAME" >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT

command -v dnsperf >/dev/null || apt-get install -y dnsperf >/dev/null
command -v dig >/dev/null || apt-get install -y dnsutils >/dev/null

./scripts/build-jar.sh
CLASSPATH=target/docker-unikernel.jar

if ! docker image inspect "$IMAGE" >/dev/null 2>&1; then
    echo "== importing $IMAGE (static busybox, no registry)"
    [ -x /bin/busybox ] || apt-get install -y busybox-static >/dev/null
    mkdir -p "$WORK/rootfs/bin"
    cp /bin/busybox "$WORK/rootfs/bin/busybox"
    for applet in sh sleep httpd; do ln -s busybox "$WORK/rootfs/bin/$applet"; done
    tar -C "$WORK/rootfs" -cf "$WORK/rootfs.tar" .
    docker import "$WORK/rootfs.tar" "$IMAGE" >/dev/null
fi

echo "== starting the DNS server on port $PORT"
java -Dtinylog.level=info -cp "$CLASSPATH" io.unikernel.demo.cli.DnsCommand \
    --port "$PORT" --state-dir "$WORK/state" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do
    grep -q "listening on" "$WORK/server.log" && break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log"; exit 1; }
    sleep 0.1
done
cat "$WORK/server.log"
BRIDGE=$(sed -n 's/.*listening on \([0-9.]*\):.*/\1/p' "$WORK/server.log")

docker run -d --name "$NAME" --label io.unikernel.demo.test=dns-bench "$IMAGE" sleep 600 >/dev/null
IP=$(docker inspect -f '{{.NetworkSettings.IPAddress}}' "$NAME")
for _ in $(seq 1 50); do
    [ "$(dig @"$BRIDGE" -p "$PORT" "$NAME" +short)" = "$IP" ] && break
    sleep 0.05
done
[ "$(dig @"$BRIDGE" -p "$PORT" "$NAME" +short)" = "$IP" ] || { echo "$NAME does not resolve to $IP"; exit 1; }
echo "== $NAME resolves to $IP; warming up, then $QUERIES queries, one outstanding"

printf '%s A\n%s.docker A\n' "$NAME" "$NAME" >"$WORK/queries.txt"
dnsperf -s "$BRIDGE" -p "$PORT" -d "$WORK/queries.txt" -n 1000 -q 1 >/dev/null 2>&1   # JIT warm-up
dnsperf -s "$BRIDGE" -p "$PORT" -d "$WORK/queries.txt" -n $((QUERIES / 2)) -q 1 -v >"$WORK/latency.txt" 2>&1

# Lines look like: "> NOERROR bench-dns-1 A 0.000201" (seconds).
awk '$1 == ">" { print $NF * 1000 }' "$WORK/latency.txt" | sort -g >"$WORK/ms.txt"
TOTAL=$(wc -l <"$WORK/ms.txt")
NOERROR=$(grep -c '^> NOERROR' "$WORK/latency.txt" || true)
[ "$TOTAL" -gt 0 ] || { cat "$WORK/latency.txt"; exit 1; }
awk -v n="$TOTAL" -v ok="$NOERROR" '
    { v[NR] = $1; sum += $1 }
    END {
        median = (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
        p99 = v[int(n * 0.99 + 0.999)]
        printf "answers: %d (%d NOERROR)\n", n, ok
        printf "latency ms: median %.3f  avg %.3f  p99 %.3f  min %.3f  max %.3f\n", median, sum / n, p99, v[1], v[n]
        printf "target median < 1 ms: %s\n", (median < 1.0) ? "met" : "MISSED"
    }' "$WORK/ms.txt"

echo "== throughput: 5 s with 20 queries outstanding"
dnsperf -s "$BRIDGE" -p "$PORT" -d "$WORK/queries.txt" -l 5 -q 20 2>&1 \
    | grep -E "Queries (sent|completed|lost)|Queries per second|Average Latency"
