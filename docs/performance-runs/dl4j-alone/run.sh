#!/usr/bin/env bash
# Whole process against whole process, alternating: examples/DigitsDl4j (DL4J alone, 10 epochs)
# and Compare --task digits (10 epochs, both nets in lockstep). Run from the repository root,
# after `mvn -q compile`. Prints one line per run: wall, user and sys seconds (and Compare's
# time: line). ONE_THREAD=1 gives the DL4J-only program one ND4J thread, as Compare's default.
set -euo pipefail
for r in $(seq 1 "${ROUNDS:-3}"); do
  load=$(cut -d' ' -f1 /proc/loadavg)
  if [ "${ONE_THREAD:-0}" = 1 ]; then
    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 /usr/bin/time -f "%e %U %S" -o /tmp/alone.t \
      mvn -o -q exec:java -Dexec.mainClass=DigitsDl4j > /tmp/alone.dl4j 2>&1
  else
    /usr/bin/time -f "%e %U %S" -o /tmp/alone.t mvn -o -q exec:java -Dexec.mainClass=DigitsDl4j > /tmp/alone.dl4j 2>&1
  fi
  echo "$r dl4j-alone load=$load $(cat /tmp/alone.t)"
  load=$(cut -d' ' -f1 /proc/loadavg)
  /usr/bin/time -f "%e %U %S" -o /tmp/alone.t \
    mvn -o -q exec:java -Dexec.mainClass=Compare -Dexec.args="--task digits" > /tmp/alone.cmp 2>&1
  echo "$r compare load=$load $(cat /tmp/alone.t) $(grep '^time:' /tmp/alone.cmp)"
done
