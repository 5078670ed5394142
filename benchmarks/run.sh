#!/usr/bin/env bash
# nn-parity benchmarks: builds benchmarks/target/benchmarks.jar from this checkout (the main
# sources are compiled in; nothing to install first) and runs JMH, then prints the README table.
#
#   benchmarks/run.sh            the whole suite: every shape, step and inference, DL4J double
#                                and float, dense inputs, the kernel baseline, the epoch (~20 min)
#   benchmarks/run.sh quick      the two headline cases (2-50-4 batch 4, 784-50-10 batch 100),
#                                training step only, short iterations, and the epoch (~3 min)
#   benchmarks/run.sh tune       the knobs: DL4J's threads, workspaces and fit API at the headline
#                                cases, its threads at the largest; the hand-written kernel's threads
#
# Results land in benchmarks/results/<mode>-<time>/: one JMH CSV per part and table.md.
# Extra arguments are passed to every JMH run, e.g. `benchmarks/run.sh quick -f 2`.
# Needs Java 17+, Maven, and Fashion-MNIST (Debian: apt-get install dataset-fashion-mnist, or
# set MNIST_DIR). Run it on an otherwise idle machine: other load shows up directly in the times.
set -euo pipefail
cd "$(dirname "$0")"

mode="${1:-full}"
[ $# -gt 0 ] && shift
case "$mode" in full|quick|tune) ;; *) echo "usage: $0 [full|quick|tune] [JMH options]" >&2; exit 2 ;; esac

mvn -q -B package
jar=target/benchmarks.jar
out="results/$mode-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"

headline="2-50-4x4,784-50-10x100"
big="784-200-10x1000,784-800-10x100,784-800-10x1000"
extra=("$@")
jmh() { # jmh NAME REGEX [options...]: one JMH run; its log and CSV in $out/NAME.{log,csv}
  local name="$1"; shift
  echo "== $name: java -jar $jar $* ${extra[*]}"
  java -jar "$jar" "$@" -rf csv -rff "$out/$name.csv" "${extra[@]}" > "$out/$name.log" 2>&1 \
    || { tail -40 "$out/$name.log"; exit 1; }
  sed -n '/^Benchmark /,$p' "$out/$name.log"
}

case "$mode" in
  full)
    jmh hand 'HandWrittenBench\.(step|infer)$'
    jmh dl4j 'Dl4jBench\.(step|infer)$' -p dtype=double,float
    # DL4J's BLAS may gain from a second thread where the products are large: measure both, keep the faster.
    jmh dl4j-2threads 'Dl4jBench\.(step|infer)$' -p dtype=double,float -p threads=2 -p shape="$big"
    jmh dense '(HandWrittenBench|Dl4jBench)\.step$' -p shape=784-50-10x100 -p input=dense
    jmh kernel 'KernelBench'
    jmh epoch 'EpochBench\.(handWritten|dl4j|baseline)$'
    ;;
  quick)
    short=(-wi 2 -i 3 -w 500ms -r 500ms)
    jmh hand 'HandWrittenBench\.step$' -p shape="$headline" "${short[@]}"
    jmh dl4j 'Dl4jBench\.step$' -p shape="$headline" "${short[@]}"
    jmh epoch 'EpochBench\.handWritten$' -wi 1 -i 3
    ;;
  tune)
    jmh tune 'Dl4jBench\.step$' -p shape="$headline" -p threads=default,1,2 -p workspaces=ENABLED,NONE -p api=dataset,arrays
    jmh tune-big 'Dl4jBench\.step$' -p shape=784-800-10x1000 -p threads=1,2
    jmh tune-hand 'HandWrittenBench\.step$' -p shape="$headline,784-800-10x1000" -p threads=auto,1
    ;;
esac

java -cp "$jar" nnparity.bench.Table "$out"/*.csv | tee "$out/table.md"
echo "results: benchmarks/$out"
# Issue 12: the scaling sweep (time per step against batch size, log-log) as $out/sweep.png; draws nothing when this mode measured no sweep.
java -cp "$jar" nnparity.plot.BenchmarkPlot "$out"
