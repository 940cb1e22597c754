# LXC : un conteneur système complet (et minuscule), créé hors ligne
# à partir du modèle busybox, démarré avec son propre init, puis
# visité avec lxc-attach.
set -e
# La racine du conteneur du lab est en lecture seule et son /tmp
# interdit d’exécuter des programmes : donner à LXC les deux endroits
# inscriptibles qu’il lui faut (ses verrous dans /run, ses conteneurs
# dans /var/lib/lxc).
mount -t tmpfs lxc-run /run
mount -t tmpfs lxc-containers /var/lib/lxc

# Les réglages du conteneur système : pas de carte réseau (lo seule),
# et pas de profil AppArmor à lui, que LXC ne pourrait pas charger
# depuis le conteneur du lab sur les machines où AppArmor est actif.
cat > /run/appartement.conf <<'CONF'
lxc.net.0.type = empty
lxc.apparmor.profile = unconfined
CONF
lxc-create -n appartement -t busybox -f /run/appartement.conf \
  > /dev/null
echo "lxc-create a installé un système :"
ls /var/lib/lxc/appartement/rootfs | paste -s -d ' ' \
  | fold -s -w 60 | sed 's/ $//'

lxc-start -n appartement
init=$(lxc-info -n appartement -p -H)
# Attendre qu’init ait lancé ses trois services (syslogd, getty et la
# console qui attend qu’on appuie sur Entrée).
until [ "$(pgrep -c -P "$init")" -ge 3 ]; do sleep 0.1; done

in_container() { lxc-attach -n appartement -- "$@"; }
echo "processus du conteneur, vus de l’intérieur :"
in_container ps | grep -v ' ps$'
echo "nom de machine : $(in_container hostname)"
echo "interfaces réseau : $(in_container ls /sys/class/net)"

lxc-stop -n appartement --kill
lxc-destroy -n appartement > /dev/null
echo "conteneur arrêté puis détruit"
