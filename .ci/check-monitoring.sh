#!/usr/bin/env bash
# CI: the monitoring of docker/ before anything slow runs. Prometheus's config and alert rules with
# promtool (Debian's prometheus package), the rules' unit tests (docker/prometheus/alerts.test.yml),
# and the Grafana dashboard: valid JSON, the provisioned datasource, and only metric names the
# gateway exports (.ci/check-monitoring.py). Prints one line of what it checked; CI runs as root.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v promtool >/dev/null 2>&1; then
    apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends prometheus >/dev/null
    if [ ! -x /usr/bin/promtool ]; then
        echo "check-monitoring: Debian's prometheus package installed no /usr/bin/promtool" >&2
        exit 1
    fi
fi
# Debian's python3 with its YAML module (a python3 of its own on the PATH may lack it).
PYTHON=/usr/bin/python3
if ! "$PYTHON" -c 'import yaml' 2>/dev/null; then
    apt-get install -y -q --no-install-recommends python3-yaml >/dev/null
fi

# Each promtool step prints its output only when it fails. Paths in prometheus.yml (rule_files) are
# relative to its own folder, so run there.
run() {
    local out
    if ! out="$(cd docker/prometheus && "$@" 2>&1)"; then
        echo "check-monitoring: '$*' in docker/prometheus failed:" >&2
        echo "$out" >&2
        exit 1
    fi
}
run promtool check rules alerts.yml
run promtool check config prometheus.yml
run promtool test rules alerts.test.yml
"$PYTHON" -m json.tool docker/grafana/dashboards/medcom-gateway.json >/dev/null
names="$("$PYTHON" .ci/check-monitoring.py)"

echo "check-monitoring: promtool $(promtool --version 2>&1 | awk 'NR==1 {print $3}'): alerts.yml and prometheus.yml valid," \
     "$(grep -c 'eval_time:' docker/prometheus/alerts.test.yml) alert unit checks pass; $names"
