"""Checks the Grafana dashboard and the alert rules of docker/ against what the gateway exports.

- the dashboard is valid JSON with a uid and a schemaVersion, every panel and query uses the provisioned
  Prometheus datasource (by uid) and has an expression;
- every alert rule has labels.severity (critical, warning, info), annotations.summary and annotations.runbook;
- every metric name in a panel's or a rule's expression is in docker/prometheus/exported-metrics.txt
  (which MetricsEndpointTest holds to the gateway's real /actuator/prometheus), or Prometheus's own `up`.
Prints one line of what it checked; exits 1 with the problems otherwise.
"""
import json
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DASHBOARDS = ROOT / "docker/grafana/dashboards"
DATASOURCES = ROOT / "docker/grafana/provisioning/datasources/prometheus.yml"
ALERTS = ROOT / "docker/prometheus/alerts.yml"
EXPORTED = ROOT / "docker/prometheus/exported-metrics.txt"

PROMETHEUS_OWN = {"up", "scrape_duration_seconds", "scrape_samples_scraped"}
KEYWORDS = {"by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or", "unless",
            "offset", "atan2", "inf", "nan", "Inf", "NaN"}
SEVERITIES = {"critical", "warning", "info"}


def metric_names(expr):
    """The metric names a PromQL expression (possibly with Grafana variables) selects."""
    s = re.sub(r'"(?:[^"\\]|\\.)*"', '""', expr)
    s = re.sub(r"'(?:[^'\\]|\\.)*'", "''", s)
    s = re.sub(r"`[^`]*`", "``", s)
    s = re.sub(r"\{[^}]*\}", " ", s)
    s = re.sub(r"\[[^\]]*\]", " ", s)
    s = re.sub(r"\$\{[^}]*\}|\$\w+", " ", s)
    s = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", " ", s)
    names = set()
    for m in re.finditer(r"[a-zA-Z_:][a-zA-Z0-9_:]*", s):
        token = m.group(0)
        before = s[m.start() - 1] if m.start() > 0 else " "
        if before.isdigit() or before == ".":
            continue  # an exponent or a unit: 1e3, 5m
        if s[m.end():].lstrip().startswith("(") or token in KEYWORDS:
            continue  # a function or an operator
        names.add(token)
    return names


def panels(items):
    for panel in items:
        yield panel
        yield from panels(panel.get("panels", []))


def main():
    problems = []
    exported = set()
    for line in EXPORTED.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            exported.add(line.split()[0])
    allowed = exported | PROMETHEUS_OWN
    uids = {ds["uid"] for ds in yaml.safe_load(DATASOURCES.read_text())["datasources"]}

    def check_names(where, expr):
        for name in sorted(metric_names(expr) - allowed):
            problems.append(f"{where}: '{name}' is not a metric the gateway exports (docker/prometheus/exported-metrics.txt): {expr}")

    dashboards = sorted(DASHBOARDS.glob("*.json"))
    queries = 0
    for path in dashboards:
        where = path.relative_to(ROOT)
        try:
            dashboard = json.loads(path.read_text())
        except json.JSONDecodeError as e:
            problems.append(f"{where}: not valid JSON: {e}")
            continue
        for key in ("uid", "title", "schemaVersion", "panels"):
            if key not in dashboard:
                problems.append(f"{where}: no {key}")
        ids = [p.get("id") for p in panels(dashboard.get("panels", []))]
        if len(ids) != len(set(ids)):
            problems.append(f"{where}: panel ids repeat")
        for panel in panels(dashboard.get("panels", [])):
            if panel.get("type") == "row":
                continue
            title = f"{where} panel '{panel.get('title')}'"
            if panel.get("datasource", {}).get("uid") not in uids:
                problems.append(f"{title}: datasource is not the provisioned one ({', '.join(sorted(uids))})")
            if not panel.get("targets"):
                problems.append(f"{title}: no query")
            for target in panel.get("targets", []):
                queries += 1
                if target.get("datasource", {}).get("uid") not in uids:
                    problems.append(f"{title}: query {target.get('refId')} does not use the provisioned datasource")
                if not target.get("expr"):
                    problems.append(f"{title}: query {target.get('refId')} has no expression")
                else:
                    check_names(title, target["expr"])
        for variable in dashboard.get("templating", {}).get("list", []):
            query = variable.get("query")
            query = query.get("query", "") if isinstance(query, dict) else (query or "")
            m = re.fullmatch(r"\s*label_values\((.*),\s*\w+\)\s*", query)
            if m:
                check_names(f"{where} variable '{variable.get('name')}'", m.group(1))

    rules = 0
    for group in yaml.safe_load(ALERTS.read_text())["groups"]:
        for rule in group["rules"]:
            rules += 1
            name = f"{ALERTS.relative_to(ROOT)} {rule.get('alert') or rule.get('record')}"
            if "alert" in rule:
                if rule.get("labels", {}).get("severity") not in SEVERITIES:
                    problems.append(f"{name}: labels.severity is not one of {sorted(SEVERITIES)}")
                for annotation in ("summary", "runbook"):
                    if not rule.get("annotations", {}).get(annotation):
                        problems.append(f"{name}: no annotations.{annotation}")
            check_names(name, rule["expr"])

    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    print(f"{len(dashboards)} dashboard(s) with {queries} queries and {rules} alert rules use only the "
          f"{len(exported)} metric names the gateway exports")
    return 0


if __name__ == "__main__":
    sys.exit(main())
