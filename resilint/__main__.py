"""Allow ``python -m resilint``."""

from __future__ import annotations

import os
import sys


def _leave_the_current_directory() -> None:
    """Take the current directory off the module path, where ``python -m`` puts it first: run
    in a repository being checked, its ``click.py`` or ``yaml.py`` would be imported in place of
    the real ones and run. Only resilint's package was found there, if anything (it is loaded
    already, so its modules are still found); ``python -P`` or ``-I`` leave it off to begin with,
    which a directory holding a ``resilint/`` of its own needs."""
    try:
        here = os.getcwd()  # noqa: PTH109 - pathlib is not loaded yet; start-up is timed
    except OSError:  # the directory was removed: nothing can be imported from it
        return
    if sys.path and sys.path[0] in ("", here):
        del sys.path[0]


if __name__ == "__main__":
    _leave_the_current_directory()
    from resilint.launch import run

    run()
