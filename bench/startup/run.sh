#!/usr/bin/env bash
# Start-up and first-call figures of the packaged local platform, side by side for two builds (before/after).
#
#   bench/startup/run.sh BEFORE_JAR AFTER_JAR [RUNS]
#
# Each run starts `java -jar JAR` with every port 0 from the repository root (as the README does), waits for its
# "Ready in" line, then makes the first call a user makes (GET /health), then a WebSocket-free second call
# (GET /health again), and stops the process. Runs alternate between the two jars so both see the same machine load.
# Prints one line per run and a Markdown table of medians.
set -euo pipefail
cd "$(dirname "$0")/../.."

before=${1:?before jar}
after=${2:?after jar}
runs=${3:-5}
ticks=$(getconf CLK_TCK)

now_ms() { date +%s%3N; }

# one_run JAR -> "wall_ms reported_ms cpu_ms first_call_ms second_call_ms"
one_run() {
  local jar=$1 out pid start ready_at=0 reported cpu api first second
  out=$(mktemp)
  start=$(now_ms)
  java -jar "$jar" --api-port 0 --ws-port 0 --dynamodb-port 0 --sqs-port 0 --sns-port 0 --sfn-port 0 >"$out" 2>&1 &
  pid=$!
  for _ in $(seq 1 6000); do
    if grep -q "^Ready in" "$out"; then ready_at=$(now_ms); break; fi
    if ! kill -0 "$pid" 2>/dev/null; then break; fi
    sleep 0.01
  done
  if [ "$ready_at" = 0 ]; then
    cat "$out" >&2; kill "$pid" 2>/dev/null || true; rm -f "$out"; return 1
  fi
  # CPU time (user + system) the JVM used up to the ready line.
  cpu=$(awk -v t="$ticks" '{print int(($14 + $15) * 1000 / t)}' "/proc/$pid/stat")
  reported=$(sed -n 's/^Ready in \([0-9]*\) ms.*/\1/p' "$out")
  api=$(sed -n 's/^REST *\(http[^ ]*\).*/\1/p' "$out")
  first=$(curl -s -o /dev/null -w '%{time_total}' "$api/health")
  second=$(curl -s -o /dev/null -w '%{time_total}' "$api/health")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -f "$out"
  echo "$((ready_at - start)) $reported $cpu $(awk -v s="$first" 'BEGIN{print int(s*1000)}') $(awk -v s="$second" 'BEGIN{print int(s*1000)}')"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}'; }

results=$(mktemp)
for i in $(seq 1 "$runs"); do
  for side in before after; do
    jar=$([ "$side" = before ] && echo "$before" || echo "$after")
    line=$(one_run "$jar")
    echo "$side $line" | tee -a "$results"
  done
done

col() { awk -v s="$1" -v c="$2" '$1 == s {print $c}' "$results" | median; }
echo
echo "| figure (median of $runs runs) | before | after | after/before |"
echo "|---|---|---|---|"
for spec in "2:wall clock, process start → ready line (ms)" "3:ready time the platform prints (ms)" \
            "4:CPU time to ready, user+system (ms)" "5:first call, GET /health right after ready (ms)" \
            "6:second call, GET /health (ms)"; do
  c=${spec%%:*}; name=${spec#*:}
  b=$(col before "$c"); a=$(col after "$c")
  echo "| $name | $b | $a | $(awk -v a="$a" -v b="$b" 'BEGIN{ if (b > 0) printf "%.2f", a / b; else print "-" }') |"
done
rm -f "$results"
