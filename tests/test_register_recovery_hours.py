"""A function's recovery objectives in the register of information (B_06.01.0080 and 0090), a
natural number of hours where 0 means no objective is set: the export writes an objective under
one hour as 1 and says so at the field, and an import reads 0 as no objective."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import EXAMPLES


def _bank(tmp_path: Path, rto: str, rpo: str) -> Path:
    repo = tmp_path / "hb"
    shutil.copytree(EXAMPLES / "havelbank", repo)
    functions = repo / "functions.yaml"
    text = functions.read_text(encoding="utf-8")
    assert "rto_hours: 4\nrpo_hours: 0.25\n" in text  # the payments function
    text = text.replace("rto_hours: 4\nrpo_hours: 0.25\n", f"rto_hours: {rto}\nrpo_hours: {rpo}\n")
    functions.write_text(text, encoding="utf-8")
    return repo


def _objectives(workbook: Path) -> dict[str, tuple[object, object]]:
    from openpyxl import load_workbook

    sheet = load_workbook(workbook, read_only=True)["B_06.01"]
    return {r[0]: (r[7], r[8]) for r in sheet.iter_rows(min_row=3, values_only=True)}


def test_an_objective_under_one_hour_is_written_as_1_and_noted(cli, tmp_path) -> None:
    """An RTO of 15 minutes was written 1 without a word, and an RPO of 0 (no data may be
    lost) was written 0, which the register reads as no objective set."""
    repo = _bank(tmp_path, "0.25", "0")
    workbook = tmp_path / "register.xlsx"
    result = cli("register", "export", str(repo), "--format", "xlsx", "-o", str(workbook))
    assert result.exit_code == 0, result.stdout + result.stderr
    objectives = _objectives(workbook)
    assert objectives["payments"] == (1, 1)
    assert objectives["deposits-and-lending"] == (8, 1)  # recorded as whole hours: as they are
    assert "2 recovery objectives written otherwise than recorded" in result.stderr
    assert "Annex I, B_06.01.0080 and 0090" in result.stderr
    assert "hb/functions.yaml:14:12: rto_hours 0.25 is written as 1 (B_06.01.0080," in result.stderr
    assert "hb/functions.yaml:15:12: rpo_hours 0 is written as 1 (B_06.01.0090," in result.stderr
    assert "deposits" not in result.stderr  # a function recorded in whole hours is not named


def test_a_longer_fraction_is_rounded_up_and_whole_hours_go_unnoted(cli, tmp_path) -> None:
    repo = _bank(tmp_path, "2.5", "1")
    workbook = tmp_path / "register.xlsx"
    result = cli("register", "export", str(repo), "--format", "xlsx", "-o", str(workbook))
    assert result.exit_code == 0, result.stdout + result.stderr
    assert _objectives(workbook)["payments"] == (3, 1)
    assert "1 recovery objective written otherwise than recorded" in result.stderr
    assert "rto_hours 2.5 is written as 3" in result.stderr
    assert "rpo_hours" not in result.stderr
    repo = _bank(tmp_path / "whole", "4", "1")
    result = cli("register", "export", str(repo), "--format", "xlsx", "-o", str(workbook))
    assert result.exit_code == 0, result.stdout + result.stderr
    assert _objectives(workbook)["payments"] == (4, 1)
    assert "recovery objective" not in result.stderr


def test_an_imported_0_is_no_objective(cli, tmp_path) -> None:
    """A register from elsewhere reports 0 where no objective is set: imported, the function
    has none (BCM-01 asks for it), not an objective of no time at all."""
    from openpyxl import load_workbook

    workbook = tmp_path / "register.xlsx"
    repo = _bank(tmp_path, "4", "1")
    assert (
        cli("register", "export", str(repo), "--format", "xlsx", "-o", str(workbook)).exit_code == 0
    )
    book = load_workbook(workbook)
    sheet = book["B_06.01"]
    for row in sheet.iter_rows(min_row=3):
        if row[0].value == "payments":
            row[7].value, row[8].value = 0, 2
    book.save(workbook)
    out = tmp_path / "imported"
    result = cli("register", "import", str(workbook), "-o", str(out))
    assert result.exit_code == 0, result.stdout + result.stderr
    import yaml

    docs = [
        d
        for p in out.rglob("*.yaml")
        for d in yaml.safe_load_all(p.read_text(encoding="utf-8"))
        if isinstance(d, dict) and d.get("kind") == "BusinessFunction"
    ]
    payments = next(d for d in docs if d.get("name") == "Payment services")
    assert "rto_hours" not in payments
    assert payments["rpo_hours"] == 2
