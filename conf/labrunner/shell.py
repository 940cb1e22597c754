"""``make shell LAB=…``: an interactive shell in a lab's container, for the book's exercises.

The same recipe as the suite's run (image, limits, privileges, read-only root, no network,
the same read-only copy of the lab's files at /lab), with ``/bin/sh`` instead of the snippet. An engine lab gets its own proxied socket, as in the
suite: what it creates is labelled, and what the reader leaves is removed and named on exit.
Messages are French: readers run this command.
"""

import shutil
import subprocess
import sys

from . import engine, engine_lab, images, recipe, run
from .discovery import Lab


def open_shell(lab: Lab) -> int:
    image = images.ensure(lab.options.image)
    docker = shutil.which("docker") or "docker"
    interactive = sys.stdin.isatty()
    api, labels = engine.client().api, run.labels(lab)
    with run.lab_files_volume(api, lab, image, labels) as files:  # the copy a run gets, not the folder
        if not lab.options.engine:
            return _shell(recipe.recipe(lab, image, lab_files=files, labels=labels), docker, interactive)
        with engine_lab.LabSocket(api, labels) as lab_socket:
            try:
                return _shell(recipe.recipe(lab, image, lab_files=files, engine_socket=lab_socket.mount_path, labels=labels),
                              docker, interactive)
            finally:
                for leftover in lab_socket.remove_leftovers():
                    print(f"labrunner\u00a0: supprimé en sortant (laissé dans le shell)\u00a0: {leftover}",
                          file=sys.stderr)


def _shell(container: recipe.Recipe, docker: str, interactive: bool) -> int:
    o = container.options
    print(f"Shell dans le conteneur du lab (image {container.image})\u00a0: pas de réseau, mémoire {o.memory}, "
          f"{o.pids} processus au plus, racine {'en lecture seule' if o.read_only else 'modifiable'}, "
          f"/lab en lecture seule, /tmp modifiable.\n"
          "Pour en sortir\u00a0: «\u00a0exit\u00a0» ou Ctrl-D. Rien de ce que vous faites hors de /lab ne survit au conteneur.",
          file=sys.stderr, flush=True)
    argv = container.docker_run_argv(docker, interactive=True)
    if not interactive:  # piped input (tests, scripts): no terminal to attach
        argv.remove("-it")
        argv.insert(3, "-i")
    return subprocess.run(argv).returncode
