"""The one error hierarchy, and the exit codes it maps to.

Core code raises these; only the CLI turns them into an exit status, in one place.
"""

from __future__ import annotations

import enum
import os
from dataclasses import dataclass
from pathlib import Path


class ExitCode(enum.IntEnum):
    """Documented exit statuses of ``resilint``."""

    OK = 0
    FINDINGS = 1
    """Findings at or above the failing level."""
    INPUT = 2
    """Input that could not be read, a bad configuration or rule file, or a usage error."""
    RULE_CRASHED = 3
    """A rule raised an exception; the other rules still ran and their findings were reported."""
    INTERNAL = 4
    """A defect in resilint itself; the message asks for a bug report."""


@dataclass(frozen=True)
class Place:
    """Where in a file of the user's an error is: the path as its message shows it (from the
    working directory, or as the command line named the file), the line and column 1-based as
    editors count."""

    path: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


class ResilintError(Exception):
    """Base of every error resilint raises on purpose."""

    exit_code: ExitCode = ExitCode.INTERNAL

    def __init__(self, message: str = "", place: Place | None = None) -> None:
        super().__init__(f"{place}: {message}" if place is not None else message)
        self.detail = message
        """What is wrong, without the place."""
        self.place = place
        """The file, line and column the error is at, when it is in a file: a check that stops
        on it says so there in its reports too (:mod:`resilint.reporters.stopped`)."""
        self.also: tuple[ResilintError, ...] = ()
        """Further errors found in the same read (each problem of an invalid rule file), said
        after this one, so that one run names them all."""


class UsageError(ResilintError):
    """The command line asked for something impossible (no input files, unknown kind...)."""

    exit_code = ExitCode.INPUT


class NotFound(UsageError):
    """What the command line names is in none of the documents read."""

    def __init__(self, message: str, holder: str) -> None:
        super().__init__(message)
        self.holder = holder
        """What would have held it, in words (``the supplier``): a command that could not read
        every file says it may be in one of them."""


class ConfigError(ResilintError):
    """A configuration, rule or schema file of the user's is invalid."""

    exit_code = ExitCode.INPUT

    def __init__(self, message: str, path: str | None = None, line: int = 1, column: int = 1):
        # 1-based as editors count; an unknown place is the start
        place = Place(shown_path(path), max(line, 1), max(column, 1)) if path else None
        super().__init__(message, place)


def shown_path(path: str) -> str:
    """A file's path as findings show theirs: relative to the working directory, also where it
    was found from the configuration (a rule file of ``rule_dirs``, the configuration itself)."""
    if not Path(path).is_absolute():
        return path
    try:
        return os.path.relpath(path)
    except (OSError, ValueError):  # another drive, or no working directory left
        return path
