#!/usr/bin/env bash
# The SPEC §5 measurements on a lent GPU machine (no Node.js or registry there: see the GPU section
# of bench/RESULTS.md). Here, first:  npm ci && npm run build:bench && bash ../shared/gpu/make-kit.sh
# There, with .gpukit and dist carried:  source .gpukit/prelude.sh && bash bench/gpu-run.sh [PART]
#   PART accuracy: check-k1000 against the f64 engine (the f64 side takes ~20 s), both modes
#   PART speed:    the tridiagonal kernel alone, fig6 in both modes, trace and massive in fast mode
#   PART fast:     issue 11 (fast mode = the f32 graded Rayleigh–Ritz; accurate = the df64 path):
#                  per-block counts, accuracy of check-k1000, fig6 in both modes (fast also with
#                  12 GiB batches: ~160 K = 1000 blocks, one a multiprocessor and more), the df64
#                  kernel alone (goal: fast ≥ 3× faster than accurate; the counts say 1.4–2.8× less)
#   PART pipeline: issue 9 (S_B on the GPU, split reduction from K = 1536): accuracy of check-k1000,
#                  fig6, massive, scaling, and the host's share per point (goals: massive ≤ 60 s,
#                  fig6 ≤ 6 s, the scaling K = 4000 point ≤ 5 s)
#   PART session: the most telling of all the above in one call of under 9 minutes (a session's whole
#                  device time is 15 minutes, starts included): host share, fig6 accurate (df64)
#                  and fast (f32; default and 12 GiB batches), check-k1000 in both modes, scaling,
#                  massive last (cut at its limit)
# Each part fits one 10-minute call; the log goes to $OUT (or bench-out/) as gpu-<part>.log.
set -uo pipefail
part=${1:-speed}
out=${OUT:-bench-out}
mkdir -p "$out"
log="$out/gpu-$part.log"
nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv,noheader >>"$log" 2>&1
# run [--limit SECONDS] ARGS...: one benchmark command, cut at its limit (default 280 s)
run() {
  local limit=280
  if [ "$1" = "--limit" ]; then limit=$2; shift 2; fi
  echo "== node dist/bench.mjs $* (limit ${limit} s)" | tee -a "$log"
  timeout "$limit" node dist/bench.mjs "$@" 2>&1 | tee -a "$log"
}
case "$part" in
  accuracy)
    run check-k1000 --engine webgpu --precision fast --compare
    run check-k1000 --engine webgpu --precision accurate --compare ;;
  speed)
    run tridiag-k1000
    run fig6 --engine webgpu --precision fast
    run fig6 --engine webgpu --precision accurate
    run trace --engine webgpu --precision fast
    run massive --engine webgpu --precision fast ;;
  fast)
    run fast-counts
    run check-k1000 --engine webgpu --precision fast --compare
    run fig6 --engine webgpu --precision fast
    run fig6 --engine webgpu --precision fast --batch-mib 12288
    run fig6 --engine webgpu --precision accurate
    run tridiag-k1000 ;;
  pipeline)
    run check-k1000 --engine webgpu --precision fast --compare
    run fig6 --engine webgpu --precision fast
    run massive --engine webgpu --precision fast
    run scaling --engine webgpu --precision fast
    run host-k1000 ;;
  session)
    run --limit 20 fast-counts
    run --limit 60 host-k1000
    run --limit 45 fig6 --engine webgpu --precision accurate
    run --limit 60 fig6 --engine webgpu --precision fast
    run --limit 60 fig6 --engine webgpu --precision fast --batch-mib 12288
    run --limit 60 check-k1000 --engine webgpu --precision fast --compare
    run --limit 90 check-k1000 --engine webgpu --precision accurate --compare
    run --limit 60 scaling --engine webgpu --precision fast
    run --limit 75 massive --engine webgpu --precision fast ;;
  *) echo "unknown part $part (accuracy | speed | fast | pipeline | session)" >&2; exit 2 ;;
esac
