"""What every command shares once its arguments are parsed, without click: messages to the
terminal, and the one place errors become a message and an exit status.

The plain command lines of ``check`` and ``pre-commit`` (:mod:`resilint.check_line`) are run
here without click (:func:`run_plain`); every other command line goes to click, where an
argument that reads as an option but names a file is refused (:func:`file_named_like_option`).
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from resilint.errors import ExitCode, ResilintError
from resilint.reporters.base import clip, log_safe, printable

if TYPE_CHECKING:
    from resilint.app import CheckArgs


def echo(text: str, *, err: bool = False) -> None:
    """One line on standard output (or error), written whatever the terminal's encoding."""
    stream = sys.stderr if err else sys.stdout
    if stream is None:  # no console (pythonw)
        return
    line = log_safe(text) + "\n"  # a message may start with a path or a value
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        stream.write(line.encode(encoding, "backslashreplace").decode(encoding, "replace"))
        stream.flush()
    except OSError:
        if not err:
            raise
        # standard error cannot be written (a full disk, a reader gone): the message is lost,
        # but the run goes on, its report on standard output and its exit status its own


def write_out(text: str) -> None:
    """A report on standard output, whatever its encoding: what the encoding cannot hold (a
    Windows console's or pipe's cp1252, ``PYTHONIOENCODING=ascii``: an emoji, a name in another
    script, a lone surrogate from a file name) is written as an escape rather than ending the
    run with an internal error and the report lost. ASCII text is written as it is, without a
    copy."""
    stream = sys.stdout
    if stream is None:  # no console (pythonw)
        return
    if not text.isascii():
        encoding = getattr(stream, "encoding", None) or "utf-8"
        text = text.encode(encoding, "backslashreplace").decode(encoding)
    stream.write(text)
    stream.flush()


class OutputError(ResilintError):
    """Standard output cannot be written (closed, a full disk): the report is lost."""

    exit_code = ExitCode.INPUT


class _ReaderGone(Exception):
    """The reader of standard output went away (``resilint check | head``)."""


class _Output:
    """Standard output as the commands write it: a failed write is said as such, not as a
    defect of resilint; closed (``>&-``), it is a stream every write to which fails."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return int(self._guard(lambda: self._stream.write(text)))

    def flush(self) -> None:
        if self._stream is not None:  # closed: what was to be written has failed already
            self._guard(lambda: self._stream.flush())

    def isatty(self) -> bool:
        return self._stream is not None and bool(self._stream.isatty())

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)

    def _guard(self, write: Callable[[], Any]) -> Any:
        if self._stream is None:
            raise OutputError("cannot write the output: standard output is closed")
        try:
            return write()
        except BrokenPipeError:
            raise _ReaderGone from None
        except OSError as error:
            reason = error.strerror or str(error)
            raise OutputError(f"cannot write the output: {reason}") from None


MOST_ERROR = 4_000
"""Characters of an error message shown at most (:func:`guarded`)."""


def guarded(action: Callable[[], int]) -> NoReturn:
    """Run a command and exit with its status; errors become a message and their status."""
    try:
        Path.cwd()
    except OSError:
        echo("resilint: the working directory no longer exists", err=True)
        sys.exit(int(ExitCode.INPUT))
    if not isinstance(sys.stdout, _Output):
        sys.stdout = _Output(sys.stdout)
    from resilint.userfiles import forget_reads

    forget_reads()  # the side inputs of an earlier command in this process are not this one's
    try:
        status = action()
    except _ReaderGone:  # as a pipe's writer killed by SIGPIPE ends, without a word
        with contextlib.suppress(OSError):  # nothing left to flush at exit
            os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
        status = 128 + 13
    except ResilintError as exc:
        say_error(exc)
        status = exc.exit_code
    except KeyboardInterrupt:
        echo("resilint: interrupted", err=True)
        status = 130
    except OSError as exc:
        status = _file_system_refused(exc)
    except Exception as exc:  # a defect: a short message and its own status, never a traceback
        from resilint.launch import from_interrupt  # loaded: it started this process

        if from_interrupt(exc):  # Ctrl-C while a class was made (a module loaded on first use)
            echo("resilint: interrupted", err=True)
            status = 130
        else:
            status = _internal(exc)
    sys.exit(int(status))


def say_error(exc: ResilintError) -> None:
    """An error's message on standard error. A value echoed from the command line or a file
    may be of any length (a 100,000-letter id): the message is cut where no message of ours
    would reach."""
    for error in (exc, *exc.also):
        echo(f"resilint: {clip(printable(str(error)), MOST_ERROR)}", err=True)


def _internal(exc: Exception) -> int:
    echo(
        f"resilint: {internal_words(exc)}\n"
        "Please report this with the command you ran; set RESILINT_DEBUG=1 to see "
        "the traceback.",
        err=True,
    )
    if os.environ.get("RESILINT_DEBUG"):
        raise exc
    return int(ExitCode.INTERNAL)


def internal_words(exc: Exception) -> str:
    """What a defect of resilint's is called where it stops a run."""
    return f"internal error: {type(exc).__name__}: {printable(str(exc))}"


def stopped_words(exc: Exception) -> tuple[str, ExitCode]:
    """What an error that stops a run is said as where a report must say it (``check``'s reports
    and ``report``'s page), with the status it ends the run with: a path the file system refused
    is input (2), an error of no path a defect (4)."""
    words = file_system_words(exc) if isinstance(exc, OSError) else None
    if words is not None:
        return words, ExitCode.INPUT
    return internal_words(exc), ExitCode.INTERNAL


def _file_system_refused(exc: OSError) -> int:
    """A path the file system would not let resilint use (a directory it may not enter, a
    ``.git`` it may not read, a name too long), met where no finding could be made of it: input
    that could not be read, status 2, naming the path; an error without a path is a defect."""
    words = file_system_words(exc)
    if words is None:
        return _internal(exc)
    echo(f"resilint: {words}", err=True)
    return int(ExitCode.INPUT)


def file_system_words(exc: OSError) -> str | None:
    """What :func:`_file_system_refused` says of ``exc``; None for an error without a path."""
    if exc.filename is None:
        return None
    name = exc.filename
    shown = os.fsdecode(name) if isinstance(name, (str, bytes)) else str(name)
    reason = exc.strerror or type(exc).__name__
    return (
        f"{clip(printable(shown), 1_000)}: cannot be used ({reason}), so what it holds or "
        "leads to cannot be checked"
    )


def file_named_like_option(argv: Sequence[str]) -> str | None:
    """The first argument before ``--`` that reads as an option but is also the name of a file
    (or directory) in the working directory, as ``--config=x.yaml`` or ``-cx.yaml`` can be.
    pre-commit appends the names of the files to check after the hook's own arguments, with no
    ``--`` between them, so such a file would choose the hook's options (``fail_on: never``);
    nothing in the command line tells the two apart, so the command is refused."""
    for argument in argv:
        if argument == "--":
            return None
        if argument.startswith("-") and argument != "-" and os.path.lexists(argument):
            return argument
    return None


def run_plain(args: CheckArgs) -> NoReturn:
    """A plain ``check`` or ``pre-commit`` command line (:func:`resilint.check_line.plain`):
    what ``resilint.cli``'s command of that name runs for the same command line."""
    from resilint.app import ends_process, run_check

    ends_process()
    try:
        guarded(lambda: run_check(args))
    finally:
        gc.freeze()  # as the command line does: no last collection over the run's objects
