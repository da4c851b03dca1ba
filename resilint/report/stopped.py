"""What ``resilint report`` leaves at its output when the report cannot be made.

A run that stops (an invalid configuration or rule file, nothing to check, a path the file system
refuses, a defect of resilint's) exits with its status, but the page an earlier run wrote would
stay in place: a CI job that publishes ``report.html`` as an artifact, or a shared folder a
committee opens, would show last month's posture as today's. So the earlier page is replaced by
one that says the report could not be made, why and where (as ``check`` writes each report it
was asked for when it stops: :mod:`resilint.reporters.stopped`). It is written as any output is
(:func:`resilint.userfiles.write_output`: never over an input file, a link out of the repository
or a device), and never over the earlier report named by ``--previous``, the file being compared.
"""

from __future__ import annotations

import contextlib
import datetime
import html
from collections.abc import Callable, Iterator
from pathlib import Path

from resilint import __version__
from resilint.command import stopped_words
from resilint.errors import ResilintError
from resilint.reporters.base import printable
from resilint.userfiles import write_output


@contextlib.contextmanager
def replaced_when_stopped(
    output: Path | None,
    previous: Path | None = None,
    made: Callable[[str, int], str | bytes] | None = None,
) -> Iterator[None]:
    """Run the body; where it raises and an earlier page is at ``output`` (not ``previous``),
    replace it with the page saying the report was not made, then let the error end the run as
    before. Where no page was, none is written: the run's status and message say it. ``made``
    writes what replaces it from the reason and the exit status (``resilint calendar``'s formats:
    :func:`resilint.report.calendar.stopped`); by default the report's :func:`page`."""
    try:
        yield
    except Exception as error:  # ResilintError, OSError or a defect: no report this run
        if output is not None and output.exists() and not _same_file(output, previous):
            reason, status = _reason(error)
            text = made(reason, status) if made is not None else page(reason)
            with contextlib.suppress(ResilintError, OSError):
                write_output(output, text)
        raise


def page(reason: str) -> str:
    """A self-contained page that loads and runs nothing, saying why the report is missing."""
    said = html.escape(printable(reason))
    today = datetime.date.today().isoformat()
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'">\n'
        "<title>Posture report not made</title>\n</head>\n<body>\n"
        "<h1>The posture report could not be made</h1>\n"
        f"<p>resilint stopped before it could check the programme:</p>\n<pre>{said}</pre>\n"
        "<p>This page replaces the report an earlier run wrote here, which no longer shows the "
        "programme as it is. Correct what is named above and run <code>resilint report</code> "
        "again.</p>\n"
        f"<p>resilint {html.escape(__version__)}, {today}</p>\n</body>\n</html>\n"
    )


def _reason(error: Exception) -> tuple[str, int]:
    """The error as standard error says it (``check``'s stopped reports say it alike), with the
    status it ends the run with."""
    if isinstance(error, ResilintError):
        return str(error), int(error.exit_code)
    words, status = stopped_words(error)
    return words, int(status)


def _same_file(output: Path, previous: Path | None) -> bool:
    if previous is None:
        return False
    try:
        return output.samefile(previous)
    except OSError:  # one of them missing: the same name is the same file
        return output.absolute() == previous.absolute()
