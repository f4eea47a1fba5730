#!/usr/bin/env bash
# Builds target/docker-unikernel.jar when it is missing or older than the sources, then dumps a
# class-data-sharing archive of the classes the commands load (it halves the JVM's start-up,
# which is most of what a CLI launch costs beyond Docker itself), and on top of it a dynamic
# archive of the OCI runtime's create (docker-unikernel-create.jsa).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
jar=$root/target/docker-unikernel.jar
jsa=$root/target/docker-unikernel.jsa
createjsa=$root/target/docker-unikernel-create.jsa
if [ ! -f "$jar" ] || [ -n "$(find src pom.xml -newer "$jar" -print -quit)" ]; then
  echo "docker-unikernel: building $jar ..." >&2
  mvn -q -B -DskipTests package >&2
  rm -f "$jsa" "$createjsa"
fi
[ -f "$jsa" ] && [ -f "$createjsa" ] && exit 0
rm -f "$jsa" "$createjsa"
# Class lists from commands that change nothing: help, ps, and a run of an image that does not
# exist, which goes through the checks, the native bindings and Docker's create call.
lists=$(mktemp -d)
trap 'rm -rf "$lists"' EXIT
java -XX:DumpLoadedClassList="$lists/help" -cp "$jar" io.unikernel.demo.cli.Main --help >/dev/null 2>&1 || true
if docker info >/dev/null 2>&1; then
  java -XX:DumpLoadedClassList="$lists/ps" -cp "$jar" io.unikernel.demo.cli.Main ps >/dev/null 2>&1 || true
  java -XX:DumpLoadedClassList="$lists/run" -cp "$jar" io.unikernel.demo.cli.Main \
    run unikernel-training/not-an-image >/dev/null 2>&1 || true
fi
# The OCI runtime's create of one of our images, on a scratch bundle with `true` standing in for
# runc (nothing is created): the verdict, the config.json edit, runc's start, the native bindings,
# then the failure path (no pid from `true state`). Its JVM starts for every unikernel container
# an engine creates, so its lambda and proxy classes, which a class list cannot hold, go into a
# dynamic archive on top of the static one.
mkdir "$lists/bundle"
echo '{}' >"$lists/bundle/config.json"
create() {
  java "$@" -Dunikernel.runc=true -cp "$jar" io.unikernel.demo.runtime.RuntimeMain \
    create --bundle "$lists/bundle" docker-unikernel-training >/dev/null 2>&1 || true
  echo '{}' >"$lists/bundle/config.json"
}
create -XX:DumpLoadedClassList="$lists/runtime"
cat "$lists"/help "$lists"/ps "$lists"/run "$lists"/runtime 2>/dev/null | sort -u >"$lists/all.classlist"
java -Xshare:dump -XX:SharedClassListFile="$lists/all.classlist" -XX:SharedArchiveFile="$jsa" -cp "$jar" \
  >/dev/null 2>&1 || { rm -f "$jsa"; echo "docker-unikernel: no class-data archive (start-up will be slower)" >&2; exit 0; }
create -XX:SharedArchiveFile="$jsa" -XX:ArchiveClassesAtExit="$createjsa"
[ -f "$createjsa" ] || echo "docker-unikernel: no class-data archive for the runtime's create (its start-up will be slower)" >&2
