"""A sister company recorded only because the group's cyber policy insures it, whose own
programme keeps its register of information, is recorded without DORA in its regimes, as
docs/register.md and docs/data-model.md say: it keeps no register here, REG-01 asks nothing of
it and our register does not file it. Recorded ``regimes: [dora]`` beside our keeping entity (its
parent is not under DORA), it keeps a register in the repository, which the readiness rules
judge: REG-01 asks its own row's data, as the documents say. Through the CLI on the Lithuanian
payment institution's programme, whose Irish sister is insured under the group policy."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from programmes import copy_programme

SISTER = "baltvera-cards-ie"
OWNER_LINE = "owner: ie-chief-risk-officer\n"


def findings_on_sister(cli: Any, root: Path) -> list[str]:
    result = cli("check", ".", "--format", "json", "--no-cache", cwd=root)
    assert result.exit_code == 1, result.stdout + result.stderr
    return [f["code"] for f in result.json()["findings"] if f.get("id") == SISTER]


def record(root: Path, regimes: str) -> None:
    entities = root / "entities.yaml"
    text = entities.read_text(encoding="utf-8")
    assert text.count(OWNER_LINE) == 1
    entities.write_text(text.replace(OWNER_LINE, OWNER_LINE + regimes), encoding="utf-8")


def exported_entities(cli: Any, root: Path) -> str:
    args = ("register", "export", ".", "--format", "csv", "-o", "reg")
    run = cli(*args, "--reference-date", "2026-12-07", "--allow-incomplete", cwd=root)
    assert run.exit_code in (0, 1), run.stdout + run.stderr
    return (root / "reg" / "b_01.02.csv").read_text(encoding="utf-8")


def test_a_sister_recorded_without_dora_keeps_no_register_here(cli: Any, tmp_path: Path) -> None:
    for regimes in ("", "regimes: []\n"):
        root = copy_programme("pi-lt", tmp_path, f"pi{len(regimes)}")
        record(root, regimes)
        assert findings_on_sister(cli, root) == [], regimes
        rows = exported_entities(cli, root)
        assert "98450077BALTVERA0024" in rows
        assert "635400BALTVERACRD082" not in rows, regimes


def test_a_sister_recorded_under_dora_keeps_a_register_reg_01_judges(
    cli: Any, tmp_path: Path
) -> None:
    root = copy_programme("pi-lt", tmp_path, "pi")
    record(root, "regimes: [dora]\n")
    assert findings_on_sister(cli, root) == ["REG-01", "REG-01"]
