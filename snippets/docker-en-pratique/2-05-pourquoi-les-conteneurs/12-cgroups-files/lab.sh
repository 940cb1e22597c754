# Read the limits the engine set, as plain cgroup files. Machines show either cgroup v1
# (one folder per controller) or cgroup v2 (one unified folder); the words printed are the same.
set -e
cg=${CGROUP_ROOT:-/sys/fs/cgroup}  # tests/labs_static points it at fake v1 and v2 trees
if [ -e "$cg/cgroup.controllers" ]; then   # cgroup v2
  memory=$(cat "$cg/memory.max")
  read -r quota period < "$cg/cpu.max"
  pids=$(cat "$cg/pids.max")
else                                       # cgroup v1
  memory=$(cat "$cg/memory/memory.limit_in_bytes")
  quota=$(cat "$cg/cpu/cpu.cfs_quota_us")
  period=$(cat "$cg/cpu/cpu.cfs_period_us")
  pids=$(cat "$cg/pids/pids.max")
fi
echo "mémoire : au plus $((memory / 1024 / 1024)) Mio"
echo "CPU : $quota µs toutes les $period µs, soit $((100 * quota / period)) % d’un CPU"
echo "processus : au plus $pids"
