"""The posture report's What if table as a risk committee reads it: the section says which of the
functions a supplier's outage stops are critical or important, and a function that is not one is
not counted as a fallback that falls short for having no continuity plan (BCM-07 asks a plan of
critical and important functions only). Checked on examples/havelbank, whose intra-group ICT
provider also serves a standard function (ICT operations) that has no plan, against its YAML."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import yaml
from conftest import EXAMPLES

BANK = EXAMPLES / "havelbank"


class _Table(HTMLParser):
    """The rows of the table whose class is ``what-if``, each as its cells' text."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self._in_table = False
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table" and ("class", "what-if") in attrs:
            self._in_table = True
        elif self._in_table and tag == "tr":
            self.rows.append([])
        elif self._in_table and tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self._in_table = False
        elif self._in_table and tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _criticality() -> dict[str, str]:
    documents = yaml.safe_load_all((BANK / "functions.yaml").read_text())
    return {d["id"]: d["criticality"] for d in documents if d}


def test_what_if_marks_functions_that_are_not_critical(cli, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    assert cli("report", str(BANK), "-o", str(out), "--no-cache").exit_code == 0
    text = out.read_text()
    section = text[text.index('<section id="what-if"') :]
    assert "the functions it stops" in section
    assert "the critical functions it stops" not in section  # the table lists others too
    parser = _Table()
    parser.feed(text)
    head, *rows = parser.rows
    assert head[1] == "functions hit" and head[4] == "fallback falls short"
    by_supplier = {row[0].split(" ")[0]: row for row in rows}
    criticality = _criticality()
    assert criticality["ict-operations"] == "standard"  # the case this test is about
    hit = by_supplier["hb-it-services"][1].split(", ")
    assert "ict-operations (not critical)" in hit
    for shown in (name for row in rows for name in row[1].split(", ") if name != "none"):
        function = shown.removesuffix(" (not critical)")
        critical = criticality[function] in ("critical", "important")
        assert shown.endswith("(not critical)") is not critical, shown
    # no plan is asked of a standard function: its having none is no shortfall
    plans = [
        d["function"]
        for d in yaml.safe_load_all((BANK / "plans.yaml").read_text())
        if d and d.get("kind") == "ContinuityPlan"
    ]
    assert "ict-operations" not in plans
    assert all("ict-operations" not in row[4] for row in rows)
