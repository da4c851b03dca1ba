"""Hostile round 9 (s15): every command other than ``check`` fails closed.

A document ``check`` reports as never checked (DOC-01: an unknown kind or version; DOC-03: a
near-miss apiVersion) is as missing from an answer read from the documents as an unreadable
file's content: the report, the calendar, the impact analysis, the incident card and the
register export say so and exit 2, never 0 over what they silently left out.
"""

from __future__ import annotations

import os
import resource
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, copy_example

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
    run = cli(
        "register", "export", ".", "--allow-incomplete", "--format", "csv", "-o", str(out), cwd=repo
    )
    assert (out / "b_02.01.csv").exists()  # written, as asked
    assert run.exit_code == 2, run.stderr
    assert "contracts/kursblick.yaml" in run.stderr
    assert "missing from this register" in run.stderr


def _limited(limit: int):
    def apply() -> None:  # Python ignores SIGXFSZ: a write past the limit fails with EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


@pytest.mark.parametrize(
    "command",
    [
        ("report", ".", "--no-cache", "-o", "OUT"),
        ("calendar", ".", "--no-cache", "--format", "ics", "-o", "OUT"),
        ("check", ".", "--no-cache", "-o", "sarif=OUT"),
    ],
)
def test_an_output_that_cannot_be_written_whole_leaves_the_earlier_one(
    tmp_path: Path, command: tuple[str, ...]
) -> None:
    """A write that fails half-way (a full disk, a file size limit) used to leave the output
    truncated: the earlier report or calendar gone and half of the new one in its place."""
    repo = copy_example("northwind", tmp_path)
    out = tmp_path / "outputs" / "earlier.out"
    out.parent.mkdir()
    earlier = b"the earlier output, whole\n"
    out.write_bytes(earlier)
    args = [a.replace("OUT", str(out)) for a in command]
    env = {**os.environ, "PYTHONPATH": str(REPO), "XDG_CACHE_HOME": str(tmp_path / "xdg")}
    run = subprocess.run(
        [sys.executable, "-m", "resilint", *args],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_limited(4096),  # the output is larger; every other write is smaller
        check=False,
    )
    assert run.returncode == 2, run.stderr
    assert "cannot write it" in run.stderr
    assert out.read_bytes() == earlier
    assert sorted(p.name for p in out.parent.iterdir()) == ["earlier.out"]  # no temporary left


def test_an_output_keeps_the_mode_of_the_file_it_replaces(cli, tmp_path: Path) -> None:
    repo = copy_example("northwind", tmp_path)
    out = tmp_path / "deadlines.ics"
    out.write_text("old")
    out.chmod(0o640)
    assert cli("calendar", ".", "--format", "ics", "-o", str(out), cwd=repo).exit_code == 0
    assert out.read_text().startswith("BEGIN:VCALENDAR")
    assert stat.S_IMODE(out.stat().st_mode) == 0o640


def _evil_twin(repo: Path) -> None:
    """A second supplier file with the id of a tier-1 supplier, sorting before it, with
    another security contact: the first found was the one the card printed."""
    text = (repo / "suppliers" / "transvia-edi.yaml").read_text(encoding="utf-8")
    twin = text.replace("noc-security@transvia.example", "attacker@evil.example")
    assert twin != text
    (repo / "suppliers" / "aaa-twin.yaml").write_text(twin, encoding="utf-8")


@pytest.mark.parametrize(
    "args",
    [
        ("card", "transvia-edi", "."),
        ("impact", ".", "--supplier", "transvia-edi"),
        ("rename", "Supplier", "transvia-edi", "transvia-networks"),
    ],
)
def test_an_id_two_documents_share_is_refused_not_guessed(cli, tmp_path: Path, args) -> None:
    repo = copy_example("northwind", tmp_path)
    _evil_twin(repo)
    before = {p: p.read_bytes() for p in repo.rglob("*.yaml")}
    run = cli(*args, cwd=repo)
    assert run.exit_code == 2, run.stdout
    assert "attacker@evil.example" not in run.stdout
    assert "2 documents have the Supplier id 'transvia-edi'" in run.stderr
    assert "suppliers/aaa-twin.yaml:2" in run.stderr
    assert "suppliers/transvia-edi.yaml:2" in run.stderr
    assert {p: p.read_bytes() for p in repo.rglob("*.yaml")} == before  # nothing renamed


def test_the_board_says_its_rows_read_the_first_of_a_shared_id(cli, tmp_path: Path) -> None:
    repo = copy_example("northwind", tmp_path)
    _evil_twin(repo)
    run = cli("impact", ".", "--all-critical", cwd=repo)
    assert run.stdout  # the table is still written
    assert run.exit_code == 2
    assert "1 id(s) are shared by several documents (Supplier transvia-edi)" in run.stderr


def test_an_output_to_standard_output_appends_to_the_shells_file(tmp_path: Path) -> None:
    """``-o json=/dev/stdout >> build.log``: /dev/stdout resolves to build.log, which the
    temporary file was renamed over (the log's earlier lines and all printed after went to the
    replaced file, lost); the descriptor is written where it stands instead."""
    repo = copy_example("northwind", tmp_path)
    log = tmp_path / "build.log"
    log.write_text("earlier line\n")
    env = {**os.environ, "PYTHONPATH": str(REPO), "XDG_CACHE_HOME": str(tmp_path / "xdg")}
    script = f"echo before; {sys.executable} -m resilint check . -o json=/dev/stdout; echo after"
    with log.open("a") as appended:
        run = subprocess.run(
            ["sh", "-c", script], cwd=repo, env=env, stdout=appended, timeout=120, check=False
        )
    assert run.returncode == 0
    text = log.read_text()
    assert text.startswith("earlier line\nbefore\n{\n") and text.endswith("after\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["build.log", "northwind", "xdg"]
