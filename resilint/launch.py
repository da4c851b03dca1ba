"""The ``resilint`` command: handed to this installation's resident server when one runs
(:mod:`resilint.server`, started with ``resilint server start``), else run in this process."""

from __future__ import annotations

import gc
import sys


def main() -> None:
    try:
        _main()
    except KeyboardInterrupt:  # while resilint's modules load, before a command guards its run
        sys.stderr.write("resilint: interrupted\n")
        sys.exit(130)


def _main() -> None:
    argv = sys.argv[1:]
    if argv[:1] != ["server"]:
        from resilint.server import ask

        status = ask(argv)
        if status is not None:
            sys.exit(status)
    # While resilint's modules load, the cycle collector would pass over their objects again
    # and again (each class, function and module dict is in a cycle that lives as long as the
    # program): 4 % of a one-file check's instructions. A check runs with it paused to the end
    # (it pauses it while documents are loaded and checked, and the process then ends); any
    # other command resumes it, what was loaded set aside for good (gc.freeze: passes skip it).
    gc.disable()
    from resilint import startup  # noqa: F401 - before the rest, as in resilint.cli
    from resilint.check_line import plain
    from resilint.command import run_plain

    args = plain(argv)
    if args is not None:  # check or the hook as CI and pre-commit run them: no click needed
        run_plain(args)
    from resilint.cli import main as run

    _loaded()
    run()


def _loaded() -> None:
    gc.freeze()
    gc.enable()
