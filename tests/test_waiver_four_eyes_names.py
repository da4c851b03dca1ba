"""EXC-01's four-eyes warning reads the approver and the risk owner as a reviewer would: ``COO``
approving what ``coo`` owns, or ``jane.doe@...`` approving what Jane Doe owns, is one person
(the message says what was compared), while Jane Doe and John Doe, or ``j.doe@...`` and Jane
Doe, stay two people without a warning (northwind's waiver of CON-04, through the CLI)."""

from __future__ import annotations

import pytest

from tests.conftest import copy_example


def exc01(cli, tmp_path, approver: str, owner: str) -> list[str]:
    repo = copy_example("northwind", tmp_path)
    [waiver] = (repo / "waivers").glob("*.yaml")
    text = waiver.read_text().replace("approver: cfo", f"approver: {approver}")
    waiver.write_text(text.replace("risk_owner: coo", f"risk_owner: {owner}"))
    result = cli("check", "--format", "json", cwd=repo)
    assert result.exit_code == 0, result.stdout
    found = result.json()["findings"]
    assert "CON-04" in [f["code"] for f in found if f["suppressed"]]  # the waiver stands
    return [f["message"] for f in found if f["code"] == "EXC-01" and not f["suppressed"]]


@pytest.mark.parametrize(
    ("approver", "owner", "compared"),
    [
        ("COO", "coo", "approver 'COO' and risk owner 'coo', compared without case and spacing"),
        (
            "jane.doe@northwind.example",
            "Jane Doe",
            "the e-mail address's local part compared with the name",
        ),
        ("Jane  Doe", "jane doe", "compared without case and spacing"),
    ],
)
def test_one_person_written_two_ways_is_warned_of(cli, tmp_path, approver, owner, compared):
    [message] = exc01(cli, tmp_path, approver, owner)
    assert f"approved by {approver.split()[0]}" in message
    assert "who is also its risk owner" in message and compared in message


@pytest.mark.parametrize(
    ("approver", "owner"),
    [
        ("Jane Doe", "John Doe"),
        ("j.doe@northwind.example", "Jane Doe"),
        ("jane.doe@northwind.example", "jane.doe@other.example"),
        ("cfo", "coo"),
    ],
)
def test_two_people_with_similar_names_are_not(cli, tmp_path, approver, owner):
    assert exc01(cli, tmp_path, approver, owner) == []


def test_resilint_waive_says_so_of_one_person_written_two_ways(cli, tmp_path):
    repo = copy_example("northwind", tmp_path)
    for waiver in (repo / "waivers").glob("*.yaml"):
        waiver.unlink()
    args = ("waive", "CON-04", "--target", "Supplier/lindqvist-mes", "--reason", "none on offer")
    args += ("--until", "2027-02-18", "--owner", "coo", "--approved-on", "2026-11-20")
    written = cli(*args, "--approver", "COO", cwd=repo)
    assert written.exit_code == 0, written.stderr
    assert "is also the risk owner (--owner) (approver 'COO' and risk owner 'coo'" in (
        written.stderr
    )
