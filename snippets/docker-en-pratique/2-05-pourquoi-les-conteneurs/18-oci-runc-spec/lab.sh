# La spécification d’exécution de l’OCI, telle que runc l’écrit : un
# bundle est un config.json plus une arborescence (rootfs).
set -e
mkdir /tmp/bundle && cd /tmp/bundle
runc spec
echo "runc spec a écrit : $(ls)"
echo "version de la spécification : $(jq -r .ociVersion config.json)"
echo "espaces de noms demandés au noyau :"
jq -r '.linux.namespaces[].type' config.json | sed 's/^/  - /'
echo "processus à lancer : $(jq -c .process.args config.json)"
echo "racine : $(jq -r .root.path config.json)"
