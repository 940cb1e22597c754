# [R] Chaque instance est une nouvelle machine sur le réseau : un
# nouveau nom, et son propre espace de noms réseau, dont la boucle
# locale n’est joignable que de l’intérieur (ou en le partageant).
set -e
image=docker-en-pratique/debian-base:latest

echo "== Deux instances de la même image, deux noms"
first=$(docker run --rm --network none "$image" hostname)
second=$(docker run --rm --network none "$image" hostname)
echo "instance 1 : $first"
echo "instance 2 : $second"
[ "$first" != "$second" ] && echo "noms différents : oui"

echo "== Un service écoute sur 127.0.0.1:8000 dans son instance"
service=$(docker run --detach --rm --network none "$image" \
  python3 -m http.server --bind 127.0.0.1 8000)
trap 'docker stop --time 1 "$service" > /dev/null' EXIT
fetch='import urllib.request as u
try:
    u.urlopen("http://127.0.0.1:8000/", timeout=2)
    print("réponse reçue")
except OSError:
    print("connexion refusée")'
# Attendre qu’il réponde de l’intérieur (docker exec y entre).
until docker exec "$service" python3 -c "$fetch" | grep -q reçue
do sleep 0.2; done

echo "depuis une autre instance :"
docker run --rm --network none "$image" python3 -c "$fetch"
echo "depuis une instance qui partage son espace de noms réseau :"
docker run --rm --network "container:$service" "$image" \
  python3 -c "$fetch"
