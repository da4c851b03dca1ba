"""The ``resilint`` command: handed to this installation's resident server when one runs
(:mod:`resilint.server`, started with ``resilint server start``), else run in this process."""

from __future__ import annotations

import sys


def main() -> None:
    argv = sys.argv[1:]
    if argv[:1] != ["server"]:
        from resilint.server import ask

        status = ask(argv)
        if status is not None:
            sys.exit(status)
    from resilint import startup  # noqa: F401 - before the rest, as in resilint.cli
    from resilint.check_line import plain
    from resilint.command import run_plain

    args = plain(argv)
    if args is not None:  # check or the hook as CI and pre-commit run them: no click needed
        run_plain(args)
    from resilint.cli import main as run

    run()
