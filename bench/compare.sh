#!/bin/sh
# Side-by-side: Blockscope's EngineBench and PyTorch, each net in a fresh process on each side, same
# minute, three runs; prints the median ratios (training, inference), both processes' peak resident
# memory and the CPU's instruction set (see bench/compare.py).
# Usage: bench/compare.sh [--runs 3] [--batch 64] [--iterations 20] [--warmup 120] [--profile] [--isa avx2]
#        [templates...]   (--isa avx2: both sides limited to AVX2 everywhere, as on a CPU without AVX-512)
# Run from anywhere after `mvn -B -q -o compile`; never run two benchmarks at once (OpenMP threads busy-wait).
set -e
cd "$(dirname "$0")/.."
[ -f target/bench-classpath.txt ] || mvn -B -q -o dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
echo "load: $(uptime)"
/usr/bin/python3 bench/compare.py "$@"
echo "load: $(uptime)"
