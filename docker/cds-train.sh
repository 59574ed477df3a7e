#!/usr/bin/env bash
# Extracts the gateway jar for class-data sharing and makes its CDS archive (used by run.sh and docker/Dockerfile):
#   bash docker/cds-train.sh JAR DIR      # DIR/medcom-gateway.jar, DIR/lib/, DIR/medcom-gateway.jsa
# Start with: java -XX:SharedArchiveFile=DIR/medcom-gateway.jsa -jar DIR/medcom-gateway.jar (the same DIR path:
# the archive records the class path). The training start runs on a data dir and port of its own and exits once
# the Spring context is refreshed (spring.context.exit=onRefresh), archiving the classes it loaded.
set -euo pipefail
JAR="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
DIR="$2"
mkdir -p "$DIR"
DIR="$(cd "$DIR" && pwd)"
rm -rf "$DIR/lib" "$DIR/medcom-gateway.jar" "$DIR/medcom-gateway.jsa"
java -Djarmode=tools -jar "$JAR" extract --force --destination "$DIR" >/dev/null
# The extracted jar is named after the one given; the gateway's scripts expect medcom-gateway.jar.
[ -f "$DIR/medcom-gateway.jar" ] || mv "$DIR/$(basename "$JAR")" "$DIR/medcom-gateway.jar"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
# Saxon's jar is signed, so CDS leaves its classes out; the JDK 17 dump then crashes on the lambdas Saxon makes
# when it is the XSLT provider (SIGSEGV in SystemDictionaryShared::adjust_lambda_proxy_class_dictionary, JDK-8274944's
# kind). The training start uses the JDK's own provider; the gateway itself still gets Saxon, unarchived.
if ! (cd "$WORK" && java -XX:ArchiveClassesAtExit="$DIR/medcom-gateway.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off \
        -Djavax.xml.transform.TransformerFactory=com.sun.org.apache.xalan.internal.xsltc.trax.TransformerFactoryImpl \
        -Dspring.context.exit=onRefresh -jar "$DIR/medcom-gateway.jar" \
        --server.port=0 --gateway.data-dir="$WORK/data" > "$WORK/training.log" 2>&1); then
    echo "cds-train.sh: the training start failed; the gateway runs without the archive. Its log:" >&2
    tail -40 "$WORK/training.log" >&2
    rm -f "$DIR/medcom-gateway.jsa"
fi
