# L’équivalent Linux de la jail décrite dans jail.conf (à côté de ce
# script) : ses quatre éléments, lus dans le fichier, reconstruits avec
# chroot et quatre espaces de noms.
set -e
setting() {
  sed -n "s/^ *$1 *= *\"\{0,1\}\([^\";]*\)\"\{0,1\};/\1/p" \
    /lab/jail.conf
}
path=/tmp$(setting path)  # sous /tmp, seul endroit inscriptible ici
hostname=$(setting host.hostname)
address=$(setting ip4.addr)
start=$(setting exec.start)
echo "jail.conf :"
echo "  racine   $path"
echo "  nom      $hostname"
echo "  adresse  $address"
echo "  commande $start"

# 1. L’arborescence : un mini-système (busybox) et le /etc/rc que
# lance exec.start.
mkdir -p "$path/bin" "$path/etc" "$path/proc"
cp /bin/busybox "$path/bin/"
for applet in sh ps hostname ip awk; do
  ln -s busybox "$path/bin/$applet"
done
cat > "$path/etc/rc" <<'RC'
echo "dans la jail : nom $(hostname)"
echo "dans la jail : adresses" $(ip -o -4 addr | awk '{print $4}')
echo "dans la jail : processus visibles"
ps -o pid,comm
RC

# 2 à 4. Son nom (UTS), sa pile réseau qui ne porte que son adresse
# (net), sa numérotation des processus (PID), et ses montages (mnt),
# pour monter son /proc sans toucher celui du lab ; puis chroot dans
# l’arborescence et exec.start.
unshare --uts --net --pid --mount --fork sh -c "
  hostname $hostname
  ip link set lo up
  ip addr del 127.0.0.1/8 dev lo
  ip addr add $address/32 dev lo
  mount -t proc proc $path/proc
  exec chroot $path $start"
