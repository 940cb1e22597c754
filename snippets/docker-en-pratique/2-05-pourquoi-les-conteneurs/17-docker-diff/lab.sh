# Copy-on-write: the image's layers stay read-only; each instance writes into its own
# thin layer, which docker diff lists (A added, C changed, D deleted).
set -e
image=docker-en-pratique/debian-base:latest
instance=$(docker run --detach --rm --network none "$image" sleep 300)
docker exec "$instance" sh -c '
  echo "rangé dans le grenier" > /root/note.txt
  echo "Bienvenue dans l’instance" > /etc/motd
  rm /etc/issue.net'
echo "== docker diff : ce que l’instance a changé par rapport à son image"
docker diff "$instance" | sort -k 2
echo "== L’image, elle, n’a pas bougé :"
# 2>&1 inside: one stream, so its lines keep their order.
docker run --rm --network none "$image" sh -c 'ls /root/note.txt /etc/issue.net 2>&1' || true
docker stop --time 0 "$instance" > /dev/null
