# Sourced by the bench scripts: from the project root, builds the jar and the test classes (unless
# SKIP_BUILD is set) and sets TEST_CLASSPATH, on which the load tools' main classes run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
MVN="mvn -B -o -q"
if [[ -z "${SKIP_BUILD:-}" ]]; then
  $MVN package -DskipTests
fi
$MVN dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath >/dev/null
TEST_CLASSPATH="target/test-classes:target/classes:$(cat target/bench.classpath)"
