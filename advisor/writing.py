"""Safe writing: confined to an output directory, atomic, never overwriting without force."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from advisor.errors import WriteRefused


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
    """Write all files or none: temp files first, then renames; undone on any failure."""
    refuse_overwrites(plan, force=force)
    temps: list[tuple[Path, PlannedFile]] = []
    created: list[Path] = []
    made_dirs: list[Path] = []
    try:
        for item in plan:
            made_dirs.extend(_make_parents(item.path.parent))
            temps.append((_write_temp(item), item))
        for temp, item in temps:
            if not item.exists:
                created.append(item.path)
            os.replace(temp, item.path)
        return [item.path for item in plan]
    except BaseException:
        for temp, _ in temps:
            temp.unlink(missing_ok=True)
        for path in created:
            path.unlink(missing_ok=True)
        for directory in reversed(made_dirs):
            _remove_if_empty(directory)
        raise


def write_file(path: Path, content: str, *, force: bool = False) -> Path:
    """Atomically write one file (refusing to overwrite without force)."""
    return write_plan([PlannedFile(path, content)], force=force)[0]


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


def _write_temp(item: PlannedFile) -> Path:
    fd, name = tempfile.mkstemp(prefix=f".{item.path.name}.", suffix=".tmp", dir=item.path.parent)
    temp = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(item.content)
        mode = 0o755 if item.executable else 0o644
        if item.exists and not item.executable:
            mode = item.path.stat().st_mode & 0o777
        temp.chmod(mode)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp
