# La multinationale : une filiale (un nouvel espace de noms PID)
# numérote son personnel à partir de 1, tandis que le siège (l’espace
# de noms de départ) garde ses propres numéros pour les mêmes personnes.
set -e
unshare --pid --fork --mount-proc --kill-child sh -c '
  sleep 300 &
  echo "== Dans la filiale, ps ne voit que les siens :"
  ps -o pid,comm
  touch /tmp/subsidiary-ready
  wait' &
subsidiary=$!
while [ ! -e /tmp/subsidiary-ready ]; do sleep 0.1; done

# Le noyau garde tous les numéros : la ligne NSpid de
# /proc/<pid>/status donne le PID du processus dans chaque espace de
# noms, du siège jusqu’à la filiale.
echo "== Au siège, les mêmes processus ont deux numéros :"
for status in /proc/[0-9]*/status; do
  # 2> /dev/null : un processus parti entre-temps n’a plus ce fichier.
  awk '/^Name:/ {name = $2}
       /^NSpid:/ && NF == 3 {
         printf "%-5s : PID %s dans la filiale, PID %s au siège\n",
                name, $3, $2}' "$status" 2> /dev/null
done | sort -k 4 -n
kill "$subsidiary"
