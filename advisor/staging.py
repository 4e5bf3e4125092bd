"""One staging folder per write: temp files and the old content of replaced files.

A run that is killed outright (SIGKILL, power loss) leaves at most this one folder
beside the files it was writing; the next run that writes there removes it.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import signal
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Protocol

PREFIX = ".advisor-staging-"


class _Planned(Protocol):
    @property
    def path(self) -> Path: ...
    @property
    def content(self) -> str: ...
    @property
    def executable(self) -> bool: ...


class Staging:
    """The staging folder of one run, made in the nearest folder that holds its targets
    (one per file system, since a file can only be moved in place within its own)."""

    def __init__(self, plan: Sequence[_Planned]) -> None:
        self.folders: dict[int, Path] = {}
        self._roots: dict[int, Path] = {}  # per file system: the folder holding all its targets
        anchors: dict[int, list[str]] = {}
        for item in plan:
            anchor = _existing(item.path.parent)
            anchors.setdefault(os.stat(anchor).st_dev, []).append(str(anchor))
        for device, paths in anchors.items():
            root = Path(os.path.commonpath(paths))
            self._roots[device] = root if os.access(root, os.W_OK) else Path(paths[0])

    def _ensure(self, near: Path) -> Path:
        anchor = _existing(near)
        device = os.stat(anchor).st_dev
        if device not in self.folders:
            root = self._roots.get(device, anchor)
            remove_stale(root)
            # Named before it is made, so an interruption in between still finds it to remove.
            self.folders[device] = folder = root / f"{PREFIX}{os.getpid()}-{secrets.token_hex(6)}"
            folder.mkdir(mode=0o700)
        return self.folders[device]

    def tree(self, index: int, top: Path) -> Path:
        """A folder in the staging folder that will be moved into place as `top`, whole."""
        tree = self._ensure(top.parent) / f"{index}.tree"
        tree.mkdir()
        return tree

    def write(self, index: int, item: _Planned, into: Path | None = None) -> Path:
        """Write one planned file's content into the staging folder (at `into`, if given)."""
        temp = into if into is not None else self._ensure(item.path.parent) / f"{index}.new"
        temp.parent.mkdir(parents=True, exist_ok=True)
        with open(temp, "x", encoding="utf-8", newline="\n") as handle:
            handle.write(item.content)
        mode = 0o755 if item.executable else 0o644
        if item.path.is_file() and not item.executable:
            mode = item.path.stat().st_mode & 0o777
        temp.chmod(mode)
        return temp

    def keep(self, index: int, path: Path) -> Path:
        """Keep the current content of `path` (a hard link, else a copy) to restore it on failure."""
        backup = self._ensure(path.parent) / f"{index}.old"
        try:
            os.link(path, backup)
        except OSError:
            shutil.copy2(path, backup)
        return backup

    def remove(self) -> None:
        """Remove the staging folders and whatever is left in them."""
        for folder in self.folders.values():
            shutil.rmtree(folder, ignore_errors=True)
        self.folders.clear()


def remove_stale(root: Path) -> None:
    """Remove staging folders in `root` whose run has ended (it was killed)."""
    with contextlib.suppress(OSError):
        for folder in root.glob(f"{PREFIX}*"):
            pid = folder.name[len(PREFIX) :].partition("-")[0]
            if pid.isdigit() and not _alive(int(pid)):
                shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM while cleaning up, so a second signal cannot cut it short."""
    held = {signal.SIGINT, signal.SIGTERM}
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process, or no way to tell: leave it
        return True
    return True


def _existing(directory: Path) -> Path:
    probe = directory.absolute()
    while not probe.exists():
        probe = probe.parent
    return probe


