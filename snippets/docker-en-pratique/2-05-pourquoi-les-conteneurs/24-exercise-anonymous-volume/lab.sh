# Solution: an anonymous volume (--volume /srv, no name) belongs to its container, and
# --rm removes it with the container: the data is lost, as without any volume.
set -e
image=docker-en-pratique/debian-base:latest
volumes=""
for instance in 1 2; do
  # In the background (--detach): long enough to ask which volume the engine gave it.
  id=$(docker run --detach --rm --network none --volume /srv "$image" sleep 60)
  volumes="$volumes $(docker inspect --format '{{range .Mounts}}{{.Name}}{{end}}' "$id")"
  if [ "$instance" = 1 ]; then
    docker exec "$id" sh -c 'echo "commande n° 42" > /srv/carnet.txt'
  else
    docker exec "$id" cat /srv/carnet.txt || echo "(perdue : chaque instance a eu son propre volume anonyme)"
  fi
  docker stop --time 0 "$id" > /dev/null
  # --rm removes the container, and its anonymous volume, once it has stopped.
  while docker container inspect "$id" > /dev/null 2>&1; do sleep 0.1; done
done
left=0
for volume in $volumes; do
  if docker volume inspect "$volume" > /dev/null 2>&1; then left=$((left + 1)); fi
done
echo "volumes anonymes restants après les deux instances : $left"
