"""Garbage collection while the command line starts (issue 16, cold start).

Importing spaCy and our modules and building the pipeline make a few hundred thousand
objects that live for the whole run. The cyclic collector, triggered by those allocations,
scanned them again and again: about 0.35 s of a one-page check's 2.5 s of CPU, and a full
collection of them all once more when the interpreter exits. Nothing built at start-up is
garbage worth collecting, so the command line pauses the collector until the pipeline is
built (pipeline.FileChecker, before the first page's extraction: a large first page must be
collected as it is checked), or until the command ends without one, then freezes what
exists (`gc.freeze`: later collections, and the one at exit, skip it) and collects as usual
from there. Library users (the language server, tests) never pause
it, and for them `resume` does nothing.
"""

from __future__ import annotations

import gc

_paused = False
_frozen = False  # once per process: a later freeze would keep the garbage of earlier runs


def pause_collection() -> None:
    """Stop the cyclic collector until `resume_collection` (the command line calls this first)."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume_collection() -> None:
    """Freeze the objects made so far out of later collections (the first time in a process)
    and collect as usual again. Does nothing unless `pause_collection` paused the collector;
    cheap to call again."""
    global _paused, _frozen
    if _paused:
        _paused = False
        if not _frozen:
            _frozen = True
            gc.freeze()
        gc.enable()
