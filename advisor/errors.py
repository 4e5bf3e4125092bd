"""The one error hierarchy; the CLI maps it to exit codes (README, "Exit codes")."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Location:
    """A 1-based position in a file; line and column are 0 when unknown."""

    path: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}:{self.column or 1}"
        return self.path


class AdvisorError(Exception):
    """A problem the user can fix; its message is shown as is, without a traceback."""

    exit_code = 2

    def __init__(self, message: str, location: Location | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.location = location

    def __str__(self) -> str:
        return f"{self.location}: {self.message}" if self.location else self.message


class InputError(AdvisorError):
    """Unreadable or invalid input: a file, an answer, a flag value."""


class YamlError(InputError):
    """A file that is not acceptable YAML (the lint rule `syntax`)."""


class WriteRefused(AdvisorError):
    """A write that would overwrite a file without --force, or leave its directory."""


class WriteFailed(AdvisorError):
    """The file system refused a write (full disk, read-only, a file in the way); nothing was kept."""


class Interrupted(AdvisorError):
    """The user pressed Ctrl-C; nothing was written."""

    exit_code = 130
