"""Dates of things done recorded after the date a check judges as of (a mistyped year, or a
check as of a register's earlier reference date): the freshness rules say so, and never that
the date is "more than N days ago"."""

from __future__ import annotations

import pytest
from one_file import check, doc

FUNCTION = "criticality: critical\nlast_criticality_assessment: {date}\n"
SUPPLIER = (
    "name: Acme Ltd\ntier: 1\nprovides_ict_services: true\nlast_assessment: {{date: {date}}}\n"
)


@pytest.mark.parametrize(
    ("code", "kind", "body", "words"),
    [
        ("BCM-02", "BusinessFunction", FUNCTION, "was last assessed for criticality on"),
        ("SUP-04", "Supplier", SUPPLIER, "was last assessed on"),
    ],
)
def test_a_date_after_the_date_checked_is_not_called_old(cli, write, code, kind, body, words):  # type: ignore[no-untyped-def]
    (future,) = check(cli, write, doc(kind, "x", body.format(date="2027-03-10")), [code])
    assert f"{words} 2027-03-10, after the date checked" in future["message"]
    assert "days ago" not in future["message"] and "longer ago" not in future["message"]
    assert future["line"] == 4 + body.count("\n") - 1
    (old,) = check(cli, write, doc(kind, "x", body.format(date="2023-03-10")), [code])
    assert "after the date checked" not in old["message"]
    assert check(cli, write, doc(kind, "x", body.format(date="2026-11-01")), [code]) == []
