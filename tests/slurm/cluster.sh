#!/usr/bin/env bash
# A one-node Slurm cluster on localhost for the tests (root, no systemd, no cgroups): munged with its
# own key and socket, slurmctld and slurmd, every state/spool/log/pid file under DIR.
#
#   cluster.sh start DIR CTLD_PORT SLURMD_PORT   write DIR/slurm.conf, start the daemons, wait until
#                                               the node is idle (clients then need SLURM_CONF=DIR/slurm.conf)
#   cluster.sh stop DIR                          stop the daemons by the pids in their pid files
#
# On failure `start` prints the daemons' own logs and exits non-zero.
set -euo pipefail
export PATH="$PATH:/usr/sbin:/sbin"   # the daemons live in sbin, which a CI user's PATH may lack
cmd=${1:?usage: cluster.sh start|stop DIR ...}
dir=${2:?usage: cluster.sh start|stop DIR ...}

stop() {
  # TERM to all three at once, then wait (slurmd and slurmctld take a few seconds each), KILL after 10 s
  local pids=() pidfile
  for pidfile in "$dir/run/slurmd.pid" "$dir/run/slurmctld.pid" "$dir/munge/munged.pid"; do
    [ -s "$pidfile" ] && pids+=("$(cat "$pidfile")")
  done
  [ ${#pids[@]} -gt 0 ] || return 0
  kill "${pids[@]}" 2>/dev/null || true
  for _ in $(seq 100); do
    local alive=0 pid
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ $alive = 0 ] && return 0
    sleep 0.1
  done
  kill -9 "${pids[@]}" 2>/dev/null || true
}

fail() {
  echo "slurm test cluster: $1" >&2
  for log in "$dir/munge/munged.log" "$dir/log/slurmctld.log" "$dir/log/slurmd.log" "$dir/log/"*.stderr; do
    [ -s "$log" ] && { echo "--- $log" >&2; tail -n 30 "$log" >&2; }
  done
  stop
  exit 1
}

if [ "$cmd" = stop ]; then stop; exit 0; fi
[ "$cmd" = start ] || { echo "usage: cluster.sh start|stop DIR ..." >&2; exit 2; }
ctld_port=${3:?CTLD_PORT}
slurmd_port=${4:?SLURMD_PORT}
for bin in munged slurmctld slurmd sinfo; do
  command -v "$bin" >/dev/null || { echo "slurm test cluster: $bin not found (apt-get install slurm-wlm munge)" >&2; exit 1; }
done

host=$(hostname -s)
mkdir -p "$dir"/{munge,munge-socket,state,spool,log,run}
chmod 755 "$dir"
# munged wants its key (0400) in a directory only it can write, its socket in one all can enter
chown munge:munge "$dir/munge" "$dir/munge-socket"
chmod 700 "$dir/munge"
chmod 755 "$dir/munge-socket"
head -c 1024 /dev/urandom > "$dir/munge/munge.key"
chown munge:munge "$dir/munge/munge.key"
chmod 400 "$dir/munge/munge.key"
runuser -u munge -- munged --key-file="$dir/munge/munge.key" --socket="$dir/munge-socket/munge.socket" \
  --pid-file="$dir/munge/munged.pid" --log-file="$dir/munge/munged.log" --seed-file="$dir/munge/munged.seed" \
  2>"$dir/log/munged.stderr" || fail "munged did not start"

cat > "$dir/slurm.conf" <<CONF
ClusterName=setsim-test
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
AuthType=auth/munge
AuthInfo=socket=$dir/munge-socket/munge.socket
CredType=cred/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
MpiDefault=none
ReturnToService=2
SchedulerType=sched/backfill
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
SlurmctldPidFile=$dir/run/slurmctld.pid
SlurmdPidFile=$dir/run/slurmd.pid
MinJobAge=600
NodeName=$host NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$dir/slurm.conf"
slurmctld -f "$SLURM_CONF" 2>"$dir/log/slurmctld.stderr" || fail "slurmctld did not start"
slurmd -f "$SLURM_CONF" 2>"$dir/log/slurmd.stderr" || fail "slurmd did not start"
for _ in $(seq 150); do
  state=$(sinfo -h -N -o %t 2>/dev/null || true)
  [ "$state" = idle ] && exit 0
  sleep 0.1
done
fail "the node did not become idle within 15 s (sinfo: ${state:-no answer})"
