#!/usr/bin/env bash
# Makes a fresh Debian/Ubuntu machine ready to build, test and run the demo: installs the
# missing packages and starts dockerd when it is not running. Safe to run again: it only
# does what is missing. Run as root.
set -euo pipefail

say() { printf 'prepare-host: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

[ "$(id -u)" -eq 0 ] || die "needs root: run it as root, or through sudo where sudo is installed"

# command-or-file:package pairs; a package is installed only when its marker is missing.
needs=(
  java:openjdk-17-jdk-headless
  mvn:maven
  dockerd:docker.io
  qemu-system-x86_64:qemu-system-x86
  /bin/busybox:busybox-static
  dig:dnsutils
  ip:iproute2
  xz:xz-utils
  cpio:cpio
  curl:curl
  ping:iputils-ping
  tmux:tmux
  # replaying the console's recordings (asciicast v2): asciinema play|cat FILE
  asciinema:asciinema
  # building the unikernel images: guest kernel, init, Debian build root, config and data images
  make:build-essential
  musl-gcc:musl-tools
  bc:bc
  bison:bison
  flex:flex
  /usr/include/libelf.h:libelf-dev
  /usr/include/openssl/ssl.h:libssl-dev
  /usr/src/linux-source-6.1.tar.xz:linux-source-6.1
  debootstrap:debootstrap
  genisoimage:genisoimage
  mke2fs:e2fsprogs
  jq:jq
  /usr/bin/python3:python3
  # the tests' real MariaDB client
  mariadb:mariadb-client
  # our own unikernel: musl's static libc.a; the boot tests' lossy link (this kernel has no netem)
  /usr/lib/x86_64-linux-musl/libc.a:musl-dev
  nft:nftables
  # the OCI runtime: docker compose of the blog cluster, containerd's CNI bridge for ctr run
  docker-compose:docker-compose
  /usr/lib/cni/bridge:containernetworking-plugins
)
missing=()
for pair in "${needs[@]}"; do
  marker=${pair%%:*} package=${pair#*:}
  if [[ $marker == /* ]]; then [ -e "$marker" ] && continue; else command -v "$marker" >/dev/null 2>&1 && continue; fi
  missing+=("$package")
done
# The test guests boot Debian's generic kernel as an uncompressed ELF.
ls /boot/vmlinuz-* >/dev/null 2>&1 || missing+=(linux-image-amd64)

if [ ${#missing[@]} -gt 0 ]; then
  command -v apt-get >/dev/null 2>&1 \
    || die "no apt-get here: install these yourself, then run me again: ${missing[*]}"
  say "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq || die "apt-get update failed: check the network and /etc/apt/sources.list"
  apt-get install -y -qq "${missing[@]}" >/dev/null \
    || die "apt-get install failed for: ${missing[*]}"
fi

if ! grep -qw macvtap /proc/devices; then
  modprobe macvtap 2>/dev/null || die "the macvtap kernel module is missing: install your kernel's modules (linux-modules-extra on Ubuntu) and run 'modprobe macvtap'"
fi

# The host's own containerd (Debian's config, /run/containerd/containerd.sock), which `ctr run`
# and a Kubernetes node use. Started before dockerd, as systemd orders them: a dockerd started
# after it uses it rather than a containerd of its own.
if ! ctr version >/dev/null 2>&1; then
  say "starting containerd (log: /var/log/containerd.log)"
  if command -v systemctl >/dev/null 2>&1 && systemctl is-system-running >/dev/null 2>&1; then
    systemctl start containerd
  else
    nohup containerd >>/var/log/containerd.log 2>&1 &
  fi
  for _ in $(seq 1 60); do ctr version >/dev/null 2>&1 && break; sleep 0.5; done
  ctr version >/dev/null 2>&1 || die "containerd did not come up: see /var/log/containerd.log"
fi

if ! docker info >/dev/null 2>&1; then
  say "starting dockerd (log: /var/log/dockerd.log)"
  if command -v systemctl >/dev/null 2>&1 && systemctl is-system-running >/dev/null 2>&1; then
    systemctl start docker
  else
    nohup dockerd >/var/log/dockerd.log 2>&1 &
  fi
  for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && break; sleep 0.5; done
  docker info >/dev/null 2>&1 || die "dockerd did not come up: see /var/log/dockerd.log"
fi
