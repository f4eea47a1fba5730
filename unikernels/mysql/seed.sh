#!/bin/bash
# seed.sh BUILDROOT SEEDDIR: the data image's content for the mysql unikernel.
# Prepares a MariaDB data directory with mariadb-install-db inside the build root
# (with this unikernel's my.cnf), then adds the user rump (no password, any host)
# and the demo database. Result: SEEDDIR/mysql, owned by the build root's mysql user.
set -euo pipefail
ROOT=$1 SEED=$2
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
WORK=/tmp/unikernel-seed-mysql.$$
rm -rf "$ROOT$WORK"; mkdir -p "$ROOT$WORK"
trap 'rm -rf "$ROOT$WORK"' EXIT
cp "$HERE/etc/mysql/my.cnf" "$ROOT$WORK/my.cnf"
# mariadb-install-db insists on resolving localhost in the build root.
grep -qw localhost "$ROOT/etc/hosts" 2>/dev/null || printf '127.0.0.1\tlocalhost\n' >> "$ROOT/etc/hosts"
cat > "$ROOT$WORK/seed.sql" <<'SQL'
FLUSH PRIVILEGES;
CREATE USER 'rump'@'%' IDENTIFIED BY '';
GRANT ALL PRIVILEGES ON *.* TO 'rump'@'%' WITH GRANT OPTION;
CREATE DATABASE demo CHARACTER SET utf8mb4;
CREATE TABLE demo.unikernels (
  name VARCHAR(64) NOT NULL PRIMARY KEY,
  year INT NOT NULL,
  what VARCHAR(255) NOT NULL
);
INSERT INTO demo.unikernels (name, year, what) VALUES
  ('MirageOS', 2013, 'OCaml library operating system'),
  ('OSv', 2013, 'a kernel for running one application in the cloud'),
  ('rumprun', 2015, 'NetBSD rump kernels running nginx, MySQL and PHP'),
  ('IncludeOS', 2015, 'C++ applications linked with their own operating system'),
  ('Lupine Linux', 2020, 'a Linux in unikernel clothing');
SQL
chmod 644 "$ROOT$WORK/my.cnf" "$ROOT$WORK/seed.sql"
printf 'seed mysql: mariadb-install-db\n' >&2
chroot "$ROOT" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LC_ALL=C \
    mariadb-install-db --defaults-file="$WORK/my.cnf" --datadir="$WORK/mysql" --user=mysql \
    --skip-test-db --skip-name-resolve >"$ROOT$WORK/install.log" 2>&1 \
    || { cat "$ROOT$WORK/install.log" >&2; exit 1; }
printf 'seed mysql: user rump, database demo\n' >&2
chroot "$ROOT" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LC_ALL=C \
    mariadbd --defaults-file="$WORK/my.cnf" --datadir="$WORK/mysql" --user=mysql --bootstrap \
    --skip-name-resolve --skip-networking < "$ROOT$WORK/seed.sql" >"$ROOT$WORK/bootstrap.log" 2>&1 \
    || { cat "$ROOT$WORK/bootstrap.log" >&2; exit 1; }
rm -f "$ROOT$WORK"/mysql/*.err
rm -rf "$SEED/mysql"; mkdir -p "$SEED"
cp -a "$ROOT$WORK/mysql" "$SEED/mysql"
