"""The lab runner: runs every snippet of ``snippets/`` in a container and checks its output.

One module per concern: ``paths`` (where things live), ``options`` (lab.toml),
``discovery`` (lab folders), ``engine`` (Docker connection), ``images`` (lab images),
``run`` (one container run), ``normalize`` / ``compare`` (checking), ``update``
(``--update-outputs``), ``ledger`` (book <-> snippets coverage), ``plugin`` (pytest).
"""
