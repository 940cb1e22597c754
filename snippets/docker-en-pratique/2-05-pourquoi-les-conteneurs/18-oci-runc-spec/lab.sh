# The OCI runtime specification, as runc writes it: a bundle is a config.json plus a rootfs.
set -e
mkdir /tmp/bundle && cd /tmp/bundle
runc spec
echo "runc spec a écrit : $(ls)"
echo "version de la spécification OCI : $(jq -r .ociVersion config.json)"
echo "namespaces demandés au noyau :"
jq -r '.linux.namespaces[].type' config.json | sed 's/^/  - /'
echo "processus à lancer : $(jq -c .process.args config.json), racine : $(jq -r .root.path config.json)"
