# Espaces de noms de montage et réseau : ce qui est monté, et qui
# écoute, reste à l’intérieur.
set -e
echo "== Espace de noms de montage"
unshare --mount sh -c '
  mount -t tmpfs filiale /mnt
  echo "confidentiel" > /mnt/note.txt
  echo "dedans, /mnt contient : $(ls /mnt)"'
echo "dehors, /mnt contient : $(ls /mnt | wc -l) fichier"

echo "== Espace de noms réseau"
python3 -m http.server --bind 127.0.0.1 8000 >/dev/null 2>&1 &
server=$!
while ! ss -Hltn | grep -q 127.0.0.1:8000; do sleep 0.1; done
echo "dehors, un service écoute : $(ss -Hltn | awk '{print $4}')"
unshare --net sh -c '
  echo "dedans, interfaces : $(ip -brief link | awk "{print \$1, \$2}")"
  echo "dedans, services à l’écoute : $(ss -Hltn | wc -l)"'
kill "$server"
