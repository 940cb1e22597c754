# LXC: a whole (tiny) system container, created offline from the busybox template,
# booted with its own init, then visited with lxc-attach.
set -e
# The lab container's root is read-only and its /tmp forbids running programs: give LXC
# the two writable places it needs (its locks in /run, its containers in /var/lib/lxc).
mount -t tmpfs lxc-run /run
mount -t tmpfs lxc-containers /var/lib/lxc

# The system container's settings: no network card (lo only); and no AppArmor profile of
# its own, which LXC could not load from inside the lab container on AppArmor machines.
cat > /run/appartement.conf <<'CONF'
lxc.net.0.type = empty
lxc.apparmor.profile = unconfined
CONF
lxc-create -n appartement -t busybox -f /run/appartement.conf >/dev/null
echo "lxc-create a installé un système : $(ls /var/lib/lxc/appartement/rootfs | tr '\n' ' ')"

lxc-start -n appartement
init=$(lxc-info -n appartement -p -H)
# Wait until init has started its three services (syslogd, getty, the console shell prompt).
until [ "$(pgrep -c -P "$init")" -ge 3 ]; do sleep 0.1; done

echo "processus du conteneur, vus de l’intérieur :"
lxc-attach -n appartement -- ps | grep -v ' ps$'
echo "nom de machine : $(lxc-attach -n appartement -- hostname)"
echo "interfaces réseau : $(lxc-attach -n appartement -- ls /sys/class/net)"

lxc-stop -n appartement --kill
lxc-destroy -n appartement >/dev/null
echo "conteneur arrêté puis détruit"
