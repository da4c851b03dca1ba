"""The bundled example repositories, through the CLI: northwind is clean, defects gives exactly
the findings its comments announce."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import yaml
from conftest import EXAMPLES
from test_rule_catalogue import RULES

from resilint.rules.model import PROFILES

GOLDEN = Path(__file__).parent / "golden" / "defects.txt"


def test_northwind_checks_clean(cli) -> None:
    result = cli("check", "--format", "json", "--no-cache", cwd=EXAMPLES / "northwind")
    assert result.exit_code == 0, result.stdout
    findings = result.json()["findings"]
    assert [f for f in findings if not f["suppressed"]] == []
    assert [(f["code"], f["suppression"]["kind"]) for f in findings] == [("CON-04", "waiver")]


def test_northwind_is_a_realistic_programme() -> None:
    kinds: Counter[str] = Counter()
    tiers: Counter[int] = Counter()
    critical = 0
    for path in (EXAMPLES / "northwind").rglob("*.yaml"):
        for doc in yaml.safe_load_all(path.read_text()):
            if not isinstance(doc, dict) or "kind" not in doc:
                continue
            kinds[doc["kind"]] += 1
            tiers[doc.get("tier", 0)] += doc["kind"] == "Supplier"
            critical += doc["kind"] == "BusinessFunction" and doc.get("criticality") == "critical"
    assert kinds["Supplier"] >= 25 and all(tiers[t] for t in (1, 2, 3))
    assert critical >= 6 and kinds["ContinuityPlan"] >= critical
    assert kinds["InsurancePolicy"] == 2
    for kind in (
        "Contract",
        "Identity",
        "Control",
        "Exercise",
        "Playbook",
        "EvidencePackage",
        "Waiver",
        "Entity",
    ):
        assert kinds[kind] >= 1, kind


def defects(cli) -> list[str]:
    result = cli("check", "--format", "json", "--no-cache", cwd=EXAMPLES / "defects")
    assert result.exit_code == 2, result.stdout  # unreadable files are among the defects
    return [f"{f['code']} {f['path']}:{f['line']}" for f in result.json()["findings"]]


def test_defects_give_exactly_the_pinned_findings(cli) -> None:
    found = defects(cli)
    if os.environ.get("RESILINT_UPDATE_GOLDEN"):
        GOLDEN.write_text("\n".join(found) + "\n")
    assert found == GOLDEN.read_text().splitlines()


def test_defects_cover_every_check_and_every_baseline_rule(cli) -> None:
    codes = {line.split()[0] for line in defects(cli)}
    core = {
        "SCH-01",
        "REF-01",
        "DOC-01",
        "DOC-02",
        "YML-01",
        "YML-02",
        "YML-03",
        "YML-07",
        "YML-08",
    }
    baseline = {r.info.code for r in RULES if "baseline" in r.info.profiles}
    assert core <= codes
    assert baseline - codes == set()
    assert set(PROFILES) >= {p for r in RULES for p in r.info.profiles}


def test_every_planted_defect_is_announced_by_a_comment() -> None:
    announced = set()
    for path in (EXAMPLES / "defects").rglob("*.yaml"):
        for line in path.read_text(errors="replace").splitlines():
            if "# defect:" in line and "(" in line:
                announced.update(
                    code.strip()
                    for code in line.rsplit("(", 1)[1].rstrip(")").replace(" and ", ",").split(",")
                )
    found = {line.split()[0] for line in GOLDEN.read_text().splitlines()}
    assert found - announced <= {"EXC-02"} | {c for c in found if c.startswith("YML")}


def test_the_defects_readme_lists_each_place_the_check_reports() -> None:
    """The README's table of planted defects is what `check` reports, place for place: each row
    a code at a file and line of the output, each place and code of the output a row (two
    findings at one place share one). A reader comparing the two finds the same lines."""
    readme = (EXAMPLES / "defects" / "README.md").read_text(encoding="utf-8")
    rows = {
        (cells[3], f"{cells[1].strip('`')}:{cells[2]}")
        for line in readme.splitlines()
        if line.startswith("| `")
        for cells in [[cell.strip() for cell in line.split("|")]]
    }
    places = {tuple(line.split(" ", 1)) for line in GOLDEN.read_text().splitlines()}
    assert rows == places, (sorted(rows - places), sorted(places - rows))
