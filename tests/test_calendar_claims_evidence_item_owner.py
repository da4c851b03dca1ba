"""The calendar names the owner of each claims evidence item as the one to bring it up to date,
as it names the owner of an exercise finding: the item's own ``owner`` (the engineer who keeps
the backup validation reports), the package's only where the item names none. Through the CLI
on the e-money institution's programme (tests/data/programmes/emoney-ie)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data" / "programmes" / "emoney-ie"
PACKAGE = Path("insurance") / "cyber-2026-evidence.yaml"


def _claims(cli: Any, root: Path) -> dict[str, str | None]:
    result = cli("calendar", "--format", "json", cwd=root)
    assert result.exit_code == 0, result.stdout + result.stderr
    return {
        d["title"].split(" item of ")[0]: d["owner"]
        for d in result.json()["deadlines"]
        if d["category"] == "claims-evidence"
    }


def test_each_claims_evidence_item_falls_to_its_own_owner(cli: Any, tmp_path: Path) -> None:
    root = tmp_path / "emoney"
    shutil.copytree(DATA, root, ignore=shutil.ignore_patterns(".resilint_cache"))
    owners = _claims(cli, root)
    assert owners["backup validation reports"] == "head-of-engineering"
    assert owners["asset inventory"] == "head-of-it"
    assert owners["insured entities list"] == "company-secretary"
    assert owners["policy copies"] == "chief-risk-officer"  # the package's owner keeps this one
    text = cli("calendar", cwd=root).stdout
    assert (
        "backup validation reports item of the claims evidence of policy cyber-2026: last "
        "updated 2026-08-28; current for 180 days [head-of-engineering]"
    ) in text


def test_an_item_without_an_owner_falls_to_the_package_owner(cli: Any, tmp_path: Path) -> None:
    root = tmp_path / "emoney"
    shutil.copytree(DATA, root, ignore=shutil.ignore_patterns(".resilint_cache"))
    package = root / PACKAGE
    text = package.read_text(encoding="utf-8")
    item = "owner: head-of-engineering, last_updated: 2026-08-28}"
    assert text.count(item) == 1
    package.write_text(text.replace(item, "last_updated: 2026-08-28}"), encoding="utf-8")
    owners = _claims(cli, root)
    # without an owner the item is not kept (EVD-01), and the package's owner is to see to it
    assert owners["backup validation reports"] == "chief-risk-officer"
