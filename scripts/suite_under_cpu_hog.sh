#!/usr/bin/env bash
# The whole suite (`make test`) three times in a row with two busy processes beside it, one per
# core of the reference machine: a test that depends on the machine being idle fails here.
# Each run's output goes to $LOG_DIR/suite-under-cpu-hog-<n>.log; the summary to stdout.
set -u
LOG_DIR="${LOG_DIR:-${TMPDIR:-/tmp}}"
RUNS="${RUNS:-3}"
hogs=()
for _ in 1 2; do
    (while :; do :; done) &
    hogs+=("$!")
done
trap 'kill "${hogs[@]}" 2>/dev/null' EXIT
failed=0
for run in $(seq 1 "$RUNS"); do
    started=$(date +%s)
    log="$LOG_DIR/suite-under-cpu-hog-$run.log"
    make test >"$log" 2>&1
    code=$?
    summary=$(grep -E "^=+ .*(passed|failed|error).* in " "$log" | tail -1)
    echo "run $run: exit $code, $(( $(date +%s) - started )) s, load $(cut -d' ' -f1-3 /proc/loadavg): $summary"
    [ "$code" -eq 0 ] || failed=1
done
exit "$failed"
