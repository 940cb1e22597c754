# Relire, dans les fichiers des cgroups, les limites que le moteur a
# fixées. Selon la machine, cgroup v1 (un dossier par contrôleur) ou
# cgroup v2 (un dossier unique) : les fichiers diffèrent, pas les
# limites.
set -e
cd /sys/fs/cgroup
# show : le nom d’un fichier, puis ce qu’il contient.
show() { printf '  %-28s %s\n' "$1" "$(cat "$1")"; }
if [ -e cgroup.controllers ]; then
  echo "cgroup v2 : un seul dossier, /sys/fs/cgroup"
  show memory.max
  show cpu.max
  show pids.max
  memory=$(cat memory.max)
  read -r quota period < cpu.max
  pids=$(cat pids.max)
else
  echo "cgroup v1 : un dossier par contrôleur, sous /sys/fs/cgroup"
  show memory/memory.limit_in_bytes
  show cpu/cpu.cfs_quota_us
  show cpu/cpu.cfs_period_us
  show pids/pids.max
  memory=$(cat memory/memory.limit_in_bytes)
  quota=$(cat cpu/cpu.cfs_quota_us)
  period=$(cat cpu/cpu.cfs_period_us)
  pids=$(cat pids/pids.max)
fi
echo "mémoire : au plus $((memory / 1024 / 1024)) Mio"
echo "CPU : $quota µs toutes les $period µs," \
  "soit $((100 * quota / period)) % d’un CPU"
echo "processus : au plus $pids"
