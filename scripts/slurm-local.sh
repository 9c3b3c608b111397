#!/usr/bin/env bash
# A real single-node Slurm cluster on this machine, for Lepton's cluster tests and for
# trying `lepton run NAME --slurm` by hand (docs/CLUSTER.md).
#
#   scripts/slurm-local.sh install   # Debian's slurm-wlm and munge, when missing (root or sudo)
#   scripts/slurm-local.sh start     # install, write slurm.conf, start munged, slurmctld, slurmd; wait until idle
#   scripts/slurm-local.sh status    # sinfo and the daemons' pids
#   scripts/slurm-local.sh stop      # stop the three daemons by the pids in their pid files
#
# One node named after `hostname -s` with CPUs=2, one partition `debug`. Everything the
# daemons write (state, spool, logs, pid files) lives in $LEPTON_SLURM_DIR
# (default /tmp/lepton-slurm). /etc/slurm/slurm.conf is written only when absent or
# written by this script before (it carries the marker line below), so a real site
# configuration is never replaced. Exit status 3: Slurm cannot be installed here.
set -euo pipefail
DIR=${LEPTON_SLURM_DIR:-/tmp/lepton-slurm}
CONF=/etc/slurm/slurm.conf
MARKER="# written by lepton scripts/slurm-local.sh"
NODE=$(hostname -s)

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi; }

install() {
    command -v slurmctld >/dev/null && command -v slurmd >/dev/null && command -v munged >/dev/null && command -v sbatch >/dev/null && return 0
    echo "slurm-local: installing slurm-wlm and munge from Debian" >&2
    { as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurm-wlm munge >/dev/null; } || {
        echo "slurm-local: cannot install slurm-wlm and munge (no root, no sudo, or no Debian mirror)" >&2; exit 3; }
}

write_conf() {
    if [ -f "$CONF" ] && ! grep -qF "$MARKER" "$CONF"; then
        echo "slurm-local: $CONF exists and was not written by this script; leaving it alone" >&2; exit 1
    fi
    mkdir -p "$DIR/state" "$DIR/spool" "$DIR/log" /etc/slurm
    cat > "$CONF" <<EOF
$MARKER
ClusterName=lepton
SlurmctldHost=$NODE
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
StateSaveLocation=$DIR/state
SlurmdSpoolDir=$DIR/spool
SlurmctldPidFile=$DIR/slurmctld.pid
SlurmdPidFile=$DIR/slurmd.pid
SlurmctldLogFile=$DIR/log/slurmctld.log
SlurmdLogFile=$DIR/log/slurmd.log
SlurmdParameters=config_overrides
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
MpiDefault=none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SlurmctldTimeout=30
SlurmdTimeout=30
MinJobAge=3600
KillWait=5
NodeName=$NODE CPUs=2 State=UNKNOWN
PartitionName=debug Nodes=$NODE Default=YES MaxTime=INFINITE State=UP
EOF
}

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

start() {
    install
    write_conf
    mkdir -p /run/munge /var/lib/munge /var/log/munge
    [ -s /etc/munge/munge.key ] || { dd if=/dev/urandom bs=1 count=1024 of=/etc/munge/munge.key 2>/dev/null; chmod 400 /etc/munge/munge.key; }
    if ! alive "$DIR/munged.pid"; then
        chown -R root:root /etc/munge /run/munge /var/lib/munge /var/log/munge
        munged --force --pid-file="$DIR/munged.pid" --log-file="$DIR/log/munged.log" --socket=/run/munge/munge.socket.2
    fi
    alive "$DIR/slurmctld.pid" || slurmctld
    alive "$DIR/slurmd.pid" || slurmd
    for _ in $(seq 1 60); do
        if sinfo -h -N -o '%t' 2>/dev/null | grep -qE '^(idle|mix|alloc)'; then
            echo "slurm-local: node $NODE is up (conf $CONF, logs $DIR/log)"; return 0
        fi
        scontrol update nodename="$NODE" state=resume >/dev/null 2>&1 || true
        sleep 1
    done
    echo "slurm-local: the node did not come up within 60 s; see $DIR/log" >&2
    sinfo -N -l >&2 || true
    exit 1
}

stop() {
    for d in slurmd slurmctld munged; do
        if alive "$DIR/$d.pid"; then
            pid=$(cat "$DIR/$d.pid"); kill "$pid"
            for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
        fi
        rm -f "$DIR/$d.pid"
    done
    echo "slurm-local: stopped"
}

status() {
    for d in munged slurmctld slurmd; do
        if alive "$DIR/$d.pid"; then echo "$d: pid $(cat "$DIR/$d.pid")"; else echo "$d: not running"; fi
    done
    sinfo -N -l || true
}

case "${1:-}" in
    install) install ;;
    start) start ;;
    stop) stop ;;
    status) status ;;
    *) echo "usage: $0 install|start|stop|status" >&2; exit 2 ;;
esac
