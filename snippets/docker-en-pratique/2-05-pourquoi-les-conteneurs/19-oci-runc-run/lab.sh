# Docker sans Docker : runc seul lance un conteneur à partir d’un
# bundle OCI.
set -e
# runc monte un /proc neuf pour son conteneur ; le noyau le refuse tant
# que notre /proc a des parties masquées par le moteur (/proc/sys…).
# Le script se relance donc dans son propre espace de noms de montage
# et y lève les masques ; le conteneur du lab, lui, les garde.
[ -n "$OWN_MOUNT_NAMESPACE" ] \
  || exec env OWN_MOUNT_NAMESPACE=1 unshare --mount sh "$0"
awk '$5 ~ "^/proc/" {print $5}' /proc/self/mountinfo | sort -r \
  | xargs -r -n 1 umount

# Le bundle : un rootfs avec busybox et quelques-unes de ses commandes…
mkdir -p /tmp/bundle/rootfs/bin && cd /tmp/bundle
cp /bin/busybox rootfs/bin/
for applet in sh ps hostname; do
  ln -s busybox "rootfs/bin/$applet"
done
# … et le config.json standard. La spec rootless ajoute un espace de
# noms utilisateur.
runc spec --rootless
jq '.process.terminal = false
    | .process.args = ["sh", "-c",
        "echo \"nom de machine : $(hostname)\"; ps -o pid,comm"]' \
  config.json > config.new && mv config.new config.json
jq -r '.linux.uidMappings[]
  | "uid \(.containerID) dans le conteneur = uid \(.hostID) dehors"' \
  config.json

# --rootless true : ne pas toucher aux cgroups (ceux du lab sont en
# lecture seule). --no-new-keyring et --no-pivot gardent le filtre
# seccomp du lab : le profil par défaut de Docker refuse keyctl et
# pivot_root ; runc entre alors dans le rootfs par chroot.
runc --root /tmp/runc --rootless true --log /tmp/runc.log \
  run --no-new-keyring --no-pivot --bundle /tmp/bundle demo-oci \
  < /dev/null || { cat /tmp/runc.log; exit 1; }
echo "conteneurs encore connus de runc :" \
  "$(runc --root /tmp/runc list -q | wc -l)"
