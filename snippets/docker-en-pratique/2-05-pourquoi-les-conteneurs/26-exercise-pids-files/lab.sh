# Solution : la limite de processus et leur décompte sont deux
# fichiers du cgroup du conteneur ; le noyau tient le décompte à jour
# et refuse tout nouveau processus une fois la limite atteinte.
cg=/sys/fs/cgroup
if [ -e "$cg/cgroup.controllers" ]; then dir=$cg  # cgroup v2
else dir=$cg/pids; fi                            # cgroup v1
# read et echo sont internes au shell : les lire ne crée aucun
# processus, qui fausserait le décompte.
count() { read -r current < "$dir/pids.current"; }
read -r limit < "$dir/pids.max"
echo "limite, dans pids.max : $limit"
count; echo "en cours au départ, dans pids.current : $current"

# Remplir le groupe en gardant une place, pour un dernier programme.
room=$((limit - current - 1))
sleepers=""
for i in $(seq "$room"); do sleep 300 & sleepers="$sleepers $!"; done
count; echo "après $room sleep en arrière-plan : $current"
python3 -c '
import os
try:
    os.fork()
except BlockingIOError as refusal:
    print("python a pris la dernière place")
    print(f"un processus de plus : refusé ({refusal.strerror})")'
kill $sleepers; wait
count; echo "une fois les sleep arrêtés : $current"
