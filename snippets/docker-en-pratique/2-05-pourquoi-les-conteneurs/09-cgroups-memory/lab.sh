# Une limite de mémoire appliquée par le noyau : le cgroup de ce lab
# dispose de 64 Mio (lab.toml) ; un processus qui en demande davantage
# est tué par le noyau (OOM killer, signal SIGKILL).
for size in 16 256; do
  python3 -c "block = b'x' * ($size * 1024 * 1024)
print('$size Mio demandés : obtenus')"
  status=$?
  if [ "$status" -ne 0 ]; then
    echo "$size Mio demandés : processus tué," \
      "code de sortie $status (128 + 9, SIGKILL)"
  fi
done
