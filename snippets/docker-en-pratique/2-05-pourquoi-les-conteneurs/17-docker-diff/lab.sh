# Copie à l’écriture : les couches de l’image restent en lecture seule ;
# chaque instance écrit dans sa propre couche, que docker diff liste
# (A ajouté, C modifié, D supprimé).
set -e
image=docker-en-pratique/debian-base:latest
instance=$(docker run --detach --rm --network none "$image" sleep 300)
trap 'docker stop --time 0 "$instance" > /dev/null' EXIT
docker exec "$instance" sh -c '
  echo "rangé dans le grenier" > /root/note.txt
  echo "Bienvenue dans l’instance" > /etc/motd
  rm /etc/issue.net'
echo "== docker diff : ce que l’instance a changé dans son image"
docker diff "$instance" | sort -k 2
echo "== L’image, elle, n’a pas bougé (une nouvelle instance) :"
docker run --rm --network none "$image" sh -c '
  test -e /root/note.txt && echo "note.txt présente" \
    || echo "note.txt absente"
  test -e /etc/issue.net && echo "issue.net présente" \
    || echo "issue.net absente"'
