#!/bin/sh
# Side-by-side benchmark: our server and the bare-SDK floor in front of the same fake Airflow 3.
# Builds both jars (SKIP_BUILD=1 to reuse them), then runs dev.airflowmcp.benchmarks.SideBySide
# with this driver and the fake Airflow on CPU 0 and the servers on CPU 1 where taskset exists.
# Options go to SideBySide (see benchmarks/README.md), e.g. --seconds 10 --clients 1,16.
set -eu
cd "$(dirname "$0")/.."
if [ -z "${SKIP_BUILD:-}" ]; then
  ./mvnw -B -ntp -q -DskipTests package -pl generated-example,benchmarks -am
fi
if command -v taskset >/dev/null 2>&1 && [ "$(nproc)" -ge 2 ]; then
  exec taskset -c 0 java -cp benchmarks/target/benchmarks.jar \
    dev.airflowmcp.benchmarks.SideBySide --server-cpu 1 "$@"
fi
exec java -cp benchmarks/target/benchmarks.jar dev.airflowmcp.benchmarks.SideBySide \
  --server-cpu none "$@"
