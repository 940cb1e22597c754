# The house is this container; the attic is a folder furnished with its own
# tiny system: one static busybox binary and a few commands that point to it.
mkdir -p /tmp/attic/bin
cp /bin/busybox /tmp/attic/bin/
for tool in sh ls cat echo; do ln -s busybox /tmp/attic/bin/$tool; done

echo "== La racine de la maison :"
ls -C /
echo "== Le grenier, tel que la maison le voit :"
ls -C /tmp/attic/bin

# chroot starts a command whose root directory (/) is the attic folder.
echo "== La racine vue depuis le grenier :"
chroot /tmp/attic /bin/ls -C /

echo "== Une note écrite à la racine du grenier…"
chroot /tmp/attic /bin/sh -c 'echo "rangé au grenier" > /note.txt; ls -C /'
echo "== … se retrouve dans un dossier de la maison :"
cat /tmp/attic/note.txt
