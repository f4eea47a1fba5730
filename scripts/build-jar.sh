#!/usr/bin/env bash
# Builds target/docker-unikernel.jar when it is missing or older than the sources, then dumps a
# class-data-sharing archive of the classes the commands load: it halves the JVM's start-up,
# which is most of what a CLI launch costs beyond Docker itself.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
jar=$root/target/docker-unikernel.jar
jsa=$root/target/docker-unikernel.jsa
if [ ! -f "$jar" ] || [ -n "$(find src pom.xml -newer "$jar" -print -quit)" ]; then
  echo "docker-unikernel: building $jar ..." >&2
  mvn -q -B -DskipTests package >&2
  rm -f "$jsa"
fi
[ -f "$jsa" ] && exit 0
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
# The OCI runtime's create of one of our images, stopped at a bundle that does not exist: its
# JVM starts for every unikernel container an engine creates.
java -XX:DumpLoadedClassList="$lists/runtime" -cp "$jar" io.unikernel.demo.runtime.RuntimeMain \
  create --bundle /nonexistent/docker-unikernel-bundle not-a-container >/dev/null 2>&1 || true
cat "$lists"/* | sort -u >"$lists/all.classlist"
java -Xshare:dump -XX:SharedClassListFile="$lists/all.classlist" -XX:SharedArchiveFile="$jsa" -cp "$jar" \
  >/dev/null 2>&1 || { rm -f "$jsa"; echo "docker-unikernel: no class-data archive (start-up will be slower)" >&2; }
