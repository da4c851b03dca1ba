"""`resilint impact` says beside the tier when the supplier named is not one we use: a
prospective supplier (not engaged yet, no contract in force) or an exited one (we no longer use
it), so that whoever reads the scenario does not take it for a supplier of ours today; an
engaged supplier reads as before. The JSON gives every supplier's ``lifecycle``. Through the CLI
on the e-money institution's programme (tests/data/programmes/emoney-ie)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

DATA = Path(__file__).parent / "data" / "programmes" / "emoney-ie"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    copy = tmp_path / "emoney"
    shutil.copytree(DATA, copy, ignore=shutil.ignore_patterns(".resilint_cache"))
    return copy


@pytest.mark.parametrize(
    ("supplier", "header"),
    [
        (
            "bankbridge",
            "Supplier bankbridge (Bankbridge Connect Limited), tier 2, prospective: not engaged "
            "yet, no contract in force\n",
        ),
        (
            "arcbridge-processing",
            "Supplier arcbridge-processing (Arcbridge Processing GmbH), tier 1, exited: we no "
            "longer use it\n",
        ),
        (
            "relaypoint",
            "Supplier relaypoint (Relaypoint Messaging Limited), tier 3\n",
        ),
    ],
)
def test_the_header_says_a_supplier_is_not_one_we_use(
    cli: Any, root: Path, supplier: str, header: str
) -> None:
    result = cli("impact", "--supplier", supplier, cwd=root)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert header in result.stdout


def test_json_and_markdown_give_the_lifecycle(cli: Any, root: Path) -> None:
    found = cli("impact", "--supplier", "bankbridge", "--format", "json", cwd=root).json()
    assert [s["lifecycle"] for s in found["suppliers"]] == ["prospective"]
    found = cli("impact", "--supplier", "karta-processing", "--format", "json", cwd=root).json()
    assert [s["lifecycle"] for s in found["suppliers"]] == ["engaged"]
    text = cli("impact", "--supplier", "arcbridge-processing", "--format", "markdown", cwd=root)
    assert "| status | exited: we no longer use it |" in text.stdout
    text = cli("impact", "--supplier", "karta-processing", "--format", "markdown", cwd=root)
    assert "| status | " not in text.stdout.split("## Functions")[0]
