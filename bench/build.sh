# Sourced by the bench scripts: from the project root, builds the jar and the test classes (unless
# SKIP_BUILD is set) and sets TEST_CLASSPATH, on which the load tools' main classes run.
#
# Maven runs offline first (no network needed when the local repository has everything, as after a
# `mvn verify`); if that fails only for want of artifacts the local repository lacks (a machine that has
# only run the gateway has no test dependencies and no dependency plugin), it runs again online. Its
# output goes to target/bench-build.log and is shown when a step fails. Returns non-zero on failure
# (explicitly: `set -e` does not act inside a file sourced as `source build.sh || ...`).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.." || return 1

# maven ARGS...: runs `mvn -B ARGS...`, offline when the local repository allows it; quiet unless it fails.
maven() {
  local log=target/bench-build.log
  mkdir -p target
  if mvn -B -o "$@" >"$log" 2>&1; then
    return 0
  fi
  if grep -qE 'offline mode|has not been downloaded from it before|Cannot access .* in offline' "$log"; then
    echo "bench: the local Maven repository lacks artifacts for 'mvn $*'; running it online" >&2
    if mvn -B "$@" >"$log" 2>&1; then
      return 0
    fi
  fi
  echo "bench: 'mvn -B $*' failed (its whole output: $log):" >&2
  if grep -q '^\[ERROR\]' "$log"; then
    grep '^\[ERROR\]' "$log" | head -n 40 >&2
  else
    tail -n 40 "$log" >&2
  fi
  return 1
}

if [[ -z "${SKIP_BUILD:-}" ]]; then
  echo "bench: building the jar and the test classes (mvn package -DskipTests)" >&2
  maven package -DskipTests || return 1
elif [[ ! -f target/medcom-gateway.jar || ! -d target/test-classes ]]; then
  echo "bench: SKIP_BUILD is set but target/medcom-gateway.jar or target/test-classes is missing; run once without it" >&2
  return 1
fi
maven dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath || return 1
TEST_CLASSPATH="target/test-classes:target/classes:$(cat target/bench.classpath)"
