"""The test programmes under ``tests/data/programmes``: each copied afresh for a test (the check
writes its cache beside the files), its planted gaps counted by their ``# gap`` comments."""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

PROGRAMMES = Path(__file__).parent / "data" / "programmes"


def copy_programme(name: str, tmp_path: Path, as_name: str | None = None) -> Path:
    """A fresh copy of programme ``name`` under ``tmp_path`` (named ``as_name``, else ``name``)."""
    target = tmp_path / (as_name or name)
    shutil.copytree(PROGRAMMES / name, target, ignore=shutil.ignore_patterns(".resilint_cache"))
    return target


def planted_gaps(root: Path) -> int:
    """The gaps planted in a programme: one ``# gap`` comment line each."""
    return sum(
        line.lstrip().startswith("# gap")
        for path in root.rglob("*.yaml")
        for line in path.read_text(encoding="utf-8").splitlines()
    )


def located(findings: Iterable[Mapping[str, Any]]) -> list[tuple[str, str, int]]:
    """Each finding of a JSON report as (code, path, line), in the report's order."""
    return [(f["code"], Path(f["path"]).as_posix(), f["line"]) for f in findings]


def unsuppressed(cli: Any, root: Path) -> list[dict[str, Any]]:
    """The findings ``resilint check`` reports on the programme at ``root`` (status 1: it has
    errors), those a waiver, an inline comment or the baseline accepts left out."""
    result = cli("check", ".", "--format", "json", "--no-cache", cwd=root)
    assert result.exit_code == 1, result.stdout + result.stderr
    return [f for f in result.json()["findings"] if not f["suppressed"]]
