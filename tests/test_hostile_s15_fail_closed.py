"""Hostile round 9 (s15): every command other than ``check`` fails closed.

A document ``check`` reports as never checked (DOC-01: an unknown kind or version; DOC-03: a
near-miss apiVersion) is as missing from an answer read from the documents as an unreadable
file's content: the report, the calendar, the impact analysis, the incident card and the
register export say so and exit 2, never 0 over what they silently left out.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import copy_example

NEAR_MISSES = {
    "apiVerison": ("apiVersion:", "apiVerison:"),  # DOC-03
    "Kind": ("\nkind:", "\nKind:"),  # DOC-01: no kind
    "v2": ("apiVersion: resilint/v1", "apiVersion: resilint/v2"),  # DOC-01: unknown version
}


def _spoil(path: Path, case: str) -> None:
    old, new = NEAR_MISSES[case]
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("case", sorted(NEAR_MISSES))
def test_a_document_never_checked_is_no_silent_pass(cli, tmp_path: Path, case: str) -> None:
    repo = copy_example("northwind", tmp_path)
    _spoil(repo / "suppliers" / "transvia-edi.yaml", case)
    assert cli("check", ".", "--no-cache", cwd=repo).exit_code != 0
    runs = {
        "calendar": cli("calendar", ".", "--no-cache", cwd=repo),
        "report": cli("report", ".", "--no-cache", "-o", str(tmp_path / "r.html"), cwd=repo),
        "impact": cli("impact", ".", "--all-critical", cwd=repo),
    }
    for command, run in runs.items():
        assert run.exit_code == 2, (command, run.stderr)
        assert "1 file(s) hold a document resilint does not check" in run.stderr, command
        assert "suppliers/transvia-edi.yaml" in run.stderr, command


def test_the_calendar_from_the_cache_still_says_so(cli, tmp_path: Path) -> None:
    repo = copy_example("northwind", tmp_path)
    _spoil(repo / "suppliers" / "transvia-edi.yaml", "Kind")
    for _ in range(2):  # the second run answers from the cache
        run = cli("calendar", ".", cwd=repo)
        assert run.exit_code == 2
        assert "hold a document resilint does not check" in run.stderr


def test_the_card_of_a_supplier_in_an_unchecked_document_says_where(cli, tmp_path: Path) -> None:
    repo = copy_example("northwind", tmp_path)
    _spoil(repo / "suppliers" / "transvia-edi.yaml", "apiVerison")
    run = cli("card", "transvia-edi", ".", cwd=repo)
    assert run.exit_code == 2
    assert "suppliers/transvia-edi.yaml" in run.stderr


@pytest.mark.parametrize("case", ["apiVerison", "Kind"])
def test_an_incomplete_register_missing_a_contract_is_not_status_0(
    cli, tmp_path: Path, case: str
) -> None:
    repo = copy_example("havelbank", tmp_path)
    _spoil(repo / "contracts" / "kursblick.yaml", case)
    out = tmp_path / "register"
    run = cli("register", "export", ".", "--allow-incomplete", "--format", "csv", "-o", str(out),
              cwd=repo)
    assert (out / "b_02.01.csv").exists()  # written, as asked
    assert run.exit_code == 2, run.stderr
    assert "contracts/kursblick.yaml" in run.stderr
    assert "missing from this register" in run.stderr
