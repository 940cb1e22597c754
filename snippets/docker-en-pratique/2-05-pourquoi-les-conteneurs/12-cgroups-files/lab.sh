# Relire, dans les fichiers des cgroups, les limites que le moteur a
# fixées. Selon la machine, cgroup v1 (un dossier par contrôleur) ou
# cgroup v2 (un dossier unique) ; les mots affichés sont les mêmes.
set -e
# CGROUP_ROOT : les tests de tests/labs_static y mettent de fausses
# arborescences v1 et v2.
cg=${CGROUP_ROOT:-/sys/fs/cgroup}
if [ -e "$cg/cgroup.controllers" ]; then  # cgroup v2
  memory=$(cat "$cg/memory.max")
  read -r quota period < "$cg/cpu.max"
  pids=$(cat "$cg/pids.max")
else                                      # cgroup v1
  memory=$(cat "$cg/memory/memory.limit_in_bytes")
  quota=$(cat "$cg/cpu/cpu.cfs_quota_us")
  period=$(cat "$cg/cpu/cpu.cfs_period_us")
  pids=$(cat "$cg/pids/pids.max")
fi
echo "mémoire : au plus $((memory / 1024 / 1024)) Mio"
echo "CPU : $quota µs toutes les $period µs," \
  "soit $((100 * quota / period)) % d’un CPU"
echo "processus : au plus $pids"
