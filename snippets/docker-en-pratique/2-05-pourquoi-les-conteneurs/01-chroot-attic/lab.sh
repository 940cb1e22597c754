# La maison est ce conteneur ; le grenier est un dossier meublé de son
# propre mini-système : un seul programme, busybox, et quelques
# commandes qui pointent vers lui.
mkdir -p /tmp/attic/bin
cp /bin/busybox /tmp/attic/bin/
for tool in sh ls cat echo; do ln -s busybox /tmp/attic/bin/$tool; done

echo "== La racine de la maison :"
ls -C /
echo "== Le grenier, tel que la maison le voit :"
ls -C /tmp/attic/bin

# chroot lance une commande dont la racine (/) est le dossier grenier.
echo "== La racine vue depuis le grenier :"
chroot /tmp/attic /bin/ls -C /

echo "== Une note écrite à la racine du grenier…"
chroot /tmp/attic /bin/sh -c \
  'echo "rangé au grenier" > /note.txt; ls -C /'
echo "== … se retrouve dans un dossier de la maison :"
cat /tmp/attic/note.txt
