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


def write_plan(plan: list[PlannedFile], *, force: bool = False) -> list[Path]:
    """Write all files or none.

    Every file is first written into one staging folder per run (so a killed run leaves
    at most that folder, which the next run removes). Then new files are linked into place
    exclusively (a file that appeared meanwhile is never overwritten) and replaced files
    are swapped in with their old content kept aside. On any failure, including Ctrl-C or
    SIGTERM, new files are removed, replaced ones restored and made folders removed; an
    OS error becomes WriteFailed (exit 2)."""
    refuse_overwrites(plan, force=force)
    existed = [item.exists for item in plan]
    stage = Staging(plan)
    done: list[tuple[PlannedFile, Path | None]] = []  # (item, backup of the replaced file or None)
    made_dirs: list[Path] = []
    try:
        temps = [stage.write(index, item) for index, item in enumerate(plan)]
        for index, (item, temp) in enumerate(zip(plan, temps, strict=True)):
            made_dirs.extend(_make_parents(item.path.parent))
            if existed[index]:
                backup = stage.keep(index, item.path)
                os.replace(temp, item.path)
                done.append((item, backup))
            else:
                _create_exclusively(temp, item.path)
                done.append((item, None))
        stage.remove()
        return [item.path for item in plan]
    except BaseException as error:
        with signals_held():
            _undo(done, made_dirs)
            stage.remove()
        if isinstance(error, FileExistsError) and error.filename:
            raise WriteFailed(f"{error.filename} appeared while writing; nothing was written") from error
        if isinstance(error, OSError):
            raise WriteFailed(f"cannot write {_where(error)}{error.strerror or error}; nothing was written") from error
        raise


def write_file(path: Path, content: str, *, force: bool = False) -> Path:
    """Atomically write one file (refusing to overwrite without force)."""
    return write_plan([PlannedFile(path, content)], force=force)[0]


def _where(error: OSError) -> str:
    return f"{error.filename}: " if error.filename else ""


def _undo(done: list[tuple[PlannedFile, Path | None]], made_dirs: list[Path]) -> None:
    """Put back what a failed write changed: replaced files restored, new ones removed."""
    for item, backup in reversed(done):
        with contextlib.suppress(OSError):
            if backup is None:
                item.path.unlink(missing_ok=True)
            else:
                os.replace(backup, item.path)
    for directory in reversed(made_dirs):
        _remove_if_empty(directory)


def _create_exclusively(temp: Path, path: Path) -> None:
    """Move a finished temp file to `path`, failing if `path` exists (O_EXCL, atomically)."""
    try:
        os.link(temp, path)
    except FileExistsError:
        raise
    except OSError:  # no hard links here: an exclusive create, then the content
        with open(path, "x", encoding="utf-8", newline="\n") as handle, open(temp, encoding="utf-8") as source:
            shutil.copyfileobj(source, handle)
        shutil.copymode(temp, path)
    temp.unlink()


def _make_parents(directory: Path) -> list[Path]:
    missing = []
    probe = directory
    while not probe.exists():
        missing.append(probe)
        probe = probe.parent
    directory.mkdir(parents=True, exist_ok=True)
    return list(reversed(missing))


def _remove_if_empty(directory: Path) -> None:
    with contextlib.suppress(OSError):
        directory.rmdir()
