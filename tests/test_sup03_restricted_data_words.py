"""SUP-03 says which data the supplier holds by the class its record gives: a supplier holding
our restricted data is said to handle our restricted data, not our confidential data, so the
procurement manager reading the finding sees why it is tier 1. Through the CLI on the e-money
institution's programme (tests/data/programmes/emoney-ie)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data" / "programmes" / "emoney-ie"
SUPPLIER = Path("suppliers") / "harbourline.yaml"


def _sup03(cli: Any, root: Path, sensitivity: str) -> str:
    path = root / SUPPLIER
    original = (DATA / SUPPLIER).read_text(encoding="utf-8")
    changed = original.replace("data_sensitivity: confidential", f"data_sensitivity: {sensitivity}")
    assert changed != original or sensitivity == "confidential"
    path.write_text(changed, encoding="utf-8")
    run = cli("check", ".", "--no-cache", "--select", "SUP-03", cwd=root)
    return "\n".join(line for line in run.stdout.splitlines() if "harbourline" in line)


def test_sup03_names_the_recorded_data_class(cli: Any, tmp_path: Path) -> None:
    root = tmp_path / "emoney"
    shutil.copytree(DATA, root, ignore=shutil.ignore_patterns(".resilint_cache"))
    restricted = _sup03(cli, root, "restricted")
    assert (
        "suppliers/harbourline.yaml:20:1: SUP-03 error supplier harbourline-contact (tier 1 in "
        "effect, see SUP-01; it has access to our systems and handles our restricted data) has "
        "no 24x7 security contact"
    ) in restricted
    assert "confidential data" not in restricted
    confidential = _sup03(cli, root, "confidential")
    assert "(tier 2; it has access to our systems and handles our confidential data)" in (
        confidential
    )
