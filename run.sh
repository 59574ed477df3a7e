#!/usr/bin/env bash
# Runs the gateway from this clone, started with class-data sharing (Spring Boot's CDS support):
#   bash run.sh [--server.port=8081 ...]        # arguments go to the gateway; JAVA_OPTS to the JVM
# Builds target/medcom-gateway.jar when it is missing or older than the sources, extracts it to target/app/
# and, once per jar, makes the CDS archive with a training start (throw-away data dir and port; it exits once
# the Spring context is up). The gateway runs in the current directory: its config/, routes/ and data/ as with
# java -jar. Without the archive (or with a JVM that cannot use it) it starts all the same, only slower.
# G1's string deduplication: the validation chains' definitions hold the same strings many times over, and
# sharing them takes an idle gateway's heap from about 62 % to 54 % of -Xmx512m (docs/performance.md, Memory).
# JAVA_OPTS come after it and win (-XX:-UseStringDeduplication turns it off).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")" && pwd)"
JAR="$ROOT/target/medcom-gateway.jar"
APP="$ROOT/target/app"

if [ ! -f "$JAR" ] || [ -n "$(find "$ROOT/pom.xml" "$ROOT/src/main" "$ROOT/routes" "$ROOT/config" -newer "$JAR" -print -quit)" ]; then
    (cd "$ROOT" && mvn -B -q package -DskipTests)
fi
if [ ! -f "$APP/medcom-gateway.jar" ] || [ "$JAR" -nt "$APP/medcom-gateway.jar" ]; then
    bash "$ROOT/docker/cds-train.sh" "$JAR" "$APP"
fi
CDS=()
if [ -f "$APP/medcom-gateway.jsa" ]; then
    CDS=(-XX:SharedArchiveFile="$APP/medcom-gateway.jsa")
fi
# shellcheck disable=SC2086
exec java "${CDS[@]}" -XX:+UseStringDeduplication ${JAVA_OPTS:-} -jar "$APP/medcom-gateway.jar" "$@"
