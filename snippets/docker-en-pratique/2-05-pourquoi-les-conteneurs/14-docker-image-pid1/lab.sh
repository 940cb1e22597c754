# L’idée propre à Docker : une image construite à partir d’un
# Dockerfile, puis une instance jetable qui y lance un seul processus,
# le PID 1 (ni init ni services : comparez avec le conteneur LXC).
set -e
image=docker-en-pratique-lab/bonjour:latest
echo "== Le Dockerfile :"
cat /lab/image/Dockerfile
docker build --quiet --network none --tag "$image" /lab/image \
  > /dev/null
layers=$(docker image inspect \
  --format '{{len .RootFS.Layers}}' "$image")
echo "== L’image construite a $layers couches ; on la lance :"
docker run --rm --network none "$image"
docker image rm "$image" > /dev/null
left=$(docker image ls --quiet "$image" | wc -l)
echo "== Image supprimée : $left image restante"
