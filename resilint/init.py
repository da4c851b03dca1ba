"""``resilint init``: scaffold a resilience repository from the templates shipped in the package.

It never overwrites a file: existing ones are reported and left as they are. The pre-commit and
CI files pin the version of resilint that wrote them (``__RESILINT_VERSION__`` in a template).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from resilint import __version__
from resilint.userfiles import output_directory

TEMPLATES = Path(__file__).resolve().parent / "templates" / "init"
VERSION_MARK = "__RESILINT_VERSION__"


@dataclass(frozen=True)
class Scaffold:
    created: tuple[Path, ...]
    kept: tuple[Path, ...]
    linked: tuple[Path, ...] = ()
    """Not written: a symbolic link lies on the way (a committed `.github -> /elsewhere`)."""


def scaffold(target: Path) -> Scaffold:
    output_directory(target)  # refuses a target that is or passes through a link
    created: list[Path] = []
    kept: list[Path] = []
    linked: list[Path] = []
    for source in sorted(p for p in TEMPLATES.rglob("*") if p.is_file()):
        relative = source.relative_to(TEMPLATES)
        destination = target / relative
        if any((target / part).is_symlink() for part in relative.parents if part.parts):
            linked.append(destination)
            continue
        if os.path.lexists(destination):  # a link, even a dangling one, is never written through
            kept.append(destination)
            continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        with destination.open("x", encoding="utf-8") as out:  # "x": never overwrite, even racing
            out.write(render(source.read_text(encoding="utf-8")))
        created.append(destination)
    return Scaffold(tuple(created), tuple(kept), tuple(linked))


def render(template: str) -> str:
    """A template's text with the running version where it pins resilint."""
    return template.replace(VERSION_MARK, __version__)
