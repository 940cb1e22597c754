# Docker's own idea: an image built from a Dockerfile, then a disposable instance of it
# running one process as PID 1 (no init, no services: compare with the LXC system container).
set -e
image=docker-en-pratique-lab/bonjour:latest
echo "== Le Dockerfile :"
cat /lab/image/Dockerfile
docker build --quiet --network none --tag "$image" /lab/image > /dev/null
echo "== L’image construite a $(docker image inspect --format '{{len .RootFS.Layers}}' "$image") couches ; on la lance :"
docker run --rm --network none "$image"
docker image rm "$image" > /dev/null
echo "== Image supprimée : $(docker image ls --quiet "$image" | wc -l) image restante"
