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

from advisor.errors import WriteFailed, WriteRefused

WAIT_SECONDS = 30.0


@contextlib.contextmanager
def folders_locked(*folders: Path, wait: float = WAIT_SECONDS) -> Iterator[None]:
    """Hold an exclusive lock on each folder.

    A missing folder is made first (and removed again if it is still empty at the end):
    every run must lock the same folder, whether or not another run made it meanwhile."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    made: list[Path] = []
    handles: list[int] = []
    try:
        for folder in folders:
            try:
                _make(folder, made)
            except OSError as error:
                where = f"{error.filename}: " if error.filename else ""
                raise WriteFailed(f"cannot make {where}{error.strerror or error}; nothing was written") from error
        chosen = sorted({folder.resolve() for folder in folders})
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
        for folder in reversed(made):
            with contextlib.suppress(OSError):
                folder.rmdir()  # only if still empty


def _make(folder: Path, made: list[Path]) -> None:
    """Make `folder` and its missing parents, noting each one made."""
    missing = []
    probe = folder.absolute()
    while not probe.exists():
        missing.append(probe)
        probe = probe.parent
    for path in reversed(missing):
        try:
            path.mkdir()
        except FileExistsError:
            continue  # another run made it: not ours to remove
        made.append(path)
