#!/usr/bin/env bash
# Runs the comparison with Netflix Eureka on loopback ports (see docs/benchmarks.md, "Versus Eureka").
# Needs the project installed first (./mvnw -B -q install -DskipTests) and wrk (apt-get install wrk).
# Usage: benchmarks/eureka-comparison/run.sh [latency] [throughput] [memory]   (all three by default)
# Knobs: -Dbenchmark.samples=10 -Dbenchmark.samples.eureka-defaults=3 -Dbenchmark.seconds=15 through JAVA_OPTS.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q -o -Pbenchmarks -pl benchmarks/eureka-comparison package
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-} -cp benchmarks/eureka-comparison/target/classes \
	dev.discovery.benchmark.eureka.EurekaComparison "$@"
