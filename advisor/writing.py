"""Safe writing: confined to an output directory, atomic, never overwriting without force."""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from advisor.errors import WriteFailed, WriteRefused
from advisor.staging import Staging, signals_held


@dataclass(frozen=True)
class PlannedFile:
    """One file to write: where, what, and whether it already exists."""

    path: Path
    content: str
    executable: bool = False

    @property
    def exists(self) -> bool:
        """True when writing would replace a file."""
        return self.path.exists()


def confined(root: Path, relative: str) -> Path:
    """`root/relative`, refusing absolute paths and anything that leaves root."""
    pure = PurePosixPath(relative)
    if pure.is_absolute() or ".." in pure.parts or not pure.parts or "\\" in relative:
        raise WriteRefused(f"refusing to write {relative!r}: it would leave {root}")
    base = root.resolve()
    target = (base / pure).resolve()
    if base != target and base not in target.parents:
        raise WriteRefused(f"refusing to write {relative!r}: it resolves outside {root}")
    return root / pure


def plan_files(root: Path, files: Mapping[str, str], executable: tuple[str, ...] = ()) -> list[PlannedFile]:
    """Plan writing `files` (relative POSIX path -> text) under root."""
    return [PlannedFile(confined(root, rel), text, rel in executable) for rel, text in sorted(files.items())]


def refuse_overwrites(plan: list[PlannedFile], *, force: bool) -> None:
    """Raise WriteRefused naming every existing file, unless force."""
    existing = [str(item.path) for item in plan if item.exists]
    if existing and not force and len(existing) == 1:
        raise WriteRefused(f"{existing[0]} already exists; use --force to overwrite it")
    if existing and not force:
        shown = "\n  ".join(existing[:20]) + ("\n  ..." if len(existing) > 20 else "")
        raise WriteRefused(f"{len(existing)} file(s) already exist; use --force to overwrite:\n  {shown}")


# Every file this process has written: an interruption after a write is reported as such.
WRITTEN: list[Path] = []


def write_plan(plan: list[PlannedFile], *, force: bool = False) -> list[Path]:
    """Write all files or none.

    Every file is first written into one staging folder per run (so a killed run leaves
    at most that folder, which the next run removes). Then the moves: a new folder goes
    into place whole, new files in existing folders are linked in exclusively (a file that
    appeared meanwhile is never overwritten), and replaced files are swapped in with their
    old content kept aside; Ctrl-C and SIGTERM wait for the moves (and are then reported
    as coming after the write). On any failure before that, new files and folders are
    removed and replaced files restored; an OS error becomes WriteFailed (exit 2)."""
    refuse_overwrites(plan, force=force)
    existed = [item.exists for item in plan]
    tops = _new_folders(plan, existed)
    stage = Staging(plan)
    # Each step is noted before it is taken, so an interruption at any point can be undone.
    journal: list[_Step] = []
    committed = False
    try:
        trees = {top: stage.tree(index, top) for index, top in enumerate(sorted(set(tops.values())))}
        temps = [
            stage.write(index, item, trees[tops[item.path]] / item.path.relative_to(tops[item.path]))
            if item.path in tops
            else stage.write(index, item)
            for index, item in enumerate(plan)
        ]
        with signals_held():  # Ctrl-C and SIGTERM wait until the moves are done
            for top, tree in trees.items():  # a new folder goes into place whole, in one move
                info = tree.stat()
                journal.append(_Step(top, ours=(info.st_dev, info.st_ino), folder=True))
                os.rename(tree, top)
            for index, (item, temp) in enumerate(zip(plan, temps, strict=True)):
                if item.path in tops:
                    continue
                if existed[index]:
                    journal.append(_Step(item.path, backup=stage.keep(index, item.path)))
                    os.replace(temp, item.path)
                else:
                    info = temp.stat()
                    step = _Step(item.path, ours=(info.st_dev, info.st_ino))
                    journal.append(step)
                    _create_exclusively(temp, item.path, step)
            stage.remove()
            WRITTEN.extend(item.path for item in plan)
            committed = True
        return [item.path for item in plan]
    except BaseException as error:
        if committed:  # a signal that waited for the moves: the files are written
            raise
        with signals_held():
            _undo(journal)
            stage.remove()
        if isinstance(error, FileExistsError) and error.filename:
            raise WriteFailed(f"{error.filename} appeared while writing; nothing was written") from error
        if isinstance(error, OSError):
            raise WriteFailed(f"cannot write {_where(error)}{error.strerror or error}; nothing was written") from error
        raise


@dataclass
class _Step:
    """One file put in place: the old content kept aside, or the identity of the new file."""

    path: Path
    backup: Path | None = None
    ours: tuple[int, int] | None = None  # (device, inode) of the file this run created
    folder: bool = False  # a whole new folder


def write_file(path: Path, content: str, *, force: bool = False) -> Path:
    """Atomically write one file (refusing to overwrite without force)."""
    return write_plan([PlannedFile(path, content)], force=force)[0]


def _where(error: OSError) -> str:
    return f"{error.filename}: " if error.filename else ""


def _undo(journal: list[_Step]) -> None:
    """Put back what a failed write changed: replaced files restored, the files and folders
    this run created removed (one someone else created meanwhile is left alone)."""
    for step in reversed(journal):
        with contextlib.suppress(OSError):
            if step.backup is not None:
                os.replace(step.backup, step.path)
            elif step.ours is not None:
                info = step.path.stat()
                if (info.st_dev, info.st_ino) == step.ours:
                    shutil.rmtree(step.path) if step.folder else step.path.unlink()


def _create_exclusively(temp: Path, path: Path, step: _Step) -> None:
    """Move a finished temp file to `path`, failing if `path` exists (O_EXCL, atomically)."""
    try:
        os.link(temp, path)
    except FileExistsError:
        raise
    except OSError:  # no hard links here: an exclusive create, then the content
        with open(path, "x", encoding="utf-8", newline="\n") as handle, open(temp, encoding="utf-8") as source:
            info = os.fstat(handle.fileno())
            step.ours = (info.st_dev, info.st_ino)
            shutil.copyfileobj(source, handle)
        shutil.copymode(temp, path)
    temp.unlink()


def _new_folders(plan: list[PlannedFile], existed: list[bool]) -> dict[Path, Path]:
    """For each new file whose folder does not exist yet: the topmost folder to make."""
    tops: dict[Path, Path] = {}
    for item, was in zip(plan, existed, strict=True):
        if was:
            continue
        top, probe = None, item.path.parent
        while not probe.exists():
            top, probe = probe, probe.parent
        if not probe.is_dir():
            raise WriteFailed(f"cannot write in {probe}: it is a file, not a folder; nothing was written")
        if top is not None:
            tops[item.path] = top
    return tops
