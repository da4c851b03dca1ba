"""Where resilint's own schemas and rules are: inside the installed package, or in a checkout."""

from __future__ import annotations

import functools
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@functools.cache
def data_dir(name: str) -> Path:
    """``schemas`` or ``rules``: shipped in the wheel as ``resilint/_data/<name>``; in a source
    checkout (and an editable install) they are the top-level directories of the repository.
    Found once a run: every rule's description asks whether it is one of resilint's own."""
    installed = _PACKAGE / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name
