#!/usr/bin/env bash
# Builds target/docker-unikernel.jar when it is missing or older than the sources, then records a
# class-data-sharing archive of the classes a command loads: it cuts the JVM's start-up, which is
# most of what a CLI launch costs beyond Docker itself.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=target/docker-unikernel.jar
jsa=target/docker-unikernel.jsa
if [ ! -f "$jar" ] || [ -n "$(find src pom.xml -newer "$jar" -print -quit)" ]; then
  echo "docker-unikernel: building $jar ..." >&2
  mvn -q -B -DskipTests package >&2
  rm -f "$jsa"
fi
if [ ! -f "$jsa" ] && docker info >/dev/null 2>&1; then
  java -XX:ArchiveClassesAtExit="$jsa" -Xlog:cds=off -Xlog:cds+dynamic=off -jar "$jar" ps >/dev/null 2>&1 || rm -f "$jsa"
fi
