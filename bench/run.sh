#!/usr/bin/env bash
# The whole-path benchmark: builds the gateway jar, starts it as a process of its own on embedded
# defaults, delivers to a municipal system on loopback and drives it at 4, 16 and 64 concurrent senders
# (structural validation, then full profile validation), then the raw persistent Artemis broker with
# the same payloads. Report: bench/results/<timestamp>.json; last line of output: "ratio: 0.NN".
#
#   bench/run.sh                                  # defaults: 4 min warm-up, 20 s per step
#   bench/run.sh --duration=60 --concurrency=8,32 --validation=structural
#   bench/run.sh --messages=1000000 --duration=86400 --concurrency=16 --baseline=false   # a long run
#   SKIP_BUILD=1 bench/run.sh ...                 # reuse target/medcom-gateway.jar and the test classes
# Options: see dk.medcomgateway.support.load.GatewayBench. Figures are only meaningful on a quiet machine.
set -euo pipefail
if ! source "$(dirname "$0")/build.sh"; then
  echo "bench/run.sh: the build failed (see above), nothing was measured" >&2
  exit 1
fi
exec java -Xmx1g -cp "$TEST_CLASSPATH" dk.medcomgateway.support.load.GatewayBench "$@"
