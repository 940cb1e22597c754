# Le même grenier que dans le lab précédent, avec les quelques
# commandes dont cette visite a besoin.
mkdir -p /tmp/attic/bin
cp /bin/busybox /tmp/attic/bin/
for tool in sh cat hostname uname ip cut kill wget; do
  ln -s busybox /tmp/attic/bin/$tool
done
attic() { chroot /tmp/attic /bin/sh -c "$1"; }

echo "== Le même noyau :"
echo "maison : $(uname -sr)"
echo "grenier : $(attic 'uname -sr')"

echo "== Le même nom de machine :"
echo "maison : $(hostname)"
echo "grenier : $(attic hostname)"

echo "== Les mêmes interfaces réseau :"
echo "maison :$(ip -o link | cut -d: -f2)"
echo "grenier :$(attic 'ip -o link | cut -d: -f2')"

echo "== Le même réseau : un service de la maison sur 127.0.0.1"
mkdir -p /tmp/www && echo "bonjour de la maison" > /tmp/www/index.html
busybox httpd -f -p 127.0.0.1:8080 -h /tmp/www &
server=$!
# Le grenier demande, jusqu’à ce que le serveur écoute.
until attic 'wget -q -O - http://127.0.0.1:8080/' 2>/dev/null
do sleep 0.1; done
kill $server

echo "== Les mêmes processus : le grenier arrête celui de la maison"
sleep 300 &
attic "kill $!"
wait $! 2>/dev/null  # masque l’avis « Terminated » du shell
echo "code de sortie du sleep : $? (128 + 15, SIGTERM)"
