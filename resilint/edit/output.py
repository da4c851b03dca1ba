"""What the write commands print: unified diffs, and notes on standard error."""

from __future__ import annotations

import difflib
import sys

import click

from resilint.reporters.base import printable


def unified(shown: str, old: str, new: str) -> str:
    """A unified diff of one file, ``a/`` and ``b/`` as git writes them; every line shown
    safely (control and invisible characters as escapes)."""
    out = []
    for line in difflib.unified_diff(
        old.splitlines(keepends=True), new.splitlines(keepends=True), f"a/{shown}", f"b/{shown}"
    ):
        body = line.rstrip("\r\n")
        out.append(printable(body) + "\n")
        if line == body and not line.startswith(("---", "+++", "@@")):
            out.append("\\ No newline at end of file\n")
    return "".join(out)


def show(text: str) -> None:
    sys.stdout.write(text.encode("utf-8", "backslashreplace").decode("utf-8"))
    sys.stdout.flush()


def note(message: str) -> None:
    click.echo(f"resilint: {printable(message)}", err=True)
