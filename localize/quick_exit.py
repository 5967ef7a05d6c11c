"""The ``localize`` process ended without Python's teardown once its command has finished.

A finished command has written, committed and closed what it made. What the interpreter does
after the exit functions is free its objects one by one and collect the cycles among them:
about 0.1 s of CPU for an update of a 3,100-sentence article's catalogs (BENCHMARKS.md, `update`
part 10), paid by every run and useless to it. The exit functions still run: non-daemon
threads are joined before them, and the pipelines and analysers left open are ended by their
finalizers among them. The process then ends from the last of them, the one registered here,
which the entry point imports before anything else can register one."""

from __future__ import annotations

import atexit
import os
import sys

_status: int | None = None


def finished(status: int) -> None:
    """The command has finished with ``status``: the process ends with it after the exit
    functions, without the teardown."""
    global _status
    _status = status


def _end_now() -> None:
    if _status is None:
        return
    # A tracer or coverage may still have its own work to do in the teardown (its exit function
    # registered before this one runs after it).
    if sys.gettrace() is not None or sys.getprofile() is not None or "coverage" in sys.modules:
        return
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:  # None: the process was started with that descriptor closed
                stream.flush()
    except (OSError, ValueError):  # a closed pipe: the teardown reports it, as it always has
        return
    os._exit(_status)


atexit.register(_end_now)
