# La chaîne derrière `docker run` : docker (le client) -> dockerd ->
# containerd -> shim -> runc. ctr, le client propre à containerd,
# parle directement au containerd qu’utilise le moteur.
set -e
tools=docker-en-pratique/lab-tools:latest
image=docker-en-pratique/debian-base:latest
mini=docker-en-pratique-lab/mini:latest  # l’image de l’étape 4
namespace=docker-en-pratique-lab  # notre coin de containerd
run() { docker run --rm --network none "$@"; }
bind() { echo "type=bind,source=$1,target=$1"; }

# Où vit le containerd du moteur : le sien (docker.io de Debian) ou
# celui du système (docker-ce). --mount échoue sur un dossier absent
# au lieu de le créer sur la machine.
for dir in /var/run/docker/containerd /run/containerd; do
  if run --mount "$(bind $dir)" "$tools" \
       test -S "$dir/containerd.sock" 2> /dev/null
  then state=$dir; break; fi
done
[ -n "$state" ] || { echo "containerd introuvable"; exit 1; }
socket=$state/containerd.sock
# ctr tourne dans un conteneur auxiliaire qui reçoit le dossier de
# containerd : son socket, et la place des tubes qui portent les
# entrées et sorties d’un processus (containerd les ouvre par leur
# chemin).
helper=$(docker run --detach --rm --network none \
  --mount "$(bind $state)" "$tools" sleep 300)
ctr() {
  docker exec --interactive "$helper" ctr --address "$socket" "$@"
}
moby() { ctr --namespace moby "$@"; }
ours() { ctr --namespace "$namespace" "$@"; }
clean_up() {
  [ -z "$id" ] || docker stop --time 0 "$id" > /dev/null 2>&1 || true
  ours images remove --sync "docker.io/$mini" > /dev/null 2>&1 \
    || true
  docker image rm "$mini" > /dev/null 2>&1 || true
  ctr namespaces remove "$namespace" > /dev/null 2>&1 || true
  docker exec "$helper" rm -rf "$state/$namespace"
  docker stop --time 0 "$helper" > /dev/null
}
trap clean_up EXIT

echo "== 1. docker run : Docker crée un conteneur…"
id=$(docker run --detach --rm --network none "$image" sleep 300)
echo "identifiant Docker : $id"

echo "== 2. … que containerd connaît sous le même identifiant"
moby containers list --quiet | grep -x "$id"
runtime=$(moby containers info "$id" | jq -r .Runtime.Name)
echo "exécuté par le shim : $runtime"
oci=$(docker info --format '{{.DefaultRuntime}}')
echo "qui délègue au runtime OCI : $oci"
task_pid=$(moby tasks list | awk -v id="$id" '$1 == id {print $2}')
docker_pid=$(docker inspect --format '{{.State.Pid}}' "$id")
if [ "$task_pid" = "$docker_pid" ]; then
  echo "même processus pour Docker et pour containerd : oui"
fi

echo "== 3. containerd lance un processus dans ce conteneur"
moby tasks exec --fifo-dir "$state/$namespace" --exec-id lab "$id" \
  ps -o pid,args

echo "== 4. Les images passent d’un outil à l’autre : format OCI"
# Une image minuscule, vite copiée : le BusyBox de l’image des labs
# et sa carte d’identité, /etc/os-release.
context=$(mktemp -d)
cp /bin/busybox /etc/os-release "$context"
printf '%s\n' 'FROM scratch' 'COPY busybox /bin/busybox' \
  'COPY os-release /etc/os-release' > "$context/Dockerfile"
docker build --quiet --network none --tag "$mini" "$context" \
  > /dev/null
docker save "$mini" | ours images import - > /dev/null
ours images list --quiet

echo "== 5. ctr run : containerd lance l’image importée, sans Docker"
# Contrairement à docker, ctr monte lui-même les couches de l’image,
# de son côté, pour y lire ses groupes d’utilisateurs : ce conteneur
# auxiliaire reçoit donc aussi CAP_SYS_ADMIN et le dossier des couches
# de containerd, au même chemin que sur la machine, et, là où AppArmor
# est actif, le droit de monter (voir la préface).
layers=$(ctr plugins list --detailed id==overlayfs \
  | awk '$1 == "root" {print $2}')
run --cap-add SYS_ADMIN --security-opt apparmor=unconfined \
  --mount "$(bind $state)" --mount "$(bind $layers)" "$tools" \
  ctr --address "$socket" --namespace "$namespace" \
  run --rm --fifo-dir "$state/$namespace" "docker.io/$mini" demo \
  /bin/busybox sh -c '. /etc/os-release
         echo "PID $$ dans un conteneur de l’image $PRETTY_NAME"'
