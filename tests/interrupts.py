"""Children that a test interrupts with SIGINT, as a Ctrl-C would.

A shell without job control starts its background commands with SIGINT ignored, and that
disposition is inherited: Python then keeps ignoring SIGINT instead of raising
KeyboardInterrupt, and the test would wait for nothing. ``preexec_fn=sigint_default`` gives
the child the default disposition back, whatever started this session.
"""

import signal


def sigint_default() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)
