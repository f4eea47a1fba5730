#!/bin/bash
# chroot-check.sh [LOGDIR]
#
# Proves each unikernel payload is complete without the guest kernel and init: builds
# the six images (docker-unikernel build, which leaves their payloads in
# $UNIKERNEL_CACHE/payload/NAME), then,
# in private network, mount and PID namespaces (nothing touches the host's ports or
# mounts), unpacks each payload into a directory the way the guest sees it
#   /      rootfs.cpio
#   /etc   config.iso's files, bind-mounted read-only
#   /data  a copy of data.img, loop-mounted (ext4)
# and starts the application from cmdline.json with `env -i ENV chroot DIR BIN ARGV...`,
# then talks to it over the namespace's loopback:
#   nginx             GET / -> 200 with the landing page
#   mysql             mariadb -h 127.0.0.1 -u rump (client from the build root) -> demo rows
#   nginx-fastcgi+php GET /index.php and /phpinfo.php through nginx -> rendered by php-cgi
#   nginx/php-blog    GET / lists the seed posts; POST admin.php adds one; it is in
#                     /data/posts, and still in the ext4 image after php-cgi is stopped
# The one difference from a guest: "php" and "php-blog" resolve through /etc/hosts
# (127.0.0.1) instead of the DNS server. Exit status 0 when every check passed.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CACHE=${UNIKERNEL_CACHE:-/var/cache/docker-unikernel}
NAMES="nginx mysql nginx-fastcgi php nginx-nibbleblog php-nibbleblog"
ROOT=$CACHE/buildroot

if [ "${1:-}" != --inner ]; then
    [ "$(id -u)" = 0 ] || { echo "chroot-check: must run as root" >&2; exit 1; }
    LOGS=${1:-/tmp/unikernel-check}
    # shellcheck disable=SC2086
    "$HERE/../../docker-unikernel" build $NAMES >/dev/null
    W=$(mktemp -d "${TMPDIR:-/tmp}/chroot-check.XXXXXX")
    rc=0
    unshare --net --mount --pid --fork --mount-proc --propagation private -- "$0" --inner "$CACHE/payload" "$W" || rc=$?
    # the applications' own output (serial console, in a guest), for a look afterwards
    mkdir -p "$LOGS" && cp "$W"/*.log "$LOGS/" 2>/dev/null || true
    echo "(application logs in $LOGS)"
    rm -rf "$W"
    exit "$rc"
fi

# ---- inside the namespaces ----
OUTBASE=$2
W=$3
ip link set lo up
FAILS=0
pass() { printf 'PASS %s\n' "$*"; }
fail() { printf 'FAIL %s\n' "$*"; FAILS=$((FAILS + 1)); }
note() { printf '     %s\n' "$*"; }

# assemble NAME: the guest's view of the payload in $W/NAME
assemble() {
    local n=$1 p=$OUTBASE/$1 d=$W/$1
    mkdir -p "$d"
    (cd "$d" && cpio -idm --quiet --no-absolute-filenames < "$p/rootfs.cpio")
    # config.iso: extract every file (Rock Ridge names) with isoinfo
    isoinfo -R -l -i "$p/config.iso" | awk '
        /^Directory listing of / { dir = $4; next }
        /^-/ { print dir $NF }' | while read -r f; do
        mkdir -p "$d/etc$(dirname "$f")"
        isoinfo -R -i "$p/config.iso" -x "$f" > "$d/etc$f"
    done
    # the names the guest gets from DNS
    printf '127.0.0.1\tphp php-blog\n' >> "$d/etc/hosts"
    mount --bind "$d/etc" "$d/etc"
    mount -o remount,bind,ro "$d/etc"
    if [ -f "$p/data.img" ]; then
        cp "$p/data.img" "$W/$n.data.img"
        mount -o loop "$W/$n.data.img" "$d/data"
    fi
    mount -t proc proc "$d/proc"
}

# start NAME: runs its rc programs (from cmdline.json) in the background; log in $W/NAME.log
declare -A PIDS
start() {
    local n=$1 c=$OUTBASE/$1/cmdline.json bin
    local -a env argv
    mapfile -t env < <(jq -r '.env[]' "$c")
    bin=$(jq -r '.rc[0].bin' "$c")
    mapfile -t argv < <(jq -r '.rc[0].argv[]' "$c")
    env -i "${env[@]}" /usr/sbin/chroot "$W/$n" "$bin" "${argv[@]}" > "$W/$n.log" 2>&1 &
    PIDS[$n]=$!
}
stop() { # NAME: reports the application's resident memory, then stops it
    local pid rss=""
    pid=$(pgrep -P "${PIDS[$1]}" | head -n1 || true); pid=${pid:-${PIDS[$1]}}
    rss=$(awk '/^VmRSS/ { printf "%d MiB", $2 / 1024 }' "/proc/$pid/status" 2>/dev/null || true)
    [ -z "$rss" ] || note "$1: resident memory after the checks: $rss"
    kill "${PIDS[$1]}" 2>/dev/null || true; wait "${PIDS[$1]}" 2>/dev/null || true
}
wait_port() { # PORT SECONDS
    local i
    for ((i = 0; i < $2 * 10; i++)); do
        (exec 3<>/dev/tcp/127.0.0.1/$1) 2>/dev/null && return 0
        sleep 0.1
    done
    return 1
}
showlog() { sed 's/^/     | /' "$W/$1.log" | tail -n 15; }

for n in $NAMES; do assemble "$n"; done

echo "== nginx"
start nginx
if wait_port 80 10 && page=$(curl -fsS http://127.0.0.1/) \
   && grep -q 'nginx unikernel' <<<"$page" && ! grep -q '@UNIKERNEL_SIZE@' <<<"$page"; then
    pass "nginx: GET / 200, landing page ($(grep -o '<b>[0-9.]* MB</b>' <<<"$page" | tr -d '<>/b'))"
else fail "nginx: GET /"; showlog nginx; fi
stop nginx

echo "== mysql"
start mysql
if wait_port 3306 30 && rows=$(chroot "$ROOT" mariadb -h 127.0.0.1 -u rump -e 'select * from demo.unikernels order by year, name' 2>&1); then
    pass "mysql: rump@127.0.0.1 without password, demo.unikernels:"
    sed 's/^/     | /' <<<"$rows"
    who=$(chroot "$ROOT" mariadb -h 127.0.0.1 -u rump -N -e 'select current_user()')
    [ "$who" = 'rump@%' ] && pass "mysql: current_user() = $who" || fail "mysql: current_user() = $who"
else fail "mysql: query (${rows:-no answer})"; showlog mysql; fi
stop mysql

echo "== nginx-fastcgi + php"
start php
wait_port 8000 10 || { fail "php: port 8000"; showlog php; }
start nginx-fastcgi
if wait_port 80 10 && page=$(curl -fsS http://127.0.0.1/) && grep -q 'Hello from a PHP unikernel' <<<"$page" \
   && grep -q '<code>127.0.0.1</code>' <<<"$page"; then
    pass "nginx-fastcgi -> php: GET / renders index.php (client address and time shown)"
    note "$(grep -o 'Time (UTC)</td><td><code>[^<]*' <<<"$page" | sed 's/<[^>]*>/ /g')"
else fail "nginx-fastcgi -> php: GET /"; showlog nginx-fastcgi; showlog php; fi
if page=$(curl -fsS http://127.0.0.1/phpinfo.php) && grep -q 'PHP Version' <<<"$page"; then
    pass "nginx-fastcgi -> php: phpinfo.php ($(grep -o 'PHP Version [0-9.]*' <<<"$page" | head -n1))"
else fail "nginx-fastcgi -> php: phpinfo.php"; showlog php; fi
code=$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1/nothing.php)
[ "$code" = 404 ] && pass "nginx-fastcgi -> php: missing script -> 404" || fail "missing script -> $code"
stop nginx-fastcgi; stop php

echo "== nginx-nibbleblog + php-nibbleblog"
start php-nibbleblog
wait_port 8000 10 || { fail "php-nibbleblog: port 8000"; showlog php-nibbleblog; }
start nginx-nibbleblog
if wait_port 80 10 && page=$(curl -fsS http://127.0.0.1/) && grep -q 'Where do the posts live' <<<"$page" \
   && grep -q 'Unikernels, meet Docker' <<<"$page"; then
    first=$(grep -o '<h2><a href="/post.php?id=[0-9]*">[^<]*' <<<"$page" | head -n1 | sed 's/.*">//')
    [ "$first" = 'Where do the posts live?' ] && pass "blog: GET / lists the two seed posts, newest first" \
        || fail "blog: order (first: $first)"
else fail "blog: GET /"; showlog nginx-nibbleblog; showlog php-nibbleblog; fi
css=$(curl -s -o /dev/null -w '%{http_code} %{content_type}' http://127.0.0.1/style.css)
[ "${css%% *}" = 200 ] && pass "blog: style.css from nginx ($css)" || fail "blog: style.css ($css)"
loc=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' --data-urlencode 'title=Hello <b>from</b> the check' \
      --data-urlencode 'body=Posted by chroot-check.sh & escaped: <script>alert(1)</script>' http://127.0.0.1/admin.php)
if [ "$loc" = "303 http://127.0.0.1/post.php?id=3" ]; then
    pass "blog: POST admin.php -> $loc"
    page=$(curl -fsS 'http://127.0.0.1/post.php?id=3')
    grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' <<<"$page" && ! grep -q '<script>' <<<"$page" \
        && pass "blog: post.php?id=3 shows the post, HTML escaped" || fail "blog: post.php?id=3"
    [ -f "$W/php-nibbleblog/data/posts/000003.json" ] && pass "blog: /data/posts/000003.json written" \
        || fail "blog: no /data/posts/000003.json"
else fail "blog: POST admin.php -> $loc"; showlog php-nibbleblog; fi
code=$(curl -s -o /dev/null -w '%{http_code}' --data 'title=&body=x' http://127.0.0.1/admin.php)
[ "$code" = 400 ] && pass "blog: empty title refused (400)" || fail "blog: empty title -> $code"
stop nginx-nibbleblog; stop php-nibbleblog
umount "$W/php-nibbleblog/data"
if debugfs -R 'cat /posts/000003.json' "$W/php-nibbleblog.data.img" 2>/dev/null | grep -q 'Hello <b>from</b> the check'; then
    pass "blog: the new post persists in the ext4 data image"
else fail "blog: post not in the data image"; fi

echo "== $([ $FAILS = 0 ] && echo "all checks passed" || echo "$FAILS check(s) failed")"
[ "$FAILS" = 0 ]
