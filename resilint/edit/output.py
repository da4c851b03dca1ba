"""What the write commands print: unified diffs, and notes on standard error."""

from __future__ import annotations

import difflib
import re
import sys

import click

from resilint.reporters.base import printable


def unified(shown: str, old: str, new: str) -> str:
    """A unified diff of one file, ``a/`` and ``b/`` as git writes them; every line shown
    safely (control and invisible characters as escapes)."""
    out = []
    for line in difflib.unified_diff(_lines(old), _lines(new), f"a/{shown}", f"b/{shown}"):
        body = line.rstrip("\r\n")
        # the line's own end kept (a CRLF file's diff applies to it), its text shown safely
        out.append(printable(body) + (line[len(body) :] or "\n"))
        if line == body and not line.startswith(("---", "+++", "@@")):
            out.append("\\ No newline at end of file\n")
    return "".join(out)


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\n|\r)|[^\r\n]+\Z")
"""A line as YAML and git count them: ended by LF, CRLF or CR only (not by NEL or the Unicode
line separators, which are text in a YAML value)."""


def _lines(text: str) -> list[str]:
    return _LINE.findall(text)


def show(text: str) -> None:
    sys.stdout.write(text.encode("utf-8", "backslashreplace").decode("utf-8"))
    sys.stdout.flush()


def note(message: str) -> None:
    click.echo(f"resilint: {printable(message)}", err=True)
