# [P] Chaque instance écrit dans sa propre couche : une autre instance
# ne voit rien de ce qu’elle a écrit. Un volume nommé, lui, est partagé
# par les instances qui le montent, et survit à chacune d’elles.
set -e
image=docker-en-pratique/debian-base:latest
volume=docker-en-pratique-lab-carnet
# Le volume est supprimé même si une commande échoue en chemin.
trap 'docker volume rm --force "$volume" > /dev/null' EXIT
write='echo "commande n° 42" > /srv/carnet.txt'
lost='(introuvable)'

echo "== Sans volume : deux instances, deux couches"
docker run --rm --network none "$image" sh -c "$write"
docker run --rm --network none "$image" cat /srv/carnet.txt \
  || echo "$lost"

echo "== Avec un volume nommé, monté par les deux instances"
docker volume create "$volume" > /dev/null
docker run --rm --network none --volume "$volume:/srv" "$image" \
  sh -c "$write"
docker run --rm --network none --volume "$volume:/srv" "$image" \
  cat /srv/carnet.txt || echo "$lost"
