#!/usr/bin/env bash
# nn-parity benchmarks: builds benchmarks/target/benchmarks.jar from this checkout (the main
# sources are compiled in; nothing to install first), times the hand-written net, DL4J and the
# tutorial's numpy code in interleaved rounds, then prints the README table.
#
#   benchmarks/run.sh            the headline cases in ROUNDS rounds (default 5), then the sweep
#                                (every shape, step and inference) in SWEEP_ROUNDS rounds (default 3),
#                                the kernel's speed per core, the epoch (~45 min on 2 idle cores)
#   benchmarks/run.sh quick      the two headline cases (2-50-4 batch 4, 784-50-10 batch 100),
#                                training step, in ROUNDS rounds (~10 min)
#   benchmarks/run.sh tune       the knobs: DL4J's threads, workspaces and fit API at the headline
#                                cases, its threads at the largest; the hand-written kernel's threads
#
# Interleaved rounds: the machine may be shared, and its load moves over minutes. So no side gets a
# block of time of its own: each round runs every side once (short JMH runs, one fork each; numpy's
# script), in an order that rotates from round to round, and the table shows each case's median over
# the rounds with its min–max. The load average before each round is kept in load.txt.
#
# In a round: hand-written (threads auto and 1), DL4J double
# (OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE as the environment sets them, and unset), numpy (the same
# two, each with OpenBLAS's default threads and OPENBLAS_NUM_THREADS=1; and one thread with glibc's
# malloc keeping freed memory, MALLOC_MMAP_THRESHOLD_).
#
# Results land in benchmarks/results/<mode>-<time>/: round-N/*.csv (JMH's and numpy_step.py's CSVs)
# and *.log per run, load.txt, table.md (the table from every round's CSV).
# Extra arguments are passed to every JMH run, e.g. `benchmarks/run.sh quick -wi 5`.
# Needs Java 17+, Maven, python3 with numpy (Debian: apt-get install python3-numpy), and
# Fashion-MNIST (Debian: apt-get install dataset-fashion-mnist, or set MNIST_DIR).
set -euo pipefail
cd "$(dirname "$0")"

mode="${1:-full}"
[ $# -gt 0 ] && shift
case "$mode" in full|quick|tune) ;; *) echo "usage: $0 [full|quick|tune] [JMH options]" >&2; exit 2 ;; esac
python3 -c 'import numpy' 2>/dev/null || { echo "$0: python3 with numpy is needed (Debian: apt-get install python3-numpy)" >&2; exit 2; }

mvn -q -B package
jar=target/benchmarks.jar
out="results/$mode-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"
rounds="${ROUNDS:-5}"
sweep_rounds="${SWEEP_ROUNDS:-3}"

headline="2-50-4x4,784-50-10x100"
sweep="784-50-10x1,784-50-10x1000,784-200-10x1,784-200-10x100,784-200-10x1000,784-800-10x1,784-800-10x100,784-800-10x1000"
big="784-200-10x1000,784-800-10x100,784-800-10x1000"
short=(-f 1 -wi 3 -w 300ms -i 5 -r 300ms)
extra=("$@")
unset_blas=(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE)
# glibc returns large freed blocks to the kernel, so numpy's new arrays each step fault their pages
# in again; on a VM with slow page faults that dominates its step (numpy_step.py's docstring).
keep_memory=(MALLOC_MMAP_THRESHOLD_=67108864)
{
  echo "OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE-(unset)} OPENBLAS_L2_SIZE=${OPENBLAS_L2_SIZE-(unset)} OPENBLAS_NUM_THREADS=${OPENBLAS_NUM_THREADS-(unset)}"
  echo "DL4J's OpenBLAS (ND4J's bundled 0.3.19) and numpy's read the same variables when they load; the 'unset' runs start under: ${unset_blas[*]}"
} | tee "$out/environment.txt"

jmh() { # jmh DIR/NAME REGEX [options...]: one JMH run; its log and CSV in $out/DIR/NAME.{log,csv}
  local name="$1"; shift
  mkdir -p "$(dirname "$out/$name")"
  echo "== $name: java -jar $jar $* ${extra[*]}"
  java -jar "$jar" "$@" -rf csv -rff "$out/$name.csv" "${extra[@]}" > "$out/$name.log" 2>&1 \
    || { tail -40 "$out/$name.log"; exit 1; }
  sed -n '/^Benchmark /,$p' "$out/$name.log"
}
jmh_unset() { # as jmh, with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset for JMH and its forks
  local name="$1"; shift
  mkdir -p "$(dirname "$out/$name")"
  echo "== $name: ${unset_blas[*]} java -jar $jar $* ${extra[*]}"
  "${unset_blas[@]}" java -jar "$jar" "$@" -rf csv -rff "$out/$name.csv" "${extra[@]}" > "$out/$name.log" 2>&1 \
    || { tail -40 "$out/$name.log"; exit 1; }
  sed -n '/^Benchmark /,$p' "$out/$name.log"
}
numpy() { # numpy DIR/NAME SHAPES PASSES [INPUT]: the tutorial's numpy net, six setups, into $out/DIR/NAME.csv
  local name="$1" shapes="$2" passes="$3" input="${4:-data}"
  mkdir -p "$(dirname "$out/$name")"
  echo "== $name: python3 numpy_step.py --shapes $shapes --passes $passes (OPENBLAS_* as set and unset; threads default and 1; glibc's malloc as is and keeping its memory)"
  local np=(python3 numpy_step.py --csv "$out/$name.csv" --shapes "$shapes" --passes "$passes" --input "$input" --warmup 0.5 --seconds 0.3 --iterations 5)
  { "${np[@]}"
    env OPENBLAS_NUM_THREADS=1 "${np[@]}"
    "${unset_blas[@]}" "${np[@]}"
    "${unset_blas[@]}" OPENBLAS_NUM_THREADS=1 "${np[@]}"
    env OPENBLAS_NUM_THREADS=1 "${keep_memory[@]}" "${np[@]}"
    "${unset_blas[@]}" OPENBLAS_NUM_THREADS=1 "${keep_memory[@]}" "${np[@]}"
  } > "$out/$name.log" 2>&1 || { tail -20 "$out/$name.log"; exit 1; }
  grep -E ' us/op' "$out/$name.log" || true
}

# One round of the headline cases: every side once, the order rotated by the round number.
headline_round() {
  local r="$1" d="round-$1"
  echo "round $r: $(cut -d' ' -f1-3 /proc/loadavg) (load average 1, 5, 15 min)" | tee -a "$out/load.txt"
  local parts=(hand dl4j numpy)
  for i in 0 1 2; do
    case "${parts[$(( (i + r) % 3 ))]}" in
      hand)
        jmh "$d/hand" 'HandWrittenBench\.step$' -p shape="$headline" "${short[@]}"
        jmh "$d/hand-1thread" 'HandWrittenBench\.step$' -p shape="$headline" -p threads=1 "${short[@]}" ;;
      dl4j)
        jmh "$d/dl4j" 'Dl4jBench\.step$' -p shape="$headline" "${short[@]}"
        jmh_unset "$d/dl4j-unset" 'Dl4jBench\.step$' -p shape="$headline" -p openblas=unset "${short[@]}" ;;
      numpy)
        numpy "$d/numpy" "$headline" step ;;
    esac
  done
}

# One round of the sweep: the default setups (numpy: both thread counts), step and inference.
sweep_round() {
  local r="$1" d="sweep-$1"
  echo "sweep round $r: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/load.txt"
  local parts=(hand dl4j numpy)
  for i in 0 1 2; do
    case "${parts[$(( (i + r) % 3 ))]}" in
      hand) jmh "$d/hand" 'HandWrittenBench\.(step|infer)$' -p shape="$sweep" "${short[@]}" ;;
      dl4j) jmh "$d/dl4j" 'Dl4jBench\.(step|infer)$' -p shape="$sweep" "${short[@]}" ;;
      numpy) numpy "$d/numpy" "$sweep" step,infer ;;
    esac
  done
}

case "$mode" in
  full)
    for r in $(seq 1 "$rounds"); do headline_round "$r"; done
    for r in $(seq 1 "$sweep_rounds"); do sweep_round "$r"; done
    # DL4J's BLAS may gain from a second thread where the products are large: measured once, the table keeps the faster.
    jmh dl4j-2threads 'Dl4jBench\.(step|infer)$' -p threads=2 -p shape="$big" "${short[@]}"
    jmh dense '(HandWrittenBench|Dl4jBench)\.step$' -p shape=784-50-10x100 -p input=dense "${short[@]}"
    numpy numpy-dense 784-50-10x100 step dense
    echo "== kernel speed per core (CPU time, one thread): java -cp $jar nnparity.scratch.KernelCpu"
    peak_core=$(java -cp "$jar" nnparity.bench.Machine --core-peak)
    java -cp "$jar" nnparity.scratch.KernelCpu "$peak_core" 2>&1 | tee "$out/kernel-cpu.txt"
    jmh epoch 'EpochBench\.(handWritten|dl4j|baseline)$'
    ;;
  quick)
    for r in $(seq 1 "$rounds"); do headline_round "$r"; done
    ;;
  tune)
    jmh tune 'Dl4jBench\.step$' -p shape="$headline" -p threads=default,1,2 -p workspaces=ENABLED,NONE -p api=dataset,arrays
    jmh tune-big 'Dl4jBench\.step$' -p shape=784-800-10x1000 -p threads=1,2
    jmh tune-hand 'HandWrittenBench\.step$' -p shape="$headline,784-800-10x1000" -p threads=auto,1
    ;;
esac

java -cp "$jar" nnparity.bench.Table $(find "$out" -name '*.csv' | sort) | tee "$out/table.md"
echo "load averages: $(tr '\n' ';' < "$out/load.txt" 2>/dev/null)"
echo "results: benchmarks/$out"
# Issue 12: the scaling sweep (time per step against batch size, log-log) as $out/sweep.png; draws nothing when this mode measured no sweep.
java -cp "$jar" nnparity.plot.BenchmarkPlot "$out"
