#!/usr/bin/env bash
# The scale-out benchmark: the packaged gateway on an external Artemis broker and PostgreSQL, first one
# instance, then two sharing broker and database, driven by the whole-path load of bench/run.sh with the
# senders spread over the instances. Starts PostgreSQL with .ci/postgres.sh (port $GATEWAY_PG_PORT,
# default 55432; needs root the first time) and the broker from the Artemis distribution Maven unpacks.
# Report: bench/results/scale-out-<timestamp>.json.
#
#   bench/scale-out.sh                                   # defaults: 1 then 2 instances, 8 and 32 senders, 20 s steps
#   bench/scale-out.sh --instances=1,2,3 --concurrency=16 --duration=60
#   SKIP_BUILD=1 bench/scale-out.sh ...                  # reuse target/medcom-gateway.jar and the test classes
# Options: see dk.medcomgateway.support.load.ScaleOutBench. Figures are only meaningful on a quiet machine.
set -euo pipefail
if ! source "$(dirname "$0")/build.sh"; then
  echo "bench/scale-out.sh: the build failed (see above), nothing was measured" >&2
  exit 1
fi
if [[ ! -d target/artemis-broker ]] && ! maven dependency:unpack@unpack-artemis-broker; then
  echo "bench/scale-out.sh: unpacking the Artemis distribution failed (see above), nothing was measured" >&2
  exit 1
fi
POSTGRES_URL="$(bash .ci/postgres.sh)"
exec java -Xmx1g -Dgateway.test.postgres-url="$POSTGRES_URL" -cp "$TEST_CLASSPATH" \
  dk.medcomgateway.support.load.ScaleOutBench "$@"
