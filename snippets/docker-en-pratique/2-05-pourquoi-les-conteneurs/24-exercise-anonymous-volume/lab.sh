# Solution : un volume anonyme (--volume /srv, sans nom) appartient à
# son conteneur, et --rm le supprime avec lui : la donnée est perdue,
# comme sans volume.
set -e
image=docker-en-pratique/debian-base:latest
volumes=""
for instance in 1 2; do
  # En arrière-plan (--detach), le temps de demander au moteur quel
  # volume il lui a donné.
  id=$(docker run --detach --rm --network none --volume /srv \
    "$image" sleep 60)
  volumes="$volumes $(docker inspect \
    --format '{{range .Mounts}}{{.Name}}{{end}}' "$id")"
  if [ "$instance" = 1 ]; then
    docker exec "$id" sh -c 'echo "commande n° 42" > /srv/carnet.txt'
  else
    docker exec "$id" cat /srv/carnet.txt \
      || echo "(perdue : chaque instance a eu son propre volume)"
  fi
  docker stop --time 0 "$id" > /dev/null
  # --rm supprime le conteneur, et son volume anonyme, une fois arrêté.
  while docker container inspect "$id" > /dev/null 2>&1
  do sleep 0.1; done
done
left=0
for volume in $volumes; do
  if docker volume inspect "$volume" > /dev/null 2>&1
  then left=$((left + 1)); fi
done
echo "volumes anonymes restants après les deux instances : $left"
