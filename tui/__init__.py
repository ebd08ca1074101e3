"""The terminal app (Textual), on top of `schedules`.

Importing the app makes the garbage collector's passes rare until it has started (`started`,
once its files are read, checked and made into models): starting builds some hundred thousand
objects (the modules, Textual's classes and styles, the widgets, the files read) that all stay,
and the collector's repeated full passes over them took about a sixth of the time to the first
screen. `started` sets the collector back as it was and keeps what start-up made out of its
later full passes (`gc.freeze`).
"""

from __future__ import annotations

import gc

_AS_IT_WAS = gc.get_threshold()
_WHILE_STARTING = (10_000, 50, 1_000)  # a young collection every 10,000 objects; no full one
gc.set_threshold(*_WHILE_STARTING)


def started() -> None:
    """The app has started: collect as usual from now on (a second call does nothing)."""
    if gc.get_threshold() == _WHILE_STARTING:
        gc.freeze()
        gc.set_threshold(*_AS_IT_WAS)
