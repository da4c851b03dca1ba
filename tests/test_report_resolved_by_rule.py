"""``report --previous``: what was resolved since the earlier report, by rule. A report's data
block recorded each finding's fingerprint and level only, so the next report could count what
was resolved but not say what: "2 resolved" told a committee nothing. The block now records
the rule of each finding that counted, as `check --format json` does, and the change lists the
resolved ones by rule; an earlier report without the rules is still read, and counted only."""

from __future__ import annotations

import json
import re
from pathlib import Path

ENTITY = "apiVersion: resilint/v1\nkind: Entity\nid: pay\ncountry: DE\nregimes: [dora]\n"
FUNCTION = (
    "apiVersion: resilint/v1\nkind: BusinessFunction\nid: {id}\ncriticality: standard\n"
    "entities: [pay]\nowner: coo\nlast_criticality_assessment: 2026-11-01\n"
)
EXERCISE = (
    "apiVersion: resilint/v1\nkind: Exercise\nid: ex-2026-05\ntype: tabletop\n"
    "status: completed\ndate: 2026-05-12\nfunctions: [reporting, support]\n"
)
BLOCK = re.compile(r'<script type="application/json" id="resilint-report-data">(.*?)</script>')


def _programme(root: Path) -> Path:
    (root / "entities.yaml").write_text(ENTITY, encoding="utf-8")
    for name in ("reporting", "support"):
        (root / f"{name}.yaml").write_text(FUNCTION.format(id=name), encoding="utf-8")
    (root / "exercises.yaml").write_text(EXERCISE, encoding="utf-8")
    (root / "resilint.yaml").write_text("{}\n", encoding="utf-8")
    return root


def _report(cli, root: Path, as_of: str, *args: str) -> str:
    run = cli("report", ".", "-o", "r.html", "--no-cache", "--as-of", as_of, *args, cwd=root)
    assert run.exit_code == 0, run.stderr
    return (root / "r.html").read_text(encoding="utf-8")


def _text(page: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", page).split())


def test_the_resolved_findings_are_listed_by_rule(cli, tmp_path: Path) -> None:
    root = _programme(tmp_path)
    earlier = _report(cli, root, "2027-06-01")  # both functions' yearly tests overdue
    block = json.loads(BLOCK.search(earlier).group(1))  # type: ignore[union-attr]
    assert len(block["rules"]["EXR-04"]) == 2
    (root / "earlier.html").write_text(earlier, encoding="utf-8")
    shown = _text(_report(cli, root, "2026-12-06", "--previous", "earlier.html"))
    assert "0 new , 2 resolved" in shown
    assert (
        "Resolved since, by rule EXR-04 Under DORA, every function that is not critical was "
        "also tested in the last 12 months: 2"
    ) in shown


def test_from_check_json_the_rules_are_its_codes(cli, tmp_path: Path) -> None:
    root = _programme(tmp_path)
    run = cli("check", ".", "-f", "json", "--no-cache", "--as-of", "2027-06-01", cwd=root)
    (root / "earlier.json").write_text(run.stdout, encoding="utf-8")
    shown = _text(_report(cli, root, "2026-12-06", "--previous", "earlier.json"))
    assert "Resolved since, by rule EXR-04" in shown and "also tested in the last 12 months: 2" in (
        shown
    )


def test_an_earlier_report_without_rules_is_counted_only(cli, tmp_path: Path) -> None:
    root = _programme(tmp_path)
    earlier = _report(cli, root, "2027-06-01")
    block = json.loads(BLOCK.search(earlier).group(1))  # type: ignore[union-attr]
    del block["rules"]
    older = BLOCK.sub(
        lambda _: (
            f'<script type="application/json" id="resilint-report-data">'
            f"{json.dumps(block)}</script>"
        ),
        earlier,
    )
    (root / "older.html").write_text(older, encoding="utf-8")
    shown = _text(_report(cli, root, "2026-12-06", "--previous", "older.html"))
    assert "2 resolved" in shown
    assert "2 whose rule the earlier report does not record" in shown
    assert "EXR-04" not in shown.split("Resolved since, by rule")[1].split("Coverage")[0]


def test_a_rule_code_resilint_never_writes_is_refused(cli, tmp_path: Path) -> None:
    root = _programme(tmp_path)
    earlier = _report(cli, root, "2027-06-01")
    forged = earlier.replace('"EXR-04":', '"resolved-everything":')
    (root / "forged.html").write_text(forged, encoding="utf-8")
    run = cli("report", ".", "-o", "x.html", "--previous", "forged.html", cwd=root)
    assert run.exit_code == 2
    assert "is not a rule's code (such as CTR-08)" in run.stderr
    assert "forged.html:" in run.stderr and "Traceback" not in run.stderr
