#!/usr/bin/env bash
# QEMU start -> first HTTP 200 under TCG, without Docker: our own unikernel (unikernel/httpd's
# payload) and the Linux-based nginx guest (its image's kernel, initrd and config disk), each
# booted RUNS times (default 10) exactly as the runner boots them, on a tap in a private network
# namespace. Prints every run and the median. Builds the images first if needed. Run as root.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-10}
CACHE=${UNIKERNEL_CACHE:-/var/cache/docker-unikernel}
NS=ukbench-lan
./docker-unikernel build httpd nginx >/dev/null
cleanup() { ip netns del "$NS" 2>/dev/null || true; }
trap cleanup EXIT
cleanup
ip netns add "$NS"
ip link add ukbench-h type veth peer name veth0 netns "$NS"
ip -n "$NS" link add br0 type bridge
ip -n "$NS" tuntap add tap0 mode tap
ip -n "$NS" link set veth0 master br0
ip -n "$NS" link set tap0 master br0
for l in lo br0 veth0 tap0; do ip -n "$NS" link set "$l" up; done
ip addr add 10.251.250.1/24 dev ukbench-h
ip link set ukbench-h up
/usr/bin/python3 - "$RUNS" "$NS" "$CACHE/payload/httpd" "$CACHE/context/nginx-latest/unikernel" <<'PY'
import json, socket, statistics, subprocess, sys, time
runs, ns, httpd, nginx = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
khz = next(int(float(l.split(":")[1]) * 1000) for l in open("/proc/cpuinfo") if l.startswith("cpu MHz"))
net = {"hostname": "bench", "net": {"if": "eth0", "type": "inet", "method": "static",
       "addr": "10.251.250.2", "mask": "24", "gw": "10.251.250.1"}}
# What guest/runtime/runner passes, for each guest.
guests = {
    "httpd (our own unikernel)": (f"{httpd}/kernel.elf", f"{httpd}/rootfs.cpio", [], 32, 16,
                                  json.load(open(f"{httpd}/cmdline.json")), ""),
    "nginx (Linux-based)": (f"{nginx}/vmlinux", f"{nginx}/initrd.cpio",
                            ["-drive", f"file={nginx}/config.iso,if=virtio,format=raw,readonly=on"], 64, 64,
                            json.load(open(f"{nginx}/guest.json")), "console=ttyS0 quiet panic=-1 no_timer_check "),
}
def first_200(kernel, initrd, disks, mem, tb, rest, args):
    cfg = json.dumps({**net, **rest}, separators=(",", ":")).replace(" ", "\\u0020")
    # nsenter joins the network namespace only: 'ip netns exec' also remounts /sys in a mount
    # namespace of its own, 2-3 ms that the runner, started inside its namespace, never pays.
    cmd = ["nsenter", f"--net=/run/netns/{ns}", "qemu-system-x86_64", "-M", "pc", "-bios", "/usr/share/qemu/qboot.rom",
           "-nodefaults", "-no-user-config", "-display", "none", "-no-reboot",
           "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04", "-device", "pvpanic-pci",
           "-action", "panic=exit-failure", "-kernel", kernel, "-initrd", initrd, "-accel", f"tcg,tb-size={tb}",
           "-m", str(mem), "-smp", "1", "-serial", "null", "-monitor", "none", *disks,
           "-netdev", "tap,id=n0,ifname=tap0,script=no,downscript=no",
           "-device", "virtio-net-pci,netdev=n0,mac=52:54:00:be:1c:01,romfile=",
           "-append", f"{args}tsc_early_khz={khz} tsc=reliable -- {cfg}"]
    t0 = time.monotonic()
    qemu = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while time.monotonic() - t0 < 30:
            # Fresh sockets, short connect timeouts: Linux retries an unanswered SYN only after 1 s.
            with socket.socket() as s:
                s.settimeout(0.02)
                try:
                    s.connect(("10.251.250.2", 80))
                    s.settimeout(2)
                    s.sendall(b"GET / HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n")
                    if s.recv(12) == b"HTTP/1.1 200":
                        return (time.monotonic() - t0) * 1000
                except OSError:
                    pass
        return float("nan")
    finally:
        qemu.terminate()
        qemu.wait()
        subprocess.run(["ip", "neigh", "flush", "dev", "ukbench-h"], check=False)
for name, g in guests.items():
    ms = [first_200(*g) for _ in range(runs)]
    print(f"{name}: QEMU start -> first HTTP 200 median {statistics.median(ms):.0f} ms "
          f"(runs: {' '.join(f'{m:.0f}' for m in ms)})")
PY
