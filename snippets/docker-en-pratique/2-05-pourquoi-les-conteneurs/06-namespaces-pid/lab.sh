# The multinational: a subsidiary (a new PID namespace) numbers its own staff from 1,
# while head office (the namespace we start in) keeps its own numbers for the same people.
set -e
unshare --pid --fork --mount-proc --kill-child sh -c '
  sleep 300 &
  echo "== Dans la filiale, ps ne voit que les siens :"
  ps -o pid,comm
  touch /tmp/subsidiary-ready
  wait' &
subsidiary=$!
while [ ! -e /tmp/subsidiary-ready ]; do sleep 0.1; done

# The kernel keeps every number: the NSpid line of /proc/<pid>/status lists the process's
# PID in each namespace, from head office down to the subsidiary.
echo "== Au siège, les mêmes processus ont deux numéros :"
for status in /proc/[0-9]*/status; do
  awk '/^Name:/ {name = $2}
       /^NSpid:/ && NF == 3 {printf "%-5s : PID %s dans la filiale, PID %s au siège\n", name, $3, $2}' "$status"
done | sort -k 4 -n
kill "$subsidiary"
