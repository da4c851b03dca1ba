"""The user's own directory for resilint, outside every repository: where the cache's secret
and the resident server's socket are kept. Imported before every command (by
:mod:`resilint.server`), so it uses ``os.path`` only."""

from __future__ import annotations

import os


def user_directory() -> str:
    """``$XDG_CACHE_HOME/resilint``, else ``~/.cache/resilint`` (the XDG specification says a
    relative XDG_CACHE_HOME is invalid and must be ignored); raises KeyError when there is no
    home directory (HOME unset, and a user without a passwd entry)."""
    configured = os.environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(configured):
        return os.path.join(configured, "resilint")
    home = os.path.expanduser("~")
    if not os.path.isabs(home):
        raise KeyError("HOME")
    return os.path.join(home, ".cache", "resilint")
