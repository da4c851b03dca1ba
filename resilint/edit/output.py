"""What the write commands print: unified diffs, and notes on standard error."""

from __future__ import annotations

import difflib

import click

from resilint.command import write_out
from resilint.load.positions import Lines
from resilint.reporters.base import printable


def unified(shown: str, old: str, new: str) -> str:
    """A unified diff of one file, ``a/`` and ``b/`` as git writes them; every line shown
    safely (control and invisible characters as escapes)."""
    out = []
    # lines as YAML and git count them (LF, CRLF or CR; not NEL or the Unicode separators,
    # which are text in a YAML value), each with its own end
    before, after = Lines(old).pieces(), Lines(new).pieces()
    for line in difflib.unified_diff(before, after, f"a/{shown}", f"b/{shown}"):
        body = line.rstrip("\r\n")
        # the line's own end kept (a CRLF file's diff applies to it), its text shown safely
        out.append(printable(body) + (line[len(body) :] or "\n"))
        if line == body and not line.startswith(("---", "+++", "@@")):
            out.append("\\ No newline at end of file\n")
    return "".join(out)


def show(text: str) -> None:
    write_out(text)  # in the output's encoding, escapes for what it cannot hold


def note(message: str) -> None:
    click.echo(f"resilint: {printable(message)}", err=True)
