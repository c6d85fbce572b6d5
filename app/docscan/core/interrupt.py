"""A stop the recognition loop checks between its steps (after detection, between recognition batches).

A process that can be asked to stop installs a check once (the window's engine process: an event its
parent sets on cancel); everywhere else there is none and ``check()`` costs a function call. Stopping here
keeps the process and its loaded models, where stopping the process would mean loading them again.
"""

from __future__ import annotations

from typing import Callable

from .errors import Cancelled

_should_stop: Callable[[], bool] | None = None


def install(should_stop: Callable[[], bool] | None) -> None:
    global _should_stop
    _should_stop = should_stop


def check() -> None:
    """Raise Cancelled when a stop was asked for."""
    if _should_stop is not None and _should_stop():
        raise Cancelled("Cancelled.")
