# A memory limit enforced by the kernel: the cgroup of this lab may use 64 MiB (lab.toml);
# a process that asks for more is killed by the kernel's OOM killer (SIGKILL).
for size in 16 256; do
  python3 -c "block = b'x' * ($size * 1024 * 1024); print('$size Mio demandés : obtenus')"
  status=$?
  if [ "$status" -ne 0 ]; then
    echo "$size Mio demandés : processus tué, code de sortie $status (128 + 9, SIGKILL)"
  fi
done
