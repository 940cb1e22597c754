# The chain behind `docker run`: docker (CLI) -> dockerd -> containerd -> shim -> runc.
# ctr, containerd's own client, talks straight to the containerd that the engine uses.
set -e
tools=docker-en-pratique/lab-tools:latest
image=docker-en-pratique/debian-base:latest
namespace=docker-en-pratique-lab  # our own corner of containerd, removed at the end

# Where the engine's containerd lives: its own (Debian's docker.io) or the system one
# (docker-ce). --mount fails on a missing folder instead of creating it on the machine.
for dir in /var/run/docker/containerd /run/containerd; do
  if docker run --rm --network none --mount "type=bind,source=$dir,target=$dir" "$tools" \
       test -S "$dir/containerd.sock" 2> /dev/null; then state=$dir; break; fi
done
[ -n "$state" ] || { echo "containerd introuvable : ni /var/run/docker/containerd ni /run/containerd"; exit 1; }
# ctr runs in one helper container given containerd's folder: its socket, and room for the
# pipes that carry a process's input and output (containerd opens them by their path).
helper=$(docker run --detach --rm --network none --mount "type=bind,source=$state,target=$state" \
  "$tools" sleep 300)
ctr() { docker exec --interactive "$helper" ctr --address "$state/containerd.sock" "$@"; }
clean_up() {
  [ -z "$id" ] || docker stop --time 0 "$id" > /dev/null 2>&1 || true
  ctr --namespace "$namespace" images remove --sync "docker.io/$image" > /dev/null 2>&1 || true
  ctr namespaces remove "$namespace" > /dev/null 2>&1 || true
  docker exec "$helper" rm -rf "$state/$namespace"
  docker stop --time 0 "$helper" > /dev/null
}
trap clean_up EXIT

echo "== 1. docker run : Docker crée un conteneur…"
id=$(docker run --detach --rm --network none "$image" sleep 300)
echo "identifiant Docker : $id"

echo "== 2. … que containerd connaît sous le même identifiant, dans son namespace « moby »"
ctr --namespace moby containers list --quiet | grep -x "$id"
echo "exécuté par le shim : $(ctr --namespace moby containers info "$id" | jq -r .Runtime.Name)"
echo "qui délègue au runtime OCI : $(docker info --format '{{.DefaultRuntime}}')"
task_pid=$(ctr --namespace moby tasks list | awk -v id="$id" '$1 == id {print $2}')
if [ "$task_pid" = "$(docker inspect --format '{{.State.Pid}}' "$id")" ]; then
  echo "même processus pour Docker et pour containerd : oui"
fi

echo "== 3. containerd lance un processus dans ce conteneur, sans passer par Docker"
ctr --namespace moby tasks exec --fifo-dir "$state/$namespace" --exec-id lab "$id" ps -o pid,args

echo "== 4. Les images passent d’un outil à l’autre : même format OCI"
docker save "$image" | ctr --namespace "$namespace" images import - > /dev/null
ctr --namespace "$namespace" images list --quiet

echo "== 5. ctr run : containerd lance l’image importée, sans Docker"
# Unlike docker, ctr mounts the image's layers itself, on its side, to read the image's
# groups: this one helper also gets CAP_SYS_ADMIN and containerd's layer folder, at the
# same path as on the machine (where containerd says it is), and, where AppArmor is on,
# leave to mount (Docker's default AppArmor profile denies it).
layers=$(ctr plugins list --detailed id==overlayfs | awk '$1 == "root" {print $2}')
docker run --rm --network none --cap-add SYS_ADMIN --security-opt apparmor=unconfined \
  --mount "type=bind,source=$state,target=$state" \
  --mount "type=bind,source=$layers,target=$layers" "$tools" \
  ctr --address "$state/containerd.sock" --namespace "$namespace" \
  run --rm --fifo-dir "$state/$namespace" "docker.io/$image" demo-ctr \
  sh -c '. /etc/os-release; echo "PID $$ dans un conteneur de l’image $PRETTY_NAME"'
