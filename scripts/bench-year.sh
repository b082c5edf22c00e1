#!/usr/bin/env bash
# The CPU time of a simulated year (issue 24's goal: at most 2.0 s, best of
# 3, on the quiet 2-core machine). Builds channelsim from the working tree,
# runs `channelsim run baseline-2015 --days 365 --json` RUNS times and
# prints each run's CPU seconds (user + system, which move less than wall
# time when other work shares the machine) and the best.
#
# With --base REV it also builds commit REV and runs the two binaries in
# turn, round by round, so that both see the same load; it then prints the
# best of each and their ratio. docs/performance-model.md records results.
#
#   scripts/bench-year.sh                 # best of 3, this tree
#   scripts/bench-year.sh --runs 5 --base main
#   scripts/bench-year.sh --days 30 --scenario baseline-2016
set -euo pipefail
cd "$(dirname "$0")/.."

runs=3 days=365 scenario=baseline-2015 base=
while [ $# -gt 0 ]; do
  case "$1" in
  --runs) runs=$2; shift 2 ;;
  --days) days=$2; shift 2 ;;
  --scenario) scenario=$2; shift 2 ;;
  --base) base=$2; shift 2 ;;
  -h | --help) sed -n '2,15s/^# \{0,1\}//p' "$0"; exit 0 ;;
  *) echo "bench-year: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
case "$runs" in '' | *[!0-9]* | 0) echo "bench-year: --runs wants a positive whole number" >&2; exit 2 ;; esac

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/this" ./cmd/channelsim
bins=(this)
if [ -n "$base" ]; then
  mkdir "$tmp/src"
  git archive "$base" | tar -x -C "$tmp/src"
  (cd "$tmp/src" && go build -o "$tmp/base" ./cmd/channelsim)
  bins=(base this)
fi

echo "channelsim run $scenario --days $days --json: CPU seconds (user + system); load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
declare -A best
TIMEFORMAT='%3U %3S'
for ((i = 1; i <= runs; i++)); do
  for b in "${bins[@]}"; do
    t=$({ time "$tmp/$b" run "$scenario" --days "$days" --json >/dev/null; } 2>&1) || {
      echo "bench-year: the $b run failed: $t" >&2
      exit 1
    }
    s=$(awk '{printf "%.2f", $1 + $2}' <<<"$t")
    echo "  run $i, $b: $s s"
    if [ -z "${best[$b]:-}" ] || awk -v a="$s" -v b="${best[$b]}" 'BEGIN{exit !(a < b)}'; then
      best[$b]=$s
    fi
  done
done
for b in "${bins[@]}"; do
  name=$b
  [ "$b" = base ] && name="base ($base)"
  [ "$b" = this ] && name="this tree"
  echo "best of $runs, $name: ${best[$b]} s"
done
if [ -n "$base" ]; then
  awk -v a="${best[this]}" -v b="${best[base]}" 'BEGIN{printf "ratio this/base: %.3f\n", a / b}'
fi
