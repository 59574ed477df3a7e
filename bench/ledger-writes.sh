#!/usr/bin/env bash
# The embedded ledger's writes alone: messages at a steady rate through a message's commits, on a fresh H2 ledger per
# group-commit linger; prints the writes of the file and the bytes written a message, CPU a message and the intake
# commit's latency. A few minutes; the host's speed hardly moves the writes.
#
#   bench/ledger-writes.sh                                     # 100 messages/s, 25 s per run, lingers 0,5,0,5 ms
#   bench/ledger-writes.sh --rate=200 --lingers=0,2,5,10       # others
#   SKIP_BUILD=1 bench/ledger-writes.sh ...                    # reuse the build
# Options: see dk.medcomgateway.support.load.LedgerWriteRun.
set -euo pipefail
if ! source "$(dirname "$0")/build.sh"; then
  echo "bench/ledger-writes.sh: the build failed (see above), nothing was run" >&2
  exit 1
fi
exec java -Xmx512m -cp "$TEST_CLASSPATH" dk.medcomgateway.support.load.LedgerWriteRun "$@"
