"""Hostile round 28: absurd amounts, control characters written as escapes, what ``init`` finds
in its place, and file names that two outputs showed alike.

An amount had no upper bound (``amount: 1.7e308`` was filed in the register as a number of 309
digits) and ``-0.0`` was written ``-0``; ``"\\e[2J"`` in a double-quoted value passed every check
(the byte ESC is refused, its escape was not) and stopped ``register export --format xlsx``
with an internal error; ``init`` wrote resilint.yaml beside ``.resilint.yaml`` (every later run
then stopped: two configurations) and ``.pre-commit-config.yaml`` beside the
``.pre-commit-config.yml`` the repository runs; a file named with a line break and one named
with a backslash and an ``n`` were shown alike in the text output and the JSON.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import copy_example


def _repo(name: str, tmp_path: Path) -> Path:
    repo = copy_example(name, tmp_path)
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    return repo


def _replace(path: Path, old: str, new: str) -> int:
    """Replace ``old`` once in ``path``; the 1-based line it was on."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


# --- amounts --------------------------------------------------------------------------------


PAST = "must be at most 1000000000000000000, got"
ROUNDED = "must be rounded to a multiple of 10, got the number 1000000000000001: a sum"


@pytest.mark.parametrize(
    ("amount", "said"),
    [
        ("1.7e308", PAST),
        ("1e19", PAST),
        ("1000000000000000001", PAST),
        ("1000000000000001", ROUNDED),
    ],
)
def test_an_amount_past_ten_to_the_eighteen_or_fifteen_digits_is_refused_where_it_is_written(
    cli, tmp_path: Path, amount: str, said: str
) -> None:
    repo = _repo("havelbank", tmp_path)
    line = _replace(repo / "entities.yaml", "amount: 4200000000", f"amount: {amount}")
    run = cli("check", ".", "--no-cache", cwd=repo)
    assert run.exit_code == 1, run.stdout + run.stderr
    assert (
        f"entities.yaml:{line}:24: SCH-01 error entity hb-bank: total_assets.amount {said}"
        in run.stdout
    )
    export = cli("register", "export", "--format", "csv", "-o", "out", cwd=repo)
    assert export.exit_code == 1 and not (repo / "out").exists()


def test_an_amount_of_ten_to_the_fifteen_is_filed_whole(cli, tmp_path: Path) -> None:
    repo = _repo("havelbank", tmp_path)
    _replace(repo / "entities.yaml", "amount: 4200000000", "amount: 1000000000000000")
    assert cli("check", ".", "--no-cache", cwd=repo).exit_code == 0
    export = cli("register", "export", "--format", "csv", "-o", "out", cwd=repo)
    assert export.exit_code == 0, export.stdout + export.stderr
    assert ",EUR,1000000000000000\n" in (repo / "out" / "b_01.02.csv").read_text()


def test_an_insurance_limit_past_ten_to_the_eighteen_is_refused(cli, tmp_path: Path) -> None:
    repo = _repo("northwind", tmp_path)
    policy = repo / "insurance" / "cyber-primary-2026.yaml"
    line = _replace(policy, "aggregate_limit: 15000000", "aggregate_limit: 1.7e308")
    run = cli("check", ".", "--no-cache", cwd=repo)
    assert run.exit_code == 1, run.stdout + run.stderr
    assert f"insurance/cyber-primary-2026.yaml:{line}:18: SCH-01 error" in run.stdout
    assert "aggregate_limit must be at most 1000000000000000000" in run.stdout


def test_negative_zero_is_filed_as_zero(cli, tmp_path: Path) -> None:
    repo = _repo("havelbank", tmp_path)
    _replace(repo / "contracts" / "elbnetz.yaml", "amount: 380000,", "amount: -0.0,")
    export = cli("register", "export", "--format", "csv", "-o", "out", cwd=repo)
    assert export.exit_code == 0, export.stdout + export.stderr
    rows = list(csv.reader(io.StringIO((repo / "out" / "b_02.01.csv").read_text())))
    [row] = [r for r in rows if r[0] == "HB-2025-040"]
    assert row[-1] == "0", row


def test_impact_shows_negative_zero_as_zero(cli, tmp_path: Path) -> None:
    repo = _repo("northwind", tmp_path)
    _replace(
        repo / "insurance" / "cyber-primary-2026.yaml",
        "business_interruption: {included: true, sublimit: 10000000, retention: 100000}",
        "business_interruption: {included: true, sublimit: 10000000, retention: -0.0}",
    )
    run = cli("impact", "--supplier", "nimbara-cloud", ".", cwd=repo)
    assert "sublimit EUR 10,000,000, retention EUR 0," in run.stdout, run.stdout
    assert "-0" not in run.stdout


# --- control characters written as escapes ---------------------------------------------------


def test_an_escaped_control_character_is_an_error_at_its_value(cli, tmp_path: Path) -> None:
    repo = _repo("northwind", tmp_path)
    supplier = repo / "suppliers" / "albis-telecom.yaml"
    line = _replace(supplier, "name: Albis Telecom GmbH", 'name: "Albis\\e[2J\\e[31mOK"')
    run = cli("check", ".", "--no-cache", cwd=repo)
    assert run.exit_code == 1, run.stdout + run.stderr
    assert (
        f"suppliers/albis-telecom.yaml:{line}:7: ENC-04 error this value holds control "
        "character ESC, written as an escape" in run.stdout
    )
    assert "\x1b[2J" not in run.stdout + run.stderr


@pytest.mark.parametrize("escape", ["\\u202e", "\\U0000202E", "\\u200b"])
def test_an_escaped_bidi_control_is_flagged_as_the_character_is(cli, write, escape: str) -> None:
    write("s.yaml", f'apiVersion: resilint/v1\nkind: Supplier\nid: s\nname: "ab{escape}c"\n')
    run = cli("check", "s.yaml", "--no-cache", "--format", "json")
    found = [f for f in run.json()["findings"] if f["code"] == "ENC-03"]
    assert [(f["line"], f["column"]) for f in found] == [(4, 7)], run.stdout
    assert "here it is written as an escape" in found[0]["message"]


def test_a_tab_and_a_line_break_written_as_escapes_are_text(cli, write) -> None:
    write("s.yaml", 'apiVersion: resilint/v1\nkind: Supplier\nid: s\nname: "a\\tb\\nc"\n')
    codes = {f["code"] for f in cli("check", "s.yaml", "--format", "json").json()["findings"]}
    assert not codes & {"ENC-03", "ENC-04"}, codes


def test_the_register_workbook_names_a_value_it_cannot_hold(cli, tmp_path: Path) -> None:
    repo = _repo("havelbank", tmp_path)
    supplier = repo / "suppliers" / "beratwerk.yaml"
    text = supplier.read_text(encoding="utf-8")
    name_line = next(n for n, t in enumerate(text.splitlines(), 1) if t.startswith("name: "))
    old = text.splitlines()[name_line - 1]
    _replace(supplier, old, 'name: "Beratwerk\\x01 GmbH"')
    args = ("register", "export", "--allow-incomplete", "--format", "xlsx", "-o", "r.xlsx")
    run = cli(*args, cwd=repo)
    assert run.exit_code == 2, run.stdout + run.stderr
    assert f"suppliers/beratwerk.yaml:{name_line}:7: the field name of supplier beratwerk" in (
        run.stdout
    )
    assert "holds control character U+0001, which a workbook cannot hold" in run.stdout
    assert "no register written" in run.stderr and not (repo / "r.xlsx").exists()


# --- init: what stands in a template's place ---------------------------------------------------


IN_PLACE = [
    (".pre-commit-config.yml", "repos: []\n", ".pre-commit-config.yaml"),
    (".resilint.yaml", "fail_on: error\n", "resilint.yaml"),
    ("resilint.yml", "fail_on: error\n", "resilint.yaml"),
    ("pyproject.toml", '[tool.resilint]\nfail_on = "error"\n', "resilint.yaml"),
    (".github/workflows/resilint.yaml", "on: push\njobs: {}\n", ".github/workflows/resilint.yml"),
    (".gitlab-ci.yaml", "stages: [test]\n", ".gitlab-ci.yml"),
]


@pytest.mark.parametrize(("present", "text", "template"), IN_PLACE, ids=[c[0] for c in IN_PLACE])
def test_init_writes_no_second_file_beside_one_under_another_name(
    cli, tmp_path: Path, present: str, text: str, template: str
) -> None:
    repo = tmp_path / "repo"
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    (repo / present).parent.mkdir(parents=True, exist_ok=True)
    (repo / present).write_text(text)
    run = cli("init", str(repo), cwd=tmp_path)
    assert run.exit_code == 0, run.stdout + run.stderr
    assert not (repo / template).exists()
    assert (repo / present).read_text() == text
    assert f"skipped  {repo / template} ({repo / present} is there:" in run.stdout


def test_after_init_beside_a_dot_configuration_the_check_runs(cli, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    (repo / ".resilint.yaml").write_text("fail_on: error\n")
    assert cli("init", str(repo), cwd=tmp_path).exit_code == 0
    run = cli("check", "--no-cache", cwd=repo)
    assert "two configuration files" not in run.stderr
    assert run.exit_code in (0, 1), run.stdout + run.stderr


# --- file names that read alike ---------------------------------------------------------------


BAD = "apiVersion: resilint/v1\nkind: Supplier\nid: BAD ID\n"
NAMES = {"break": "new\nline.yaml", "backslash": "new\\nline.yaml", "quote": 'q"x.yaml'}


def _named(tmp_path: Path) -> None:
    for name in NAMES.values():
        (tmp_path / name).write_text(BAD)


def test_text_output_tells_a_line_break_from_a_backslash(cli, tmp_path: Path) -> None:
    _named(tmp_path)
    lines = cli("check", ".", "--no-cache", "--no-color").stdout.splitlines()
    places = {line.split(": SCH-01")[0] for line in lines if ": SCH-01 " in line}
    assert places == {'"new\\nline.yaml":3:5', "new\\nline.yaml:3:5", '"q\\"x.yaml":3:5'}


def test_json_gives_each_file_its_exact_name(cli, tmp_path: Path) -> None:
    _named(tmp_path)
    latin = os.fsdecode(b"lat\xfcn.yaml")
    (tmp_path / latin).write_text(BAD)
    run = cli("check", ".", "--no-cache", "--format", "json")
    assert run.stdout.isascii()
    paths = {f["path"] for f in json.loads(run.stdout)["findings"] if f["code"] == "SCH-01"}
    assert paths == {*NAMES.values(), latin}
    assert all((tmp_path / path).is_file() for path in paths)


def test_github_annotates_the_file_with_a_line_break_in_its_name(cli, tmp_path: Path) -> None:
    _named(tmp_path)
    lines = cli("check", ".", "--no-cache", "--format", "github").stdout.splitlines()
    files = {line.split(",")[0] for line in lines if "SCH-01" in line}
    assert files == {
        "::error file=new%0Aline.yaml",
        "::error file=new\\nline.yaml",
        '::error file=q"x.yaml',
    }


def test_junit_names_the_two_files_apart(cli, tmp_path: Path) -> None:
    from xml.etree import ElementTree

    _named(tmp_path)
    output = cli("check", ".", "--no-cache", "--format", "junit").stdout
    cases = ElementTree.fromstring(output).iter("testcase")
    named = {case.get("file") for case in cases if "SCH-01" in (case.get("name") or "")}
    assert named == {'"new\\nline.yaml"', "new\\nline.yaml", '"q\\"x.yaml"'}
