"""``resilint init``: scaffold a resilience repository from the templates shipped in the package.

It never overwrites a file: existing ones are reported and left as they are. The pre-commit and
CI files pin the version of resilint that wrote them (``__RESILINT_VERSION__`` in a template).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from resilint import __version__

TEMPLATES = Path(__file__).resolve().parent / "templates" / "init"
VERSION_MARK = "__RESILINT_VERSION__"


@dataclass(frozen=True)
class Scaffold:
    created: tuple[Path, ...]
    kept: tuple[Path, ...]


def scaffold(target: Path) -> Scaffold:
    created: list[Path] = []
    kept: list[Path] = []
    for source in sorted(p for p in TEMPLATES.rglob("*") if p.is_file()):
        destination = target / source.relative_to(TEMPLATES)
        if destination.exists():
            kept.append(destination)
            continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        with destination.open("x", encoding="utf-8") as out:  # "x": never overwrite, even racing
            out.write(render(source.read_text(encoding="utf-8")))
        created.append(destination)
    return Scaffold(tuple(created), tuple(kept))


def render(template: str) -> str:
    """A template's text with the running version where it pins resilint."""
    return template.replace(VERSION_MARK, __version__)
