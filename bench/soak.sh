#!/usr/bin/env bash
# The on-demand soak: the packaged gateway as a process of its own under mixed traffic (new
# HospitalNotifications and CareCommunications, duplicates, municipal acknowledgements, unreadable
# messages) at a steady rate, its municipal receiver going down and coming back on a schedule.
# Samples heap, queue depth and intake latency every interval; at the end compares the first and the
# last quarter (flat or growing) and checks every message answered ok was delivered once (exit 1 if not).
# Report: bench/results/soak-<timestamp>.csv and .json.
#
#   bench/soak.sh                                   # 1 hour, 4 messages/s, a sample every 30 s
#   bench/soak.sh --duration=300 --interval=10      # a 5-minute check
#   SKIP_BUILD=1 bench/soak.sh ...                  # reuse target/medcom-gateway.jar and the test classes
# Options: see dk.medcomgateway.support.load.SoakRun.
set -euo pipefail
if ! source "$(dirname "$0")/build.sh"; then
  echo "bench/soak.sh: the build failed (see above), no soak was run" >&2
  exit 1
fi
exec java -Xmx1g -cp "$TEST_CLASSPATH" dk.medcomgateway.support.load.SoakRun "$@"
