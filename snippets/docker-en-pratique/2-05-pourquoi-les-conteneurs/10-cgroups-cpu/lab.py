"""A CPU quota: a busy loop runs for two seconds of clock time but gets at most half a CPU.

The console analogy: the kernel counts each group's CPU time and, once the group has
used its share of the current period, makes it wait for the next one.
"""
import os
import time

WALL_SECONDS = 2.0

start_wall = time.monotonic()
start_cpu = time.process_time()
while time.monotonic() - start_wall < WALL_SECONDS:
    pass  # burn CPU as fast as we are allowed to
cpu = time.process_time() - start_cpu

share = cpu / WALL_SECONDS
# The exact share varies with the machine's load; the verdict does not.
print(f"boucle active pendant {WALL_SECONDS:.0f} s d’horloge")
print("temps CPU obtenu : au plus la moitié d’un CPU :", "oui" if share <= 0.6 else f"non ({share:.2f})")
