# [R] Each instance is a new machine on the network: a new name, and its own network
# namespace, whose loopback only the processes inside (or sharing it) can reach.
set -e
image=docker-en-pratique/debian-base:latest

echo "== Deux instances de la même image, deux identités"
first=$(docker run --rm --network none "$image" hostname)
second=$(docker run --rm --network none "$image" hostname)
echo "instance 1 : $first"
echo "instance 2 : $second"
[ "$first" != "$second" ] && echo "noms différents : oui"

echo "== Un service qui écoute sur 127.0.0.1:8000 dans sa propre instance"
service=$(docker run --detach --rm --network none "$image" python3 -m http.server --bind 127.0.0.1 8000)
fetch='import urllib.request as u; print(u.urlopen("http://127.0.0.1:8000/", timeout=2).status, "OK")'
# Wait until it answers from inside its own namespace (docker exec joins it).
until docker exec "$service" python3 -c "$fetch" > /dev/null 2>&1; do sleep 0.2; done

echo "depuis une autre instance :"
docker run --rm --network none "$image" python3 -c "$fetch" 2>&1 | tail -n 1
echo "depuis une instance qui partage son namespace réseau (--network container:…) :"
docker run --rm --network "container:$service" "$image" python3 -c "$fetch"

docker stop --time 1 "$service" > /dev/null
