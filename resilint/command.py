"""What every command shares once its arguments are parsed, without click: messages to the
terminal, and the one place errors become a message and an exit status.

The pre-commit hook's usual command line, ``resilint pre-commit`` and file names, is parsed
here too (:func:`plain_hook`): it runs on every commit, and importing click is about a fifth of
its start-up. Any option sends the command line to click, as every other command goes.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from resilint.errors import ExitCode, ResilintError
from resilint.reporters.base import printable


def echo(text: str, *, err: bool = False) -> None:
    """One line on standard output (or error), written whatever the terminal's encoding."""
    stream = sys.stderr if err else sys.stdout
    if stream is None:  # no console (pythonw)
        return
    line = text + "\n"
    encoding = getattr(stream, "encoding", None) or "utf-8"
    stream.write(line.encode(encoding, "backslashreplace").decode(encoding, "replace"))
    stream.flush()


def guarded(action: Callable[[], int]) -> NoReturn:
    """Run a command and exit with its status; errors become a message and their status."""
    try:
        Path.cwd()
    except OSError:
        echo("resilint: the working directory no longer exists", err=True)
        sys.exit(int(ExitCode.INPUT))
    try:
        status = action()
    except ResilintError as exc:
        echo(f"resilint: {printable(str(exc))}", err=True)
        status = exc.exit_code
    except KeyboardInterrupt:
        echo("resilint: interrupted", err=True)
        status = 130
    except Exception as exc:  # a defect: a short message and its own status, never a traceback
        echo(
            f"resilint: internal error: {type(exc).__name__}: {printable(str(exc))}\n"
            "Please report this with the command you ran; set RESILINT_DEBUG=1 to see "
            "the traceback.",
            err=True,
        )
        if os.environ.get("RESILINT_DEBUG"):
            raise
        status = ExitCode.INTERNAL
    sys.exit(int(status))


def plain_hook(argv: Sequence[str]) -> tuple[Path, ...] | None:
    """The file names of ``resilint pre-commit FILE...`` with no option, as pre-commit runs the
    hook; None for any other command line (an option, ``--``, ``-`` or an empty name), which
    click parses."""
    if argv[:1] != ["pre-commit"] or any(not a or a.startswith("-") for a in argv[1:]):
        return None
    return tuple(Path(name) for name in argv[1:])


def run_hook(paths: tuple[Path, ...]) -> NoReturn:
    """``resilint pre-commit PATHS`` with every option at its default: what
    ``resilint.cli``'s ``pre-commit`` command runs for the same command line."""
    from resilint.app import CheckArgs, ends_process, run_check

    ends_process()
    try:
        guarded(lambda: run_check(CheckArgs(paths=paths, focus=True)))
    finally:
        gc.freeze()  # as the command line does: no last collection over the run's objects
