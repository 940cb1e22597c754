# Solution: an anonymous volume (--volume /srv, no name) belongs to its container, and
# --rm removes it with the container: the data is lost, as without any volume.
set -e
image=docker-en-pratique/debian-base:latest
volumes_before=$(docker volume ls --quiet | wc -l)
docker run --rm --network none --volume /srv "$image" sh -c 'echo "commande n° 42" > /srv/carnet.txt'
docker run --rm --network none --volume /srv "$image" cat /srv/carnet.txt || echo "(perdue : chaque instance a eu son propre volume anonyme)"
volumes_after=$(docker volume ls --quiet | wc -l)
echo "volumes en plus après les deux instances : $((volumes_after - volumes_before))"
