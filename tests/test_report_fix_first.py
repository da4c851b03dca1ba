"""The posture report's headline says what to fix first: the active errors, then the warnings,
each ranked by the critical and important functions it exposes (the function it is about, or the
functions an outage of the supplier it is about would stop), in words, with the rule's code
linking to its finding. A board member with ten minutes reads five rows, not a table of counts
by rules file."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.conftest import EXAMPLES
from tests.test_report_function_findings import FUNCTION, SUPPLIER

CANTEEN = """\
apiVersion: resilint/v1
kind: Supplier
id: canteen
name: Canteen GmbH
tier: 3
services:
  - {name: lunch}
"""


def _rows(text: str) -> list[list[str]]:
    table = re.search(r'<table class="first">.*?<tbody>(.*?)</tbody>', text, re.S)
    assert table, "the headline has no 'what to fix first' table"
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", table.group(1), re.S)
    return [
        [re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<td[^>]*>(.*?)</td>", r)] for r in rows
    ]


def _headline(text: str) -> str:
    found = re.search(r'<section id="headline".*?</section>', text, re.S)
    assert found
    return found.group(0)


def test_a_supplier_gap_that_stops_two_critical_functions_comes_before_one_function_s(
    cli, tmp_path: Path
) -> None:
    repo = tmp_path / "repo"
    (repo / "functions").mkdir(parents=True)
    (repo / "suppliers.yaml").write_text(SUPPLIER + "---\n" + CANTEEN, encoding="utf-8")
    for fid in ("nav", "orders"):
        (repo / "functions" / f"{fid}.yaml").write_text(FUNCTION.format(fid=fid), encoding="utf-8")
    target = tmp_path / "report.html"
    run = cli("report", str(repo), "-o", str(target), "--as-of", "2026-12-04", cwd=repo)
    assert run.exit_code == 0, run.stderr
    headline = _headline(target.read_text(encoding="utf-8"))
    rows = _rows(headline)
    assert len(rows) == 5
    # every gap at the supplier both functions rest on first, each saying what it exposes
    first = [r for r in rows if r[2] == "supplier cloud"]
    assert len(first) == 4 and rows[:4] == first, rows
    assert all(r[3] == "nav, orders" and r[4] == "error" for r in first), rows
    assert rows[4][2] in ("business function nav", "business function orders"), rows
    # the rule in words, its code a link to the finding's row
    assert rows[0][1].startswith("Supplier services behind a critical function recover")
    assert rows[0][1].endswith("(BCM-03)"), rows[0]
    assert re.search(r'<a href="#f-[0-9a-f]{16}[^"]*" title="BCM-03: ', headline)
    check = cli("check", str(repo), "--format", "json", "--as-of", "2026-12-04", cwd=repo)
    active = [f for f in check.json()["findings"] if f["level"] in ("error", "warning")]
    assert f"And {len(active) - 5} more errors and warnings in the" in headline


def test_the_list_ranks_errors_before_warnings_and_counts_the_rest_as_check_does(
    cli, tmp_path: Path
) -> None:
    target = tmp_path / "report.html"
    run = cli("report", str(EXAMPLES / "defects"), "-o", str(target), "--as-of", "2026-12-01")
    assert run.exit_code == 2, run.stderr  # some of its files cannot be read, on purpose
    headline = _headline(target.read_text(encoding="utf-8"))
    rows = _rows(headline)
    assert [r[0] for r in rows] == ["1", "2", "3", "4", "5"]
    assert all(r[4] == "error" for r in rows), rows
    exposed = [0 if r[3].startswith("no critical") else len(r[3].split(", ")) for r in rows]
    assert exposed == sorted(exposed, reverse=True) and exposed[0] > 0, rows
    check = cli("check", str(EXAMPLES / "defects"), "--format", "json", "--as-of", "2026-12-01")
    active = [
        f
        for f in check.json()["findings"]
        if f["level"] in ("error", "warning") and not f.get("suppressed")
    ]
    assert f"And {len(active) - 5} more errors and warnings in the" in headline


def test_nothing_to_fix_first_is_said_when_no_error_or_warning_is_active(
    cli, tmp_path: Path
) -> None:
    target = tmp_path / "report.html"
    run = cli("report", str(EXAMPLES / "northwind"), "-o", str(target))
    assert run.exit_code == 0, run.stderr
    assert "Nothing to fix first: no active error or warning." in _headline(
        target.read_text(encoding="utf-8")
    )


def test_new_findings_since_the_previous_report_are_said_in_words_errors_first(
    cli, tmp_path: Path
) -> None:
    """The change since the previous report names each new finding by its rule in words and
    what it concerns, errors first, not by its whole message: a paragraph per finding made the
    trend a wall of text."""
    repo = EXAMPLES / "defects"
    check = cli("check", str(repo), "--format", "json", "--as-of", "2026-12-01").json()
    found = check["findings"]
    gone = [next(f for f in found if f["level"] == level) for level in ("info", "warning", "error")]
    check["findings"] = [f for f in found if f not in gone]
    older = tmp_path / "older.json"
    older.write_text(json.dumps(check), encoding="utf-8")
    target = tmp_path / "report.html"
    cli("report", str(repo), "-o", str(target), "--as-of", "2026-12-01", "--previous", str(older))
    change = re.search(r'<div class="change">.*?</div>', target.read_text(encoding="utf-8"), re.S)
    assert change
    items = [re.sub(r"<[^>]+>", "", li) for li in re.findall(r"<li>(.*?)</li>", change.group(0))]
    assert [i.split(":", 1)[0] for i in items] == ["error", "warning", "info"], items
    for item, finding in zip(items, reversed(gone), strict=True):
        assert f"({finding['code']})" in item, (item, finding)
        assert finding["message"] not in item
