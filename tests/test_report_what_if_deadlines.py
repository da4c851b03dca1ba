"""The posture report's what-if table says the first deadlines most outages start alike once,
above the table, and "as above" in their rows: the same regulator clock runs whichever supplier
fails, and a paragraph repeated in every row hid the rows whose clocks differ. ``resilint impact
--all-critical`` keeps every row whole."""

from __future__ import annotations

import html
import re
from collections import Counter
from pathlib import Path

from tests.conftest import EXAMPLES

NORTHWIND = EXAMPLES / "northwind"


def _deadline_cells(text: str) -> list[str]:
    table = re.search(r'<table class="what-if">.*?<tbody>(.*?)</tbody>', text, re.S)
    assert table
    rows = re.findall(r"<tr>(.*?)</tr>", table.group(1), re.S)
    # the supplier is the row's header; first deadlines the fifth data cell
    return [html.unescape(re.findall(r"<td>(.*?)</td>", r, re.S)[4]) for r in rows]


def test_the_first_deadlines_most_outages_share_are_said_once(cli, tmp_path: Path) -> None:
    markdown = cli(
        "impact", str(NORTHWIND), "--all-critical", "--hours", "24", "--format", "markdown"
    ).stdout
    table = [line for line in markdown.splitlines() if line.startswith("|")][2:]  # no head
    whole = [line.split("|")[6].strip() for line in table]
    common, n = Counter(whole).most_common(1)[0]
    assert 2 <= n < len(whole)  # most rows alike, one not: the case this is for
    target = tmp_path / "report.html"
    run = cli("report", str(NORTHWIND), "-o", str(target))
    assert run.exit_code == 0, run.stderr
    text = target.read_text(encoding="utf-8")
    said = re.search(r'<p class="shared-deadlines">(.*?)</p>', text, re.S)
    assert said, "the shared first deadlines are not said above the table"
    sentence = html.unescape(re.sub(r"<[^>]+>", "", said.group(1)))
    assert sentence.startswith(f"{n} of these outages start the same first deadlines")
    assert sentence.endswith(f": {common}.")
    cells = _deadline_cells(text)
    assert cells.count("as above") == n
    assert [c for c in cells if c != "as above"] == [w for w in whole if w != common]
