"""`resilint check --format json` records the date the run judged by, so that a report read
later, or one of a check pinned to a register's reference date, says which day it describes."""

from __future__ import annotations

import datetime
import json

from one_file import doc, repo

SUPPLIER = doc("Supplier", "acme", "name: Acme\ntier: 2\n")


def run(cli, write, *options: str, config: str = "") -> dict:
    root = write("programme/repo.yaml", repo(SUPPLIER)).parent
    if config:
        write("programme/resilint.yaml", config)
    result = cli("check", str(root), "--format", "json", *options)
    assert result.exit_code in (0, 1), result.stdout + result.stderr
    return json.loads(result.stdout)


def test_the_date_judged_by_is_today_unless_pinned(cli, write) -> None:
    assert run(cli, write)["as_of"] == datetime.date.today().isoformat()


def test_a_pinned_date_is_the_one_recorded(cli, write) -> None:
    assert run(cli, write, "--as-of", "2025-03-31")["as_of"] == "2025-03-31"
    pinned = run(cli, write, config="as_of: 2024-12-31\n")
    assert pinned["as_of"] == "2024-12-31"
    # the rest of the document keeps its shape
    assert list(pinned) == ["version", "tool", "as_of", "summary", "notes", "findings"]
    assert pinned["version"] == 1
