"""Where a check's report goes: the reporter of the standard output (its format, or the
statistics), colour, the root SARIF's file URIs are relative to, and writing the text out."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from resilint.command import write_out
from resilint.errors import UsageError
from resilint.reporters import REPORTERS, Reporter
from resilint.userfiles import work_tree, write_output

if TYPE_CHECKING:
    from resilint.app import CheckArgs


def source_root(places: tuple[Path, ...]) -> str:
    """What SARIF's file URIs are relative to: the git work tree of the repository checked (its
    configuration's directory, else the first path named) or of the working directory, as a
    viewer such as GitHub code scanning reads them; outside git, the working directory."""
    here = Path.cwd()
    trees = (work_tree(Path(os.path.normpath(here / place))) for place in (*places, here))
    return str(next((tree for tree in trees if tree is not None), here))


def build_reporter(args: CheckArgs) -> Reporter:
    """The standard output's format; ``--statistics`` and ``--group-by`` shape text (and
    statistics JSON) only."""
    name = args.output_format or _default_format()
    if args.statistics:
        if name not in ("text", "json"):
            raise UsageError(f"--statistics prints text or json, not {name}")
        from resilint.reporters import statistics

        return statistics.report_statistics_json if name == "json" else statistics.report_statistics
    if args.group_by and name != "text":
        raise UsageError(f"--group-by groups the text output, not {name}")
    return REPORTERS[name]


def _default_format() -> str:
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def _wants_color() -> bool:
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return bool(os.environ.get("FORCE_COLOR")) or sys.stdout.isatty()


def _write(text: str) -> None:
    # a lone surrogate (a file name's undecodable byte), or what the output's encoding cannot
    # hold: its escape; JSON and SARIF are ASCII: no copy of a large report
    write_out(text)


def _write_file(path: Path, text: str) -> None:
    write_output(path, text)  # never through a committed link, never into a FIFO
