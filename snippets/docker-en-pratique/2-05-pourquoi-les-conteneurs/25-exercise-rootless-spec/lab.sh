# Solution : la spec rootless ajoute un espace de noms utilisateur, et
# fait correspondre root dans le conteneur à l’utilisateur ordinaire
# qui lance runc (ici l’uid 1000, grâce à setpriv).
set -e
mkdir -p /tmp/standard /tmp/rootless && chown 1000:1000 /tmp/rootless
(cd /tmp/standard && runc spec)
(cd /tmp/rootless \
  && setpriv --reuid 1000 --regid 1000 --clear-groups \
       runc spec --rootless)
namespaces() {
  jq -r '[.linux.namespaces[].type] | join(" ")' "$1/config.json"
}
echo "spec standard : $(namespaces /tmp/standard)"
echo "spec rootless : $(namespaces /tmp/rootless)"
jq -r '.linux.uidMappings[]
  | "uid \(.containerID) dans le conteneur = uid \(.hostID) dehors"' \
  /tmp/rootless/config.json
