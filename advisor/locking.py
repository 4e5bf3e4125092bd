"""Serialise the runs that write to the same folders (two `advisor decide` at once).

An exclusive advisory lock (flock) on each folder, taken in a fixed order, released
when the run ends or dies; nothing is left on disk. Where flock is missing (Windows)
runs are not serialised; the exclusive creation of new files still refuses a clash.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

from advisor.errors import WriteRefused

WAIT_SECONDS = 30.0


@contextlib.contextmanager
def folders_locked(*folders: Path, wait: float = WAIT_SECONDS) -> Iterator[None]:
    """Hold an exclusive lock on each folder (or its nearest existing parent)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    chosen = sorted({_existing(folder) for folder in folders})
    handles: list[int] = []
    try:
        for folder in chosen:
            fd = os.open(folder, os.O_RDONLY)
            handles.append(fd)
            deadline = time.monotonic() + wait
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        busy = f"another advisor run is writing in {folder}; try again when it ends"
                        raise WriteRefused(busy) from None
                    time.sleep(0.05)
        yield
    finally:
        for fd in reversed(handles):
            os.close(fd)  # closing releases the lock


def _existing(folder: Path) -> Path:
    probe = folder.absolute()
    while not probe.is_dir():
        probe = probe.parent
    return probe.resolve()
