#!/bin/sh
# Runs node with the V8 settings for the cores this process may run on; `npm start` and `npm run serve`
# start the server through it, and the benchmark starts both of its servers the same way.
# On one core (a cpuset or `taskset` of one CPU, as in one process per core), V8's concurrent marking and
# parallel scavenging only time-slice with the main thread, so a request waits for helper threads that wait
# for the core it holds: there the collector runs on the main thread alone (--single-threaded-gc; p99 at half
# load on the busy account page 77 → 40 ms, bench/results/2026-12-03-issue10-findings.md, "12-04 GC").
# V8 reads this flag only at start-up and NODE_OPTIONS may not carry it, hence a launcher.
if [ "$(nproc 2>/dev/null || echo 0)" = "1" ]; then
  set -- --single-threaded-gc "$@"
fi
exec "${NODE:-node}" "$@"
