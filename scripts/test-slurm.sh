#!/usr/bin/env bash
# The Slurm test: a one-node Slurm cluster (munged, slurmctld and slurmd
# started here, without systemd, on ports and files of a temporary
# directory) runs the trial of docs/cluster.md with the batch script
# scripts/sweep.sbatch, taking the commands from the documentation's
# blocks marked "test-slurm": a sweep in a step array of 4 tasks, one task
# stopped by SIGTERM as at its time limit, the merge job that refuses
# the partial shard, the task submitted again on its own, which continues
# its shard, and the merge, compared byte for byte with a one-process
# sweep. It installs Debian's slurm-wlm and munge when they are missing
# (as root), and stops the daemons it started, by PID, however it ends.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)

SLURM_PKGS="slurm-wlm munge"
LIMIT=${SLURM_TEST_LIMIT:-240} # seconds to wait for the jobs, at each step

say() { echo "slurm test [${SECONDS}s]: $*" >&2; }

missing=""
for c in munged slurmctld slurmd sbatch squeue scontrol scancel sinfo; do
  command -v "$c" >/dev/null 2>&1 || missing=yes
done
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing $SLURM_PKGS"
    export DEBIAN_FRONTEND=noninteractive
    # The packages' own services stay stopped: this test starts its own daemons.
    policy=""
    if [ ! -e /usr/sbin/policy-rc.d ]; then
      printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
      chmod 755 /usr/sbin/policy-rc.d
      policy=/usr/sbin/policy-rc.d
    fi
    status=0
    { apt-get update -qq && apt-get install -y -qq --no-install-recommends $SLURM_PKGS >/dev/null; } || status=$?
    [ -z "$policy" ] || rm -f "$policy"
    [ "$status" = 0 ] || exit "$status"
  else
    say "needs the Debian packages $SLURM_PKGS: install them (sudo apt-get install $SLURM_PKGS) and run it again"
    exit 1
  fi
fi
if [ "$(id -u)" != 0 ]; then
  say "slurmd must run as root to start jobs: run this test as root (CI does), or with sudo"
  exit 1
fi

tmp=$(mktemp -d /tmp/channelsim-slurm.XXXXXX)
chmod 755 "$tmp" # munged wants every directory above its socket searchable
work=$tmp/work
passed=0
daemons=() # PIDs of the daemons started here, in the order started

stop_pid() {
  local pid=$1 i
  kill -TERM "$pid" 2>/dev/null || return 0
  for i in $(seq 50); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  local status=$? i
  trap - EXIT INT TERM
  if [ "${#daemons[@]}" -ge 2 ]; then
    # Jobs still queued or running end before the daemons that run them.
    scancel --quiet --user=root 2>/dev/null || true
    for i in $(seq 50); do
      [ -z "$(squeue -h -o %i 2>/dev/null)" ] && break
      sleep 0.2
    done
  fi
  for ((i = ${#daemons[@]} - 1; i >= 0; i--)); do
    stop_pid "${daemons[$i]}"
  done
  if [ "$status" != 0 ]; then
    for f in "$tmp"/*.log "$work"/logs/*.out; do
      [ -f "$f" ] || continue
      echo "--- $f (last lines)" >&2
      tail -n 15 "$f" >&2
    done
    echo "slurm: $passed passed, 1 failed" >&2
  fi
  rm -rf "$tmp"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

fail() {
  say "FAIL: $*"
  exit 1
}
ok() {
  passed=$((passed + 1))
  say "ok: $*"
}

# wait_for SECONDS WHAT COMMAND...: until COMMAND succeeds, at most SECONDS.
wait_for() {
  local limit=$1 what=$2 end
  shift 2
  end=$((SECONDS + limit))
  until "$@"; do
    [ "$SECONDS" -lt "$end" ] || fail "$what: not after $limit s"
    sleep 0.1
  done
}

# free_port: a TCP port no socket listens on.
free_port() {
  local p hex
  while :; do
    p=$((20000 + RANDOM % 20000))
    hex=$(printf ':%04X ' "$p")
    grep -qs "$hex" /proc/net/tcp /proc/net/tcp6 || { echo "$p"; return; }
  done
}

# --- the cluster ------------------------------------------------------------
mkdir -p "$tmp/munge" "$tmp/state" "$tmp/spool" "$work/logs"
chmod 755 "$tmp/munge"
head -c 1024 /dev/urandom >"$tmp/munge.key"
chmod 400 "$tmp/munge.key"
munged --foreground --socket="$tmp/munge/munge.socket" --key-file="$tmp/munge.key" \
  --pid-file="$tmp/munged.pid" --log-file="$tmp/munged.log" --seed-file="$tmp/munge.seed" \
  >"$tmp/munged.out" 2>&1 &
daemons+=($!)
wait_for 20 "munged's socket" test -S "$tmp/munge/munge.socket"

# The node as slurmd sees it (name, CPUs, sockets, cores, memory), reached on the loopback.
nodeline=$(slurmd -C | head -n 1)
case $nodeline in NodeName=*) ;; *) fail "slurmd -C printed no node: $nodeline" ;; esac
node=${nodeline#NodeName=}
node=${node%% *}
cat >"$tmp/slurm.conf" <<EOF
ClusterName=channelsimtest
SlurmctldHost=$node(127.0.0.1)
SlurmUser=root
SlurmdUser=root
SlurmctldPort=$(free_port)
SlurmdPort=$(free_port)
AuthType=auth/munge
AuthInfo=socket=$tmp/munge/munge.socket
CredType=cred/munge
StateSaveLocation=$tmp/state
SlurmdSpoolDir=$tmp/spool
SlurmctldPidFile=$tmp/slurmctld.pid
SlurmdPidFile=$tmp/slurmd.pid
SlurmctldLogFile=$tmp/slurmctld.log
SlurmdLogFile=$tmp/slurmd.log
MailProg=/bin/true
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MinJobAge=900
$nodeline NodeAddr=127.0.0.1 State=UNKNOWN
PartitionName=test Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF
export SLURM_CONF=$tmp/slurm.conf
slurmctld -D -i >"$tmp/slurmctld.out" 2>&1 &
daemons+=($!)
slurmd -D -N "$node" >"$tmp/slurmd.out" 2>&1 &
daemons+=($!)
node_idle() { [ "$(sinfo -h -n "$node" -o %T 2>/dev/null)" = idle ]; }
wait_for 60 "the node to be idle" node_idle
ok "one-node cluster up: $nodeline"

# --- the trial of docs/cluster.md ---------------------------------------------
# doc_block NAME: the commands of the block marked <!-- test-slurm: NAME -->.
doc_block() {
  local b
  b=$(awk -v mark="<!-- test-slurm: $1 -->" '
    $0 == mark { m = 1; next }
    m == 1 && /^```/ { m = 2; next }
    m == 2 && /^```/ { exit }
    m == 2 { print }' "$repo/docs/cluster.md")
  [ -n "$b" ] || fail "docs/cluster.md has no block marked test-slurm: $1"
  printf '%s\n' "$b"
}
job_state() { scontrol show job "$1" 2>/dev/null | sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p' | head -n 1; }
jobs_done() { [ -z "$(squeue -h -o %i -j "$1" 2>/dev/null)" ]; }
expect_state() { # JOB STATE WHAT
  local s
  s=$(job_state "$1")
  [ "$s" = "$2" ] || fail "$3: job $1 is $s, want $2"
}

submit=$(doc_block submit)
stop=$(doc_block stop)
recover=$(doc_block recover)
(cd "$repo" && CGO_ENABLED=0 go build -trimpath -o "$work/channelsim" ./cmd/channelsim)
ln -s "$repo/scripts" "$work/scripts"
cd "$work"

eval "$submit" >"$tmp/submit.out"
merge1=$(tail -n 1 "$tmp/submit.out")
[ -n "${jid:-}" ] && [ -n "$merge1" ] || fail "the submit block set no job IDs"
ok "submitted array job $jid (--array=0-6:2) and merge job $merge1 (afterany)"

wait_for "$LIMIT" "task 4 to start its shard" test -s results/shard-4/manifest.json
eval "$stop"
wait_for "$LIMIT" "the array and the first merge to end" jobs_done "$jid,$merge1"
for t in 0 2 6; do expect_state "${jid}_$t" COMPLETED "task $t"; done
s=$(job_state "${jid}_4")
[ "$s" = FAILED ] || fail "task 4 is $s, not FAILED: it ended before SIGTERM reached it, or SIGTERM did not stop it"
grep -q '"complete": false' results/shard-4/manifest.json || fail "results/shard-4 is not a partial shard"
grep -q 'to continue, run in' "logs/channelsim-sweep-${jid}_4.out" || fail "task 4's log has no resume command"
ok "SIGTERM to the batch script stopped task 4 cleanly, its shard partial ($(grep -c '' results/shard-4/runs.csv) lines)"
expect_state "$merge1" FAILED "the merge after a failed task"
grep -q 'results/shard-4 holds shard 3/4' "logs/channelsim-merge-$merge1.out" || fail "the merge's log does not name results/shard-4"
ok "the afterany merge ran, refused the partial shard and named results/shard-4"

# A lone task into a directory without a record cannot tell its shard: refused, nothing written.
lone=$(sbatch --parsable --array=9 scripts/sweep.sbatch control-intensity --shards 4 --days 1 --reps 160)
wait_for "$LIMIT" "the lone task 9" jobs_done "$lone"
expect_state "${lone}_9" FAILED "a lone task with no record"
grep -q -- '--shard K/4' "logs/channelsim-sweep-${lone}_9.out" || fail "the lone task's log does not say to give --shard"
[ ! -e results/shard-9 ] || fail "the refused task wrote results/shard-9"
ok "a lone task with no record was refused (exit 2) and wrote nothing"

eval "$recover" >"$tmp/recover.out"
merge2=$(tail -n 1 "$tmp/recover.out")
[ -n "${rid:-}" ] && [ -n "$merge2" ] || fail "the recover block set no job IDs"
wait_for "$LIMIT" "the recovered task and the merge to end" jobs_done "$rid,$merge2"
expect_state "${rid}_4" COMPLETED "task 4 submitted again"
grep -q 'shard 3/4' "logs/channelsim-sweep-${rid}_4.out" || fail "task 4 submitted again did not run shard 3/4"
grep -q 'already done' "logs/channelsim-sweep-${rid}_4.out" || fail "task 4 submitted again did not continue its shard"
expect_state "$merge2" COMPLETED "the merge after the recovery"
ok "task 4 submitted again on its own continued shard 3/4; the merge after it succeeded"

./channelsim sweep control-intensity --days 1 --reps 160 --out one --no-progress 2>"$tmp/one.err" ||
  fail "the one-process sweep: $(cat "$tmp/one.err")"
cmp one/runs.csv results/all/runs.csv || fail "the merged runs.csv differs from the one-process sweep's"
ok "merged runs.csv ($(grep -c '' one/runs.csv) lines) is byte for byte the one-process sweep's"
echo "slurm: $passed passed, 0 failed"
