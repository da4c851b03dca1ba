"""`resilint calendar` names the tier whose assessment interval applies as the supplier records
it ("tier 1"), and says "in effect", with the tier recorded, only where the tier is derived: a
supplier recorded as tier 2 or 3 that is critical is assessed as tier 1. Through the CLI on the
German crypto-asset service provider's programme (tests/data/programmes/casp-de)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.programmes import copy_programme


def _titles(cli: Any, root: Path) -> dict[str, str]:
    result = cli("calendar", "--format", "json", cwd=root)
    assert result.exit_code in (0, 1), result.stdout + result.stderr
    return {
        d["id"]: d["title"] for d in result.json()["deadlines"] if d["category"] == "assessment"
    }


def test_a_recorded_tier_reads_as_recorded(cli: Any, tmp_path: Path) -> None:
    root = copy_programme("casp-de", tmp_path)
    titles = _titles(cli, root)
    assert titles["identeo"] == "assessment of supplier identeo (tier 1)"
    assert not [t for t in titles.values() if "in effect" in t]
    text = cli("calendar", cwd=root).stdout
    assert "assessment of supplier tickmark (tier 1): last assessed 2026-03-03" in text


def test_a_derived_tier_says_in_effect_and_what_is_recorded(cli: Any, tmp_path: Path) -> None:
    root = copy_programme("casp-de", tmp_path)
    path = root / "suppliers" / "identeo.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("\ntier: 1\n", "\ntier: 2\n"))
    titles = _titles(cli, root)
    assert titles["identeo"] == (
        "assessment of supplier identeo (tier 1 in effect, recorded as tier 2)"
    )
    assert titles["tickmark"] == "assessment of supplier tickmark (tier 1)"
