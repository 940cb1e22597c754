# [P] A disposable instance keeps nothing; a named volume outlives the instances that use it.
set -e
image=docker-en-pratique/debian-base:latest
volume=docker-en-pratique-lab-carnet

echo "== Sans volume : une instance écrit, elle est supprimée (--rm), une autre cherche"
docker run --rm --network none "$image" sh -c 'echo "commande n° 42" > /srv/carnet.txt'
docker run --rm --network none "$image" cat /srv/carnet.txt || echo "(la donnée est partie avec la première instance)"

echo "== Avec un volume nommé : la donnée survit aux instances"
docker volume create "$volume" > /dev/null
docker run --rm --network none --volume "$volume:/srv" "$image" sh -c 'echo "commande n° 42" > /srv/carnet.txt'
docker run --rm --network none --volume "$volume:/srv" "$image" cat /srv/carnet.txt

docker volume rm "$volume" > /dev/null
echo "== Volume supprimé, donnée comprise : il ne reste que ce qu’on garde explicitement"
