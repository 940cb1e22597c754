"""A runner that starts the current platform's VM, says "ready", then waits to be stopped:
the fault tests interrupt it (SIGINT = Ctrl-C, SIGTERM = a timeout) mid-boot or mid-run."""

import time

from labrunner import platform

with platform.start(platform.build("current")):
    print("ready", flush=True)
    time.sleep(3600)
