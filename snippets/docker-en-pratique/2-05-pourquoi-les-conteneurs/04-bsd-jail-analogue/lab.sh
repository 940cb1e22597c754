# A Linux analogue of the FreeBSD jail described in jail.conf (next to this script): its
# four elements, read from the file, rebuilt with a chroot and three Linux namespaces.
set -e
setting() { sed -n "s/^ *$1 *= *\"\{0,1\}\([^\";]*\)\"\{0,1\};/\1/p" /lab/jail.conf; }
path=/tmp$(setting path)       # the jail's tree, under /tmp (our only writable place)
hostname=$(setting host.hostname)
address=$(setting ip4.addr)
start=$(setting exec.start)
echo "jail.conf : racine $path, nom $hostname, adresse $address, commande « $start »"

# 1. The directory tree: a tiny system (busybox) and the /etc/rc that exec.start runs.
mkdir -p "$path/bin" "$path/etc" "$path/proc"
cp /bin/busybox "$path/bin/"
for applet in sh ps hostname ip; do ln -s busybox "$path/bin/$applet"; done
cat > "$path/etc/rc" <<'RC'
echo "dans la jail : nom $(hostname)"
echo "dans la jail : adresses $(ip -o -4 addr show | awk '{print $4}' | tr '\n' ' ')"
echo "dans la jail : processus visibles"
ps -o pid,comm
RC

# 2-4. Its own host name (UTS), its own network stack holding only its address (net),
# its own process numbering (PID); then chroot into the tree and run exec.start.
unshare --uts --net --pid --mount --fork sh -c "
  hostname $hostname
  ip link set lo up
  ip addr add $address/32 dev lo
  mount -t proc proc $path/proc
  exec chroot $path $start"
