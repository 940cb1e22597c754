"""Un quota de CPU : une boucle active tourne deux secondes d’horloge,
mais n’obtient au plus qu’un demi-CPU.

L’analogie de la console : le noyau compte le temps de CPU de chaque
groupe et, quand le groupe a épuisé sa part de la période en cours,
le fait attendre la suivante.
"""
import time

WALL_SECONDS = 2.0

start_wall = time.monotonic()
start_cpu = time.process_time()
while time.monotonic() - start_wall < WALL_SECONDS:
    pass  # consommer du CPU aussi vite que permis
cpu = time.process_time() - start_cpu

share = cpu / WALL_SECONDS
# La part exacte varie avec la charge de la machine ; le verdict, non.
print(f"boucle active pendant {WALL_SECONDS:.0f} s d’horloge")
verdict = "oui" if share <= 0.6 else f"non ({share:.2f})"
print("temps CPU obtenu, au plus un demi-CPU :", verdict)
