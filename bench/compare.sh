#!/bin/sh
# Side-by-side: Blockscope EngineBench, then PyTorch, same templates, batch and iterations, same minute.
# Usage: bench/compare.sh [--batch 64] [--iterations 10] [templates...]   (run from the repository root,
# after `mvn -B -q -o compile`; never run two benchmarks at once: OpenMP threads busy-wait)
set -e
cd "$(dirname "$0")/.."
[ -f target/bench-classpath.txt ] || mvn -B -q -o dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
echo "load: $(uptime)"
java -cp "target/classes:$(cat target/bench-classpath.txt)" org.blockscope.engine.bench.EngineBench "$@"
/usr/bin/python3 bench/pytorch_bench.py "$@"
echo "load: $(uptime)"
