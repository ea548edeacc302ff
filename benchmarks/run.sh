#!/usr/bin/env bash
# Runs every benchmark in one run (see docs/benchmarks.md): this server's scale benchmarks next to the stack's
# own limit, and the comparison with Netflix Eureka. Loopback ports only; needs wrk (apt-get install -y wrk).
# Usage: benchmarks/run.sh [writes] [compression] [wakeups] [memory] [cluster] [throughput] [eureka-memory] [latency]
# (all by default). Results: benchmarks/eureka-comparison/target/benchmarks.md.
# Knobs through JAVA_OPTS: -Dbenchmark.seconds=15 -Dbenchmark.samples=10 -Dbenchmark.samples.eureka-defaults=3
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk > /dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
# Builds the server jar and the benchmark module in one reactor (nothing is installed into ~/.m2).
./mvnw -B -q -Pbenchmarks -pl discovery-server-app,benchmarks/eureka-comparison -am package -DskipTests
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-} -cp benchmarks/eureka-comparison/target/classes dev.discovery.benchmark.eureka.Benchmarks "$@"
