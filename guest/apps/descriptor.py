#!/usr/bin/python3
"""descriptor.py FILE: checks a unikernel.yaml and prints it as normalised JSON
(every key present, defaults filled in). Exit status 1 with a message on a bad file.
Used by payload.sh; the Java build pipeline reads the same YAML with snakeyaml."""
import json
import sys

import yaml

KEYS = {"description", "kind", "app", "packages", "binaries", "files", "content", "dirs", "users",
        "rc", "env", "memory", "ports", "data", "volume"}
# kind: unikernel is one of our own (guest/unikernel/apps/APP): no Debian packages, no Linux.
LINUX_ONLY = {"packages", "binaries", "files", "dirs", "users", "data", "volume"}


def fail(msg):
    sys.exit(f"{sys.argv[1]}: {msg}")


def strings(d, key, absolute=False):
    v = d.get(key) or []
    if not isinstance(v, list) or not all(isinstance(x, str) and x for x in v):
        fail(f"{key} must be a list of strings")
    if absolute and not all(x.startswith("/") for x in v):
        fail(f"{key}: paths must be absolute")
    return v


def main():
    with open(sys.argv[1]) as fh:
        d = yaml.safe_load(fh)
    if not isinstance(d, dict):
        fail("not a map")
    unknown = set(d) - KEYS
    if unknown:
        fail(f"unknown keys: {', '.join(sorted(unknown))}")
    kind = d.get("kind", "linux")
    if kind not in ("linux", "unikernel"):
        fail("kind: linux (an application on our minimal Linux) or unikernel (one of guest/unikernel/apps)")
    if kind == "unikernel":
        if not isinstance(d.get("app"), str) or not d["app"]:
            fail("app: the application under guest/unikernel/apps (kind: unikernel)")
        extra = LINUX_ONLY & set(d)
        if extra:
            fail(f"kind: unikernel has no Linux to put {', '.join(sorted(extra))} in")
    elif "app" in d:
        fail("app: only with kind: unikernel")
    out = {
        "kind": kind,
        "app": d.get("app"),
        "description": str(d.get("description") or ""),
        "packages": strings(d, "packages"),
        "binaries": strings(d, "binaries", absolute=True),
        "files": strings(d, "files", absolute=True),
        "users": strings(d, "users"),
        "env": strings(d, "env"),
    }
    if kind == "linux" and not out["binaries"]:
        fail("binaries: at least one")
    for e in out["env"]:
        if "=" not in e:
            fail(f"env: {e!r} is not NAME=VALUE")
    content = []
    for c in d.get("content") or []:
        if not isinstance(c, dict) or not isinstance(c.get("from"), str) \
                or not str(c.get("to", "")).startswith("/") \
                or set(c) - {"from", "to", "zip", "persist"}:
            fail("content: entries are {from: DIR, to: /PATH[, zip: DIR][, persist: SUBDIR]}")
        content.append({"from": c["from"], "to": c["to"], "zip": c.get("zip"),
                        "persist": c.get("persist")})
    out["content"] = content
    dirs = []
    for x in d.get("dirs") or []:
        if not isinstance(x, dict) or not str(x.get("path", "")).startswith("/") \
                or set(x) - {"path", "owner", "mode"}:
            fail("dirs: entries are {path: /PATH[, owner: USER][, mode: '0755']}")
        dirs.append({"path": x["path"], "owner": str(x.get("owner") or "root"),
                     "mode": str(x.get("mode") or "0755")})
    out["dirs"] = dirs
    rc = []
    for r in d.get("rc") or []:
        if not isinstance(r, dict) or not str(r.get("bin", "")).startswith("/") \
                or set(r) - {"bin", "argv", "runmode"}:
            fail("rc: entries are {bin: /PATH, argv: [ARG...][, runmode: '&']}")
        argv = r.get("argv") or []
        if not isinstance(argv, list):
            fail("rc: argv must be a list")
        entry = {"bin": r["bin"], "argv": [str(a) for a in argv]}
        if r.get("runmode"):
            entry["runmode"] = str(r["runmode"])
        rc.append(entry)
    if not rc:
        fail("rc: at least one program")
    out["rc"] = rc
    mem = d.get("memory")
    if not isinstance(mem, int) or mem < 16:
        fail("memory: MiB, an integer >= 16")
    out["memory"] = mem
    ports = d.get("ports") or []
    if not isinstance(ports, list) or not all(isinstance(p, int) for p in ports):
        fail("ports must be a list of integers")
    out["ports"] = ports
    data = d.get("data")
    if data is not None:
        if not isinstance(data, dict) or not isinstance(data.get("size"), int) \
                or set(data) - {"size", "seed", "seed-command"} \
                or ("seed" in data and "seed-command" in data):
            fail("data: {size: MiB[, seed: DIR | seed-command: SCRIPT]}")
        data = {"size": data["size"], "seed": data.get("seed"),
                "seed-command": data.get("seed-command")}
    out["data"] = data
    vol = d.get("volume", False)
    if not isinstance(vol, bool) or (vol and data is None):
        fail("volume: true or false (true needs data)")
    out["volume"] = vol
    json.dump(out, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
