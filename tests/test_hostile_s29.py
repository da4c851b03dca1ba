"""Hostile round 29: a gate fails closed.

The configuration took ``"\\x1b[31m"`` and ``"\\u202e"`` written as escapes (and a bidi control
written as itself, in a value or a comment) in silence where a document's value is ENC-04 or
ENC-03; ``register export --allow-incomplete`` carried a supplier name holding a bidirectional
control into every format; a double-quoted value holding one as itself was flagged twice, once
as "written as an escape".
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.test_hostile_config2 import RULE
from tests.test_hostile_s28 import _replace, _repo

RLO = "\u202e"


# --- the configuration's characters -------------------------------------------------------------

CONFIGURED = [
    ('exclude: ["\\x1b[31mold"]', "3:11: ENC-04 ", "holds control character ESC"),
    ('exclude: ["a\\u202eb"]', "3:11: ENC-03 ", "U+202E RIGHT-TO-LEFT OVERRIDE"),
    (f'exclude: ["a{RLO}b"]', "3:13: ENC-03 ", "U+202E RIGHT-TO-LEFT OVERRIDE"),
    (f"# old{RLO} entries", "3:6: ENC-03 ", "U+202E RIGHT-TO-LEFT OVERRIDE"),
    ('per_file_ignores: {"a\\u200b/*": [REF-01]}', "3:20: ENC-03 ", "U+200B ZERO WIDTH SPACE"),
    ('rules: {REF-01: {level: "warn\\x07"}}', "3:25: ENC-04 ", "holds control character U+0007"),
    (f"fail_on: warn{RLO}ing", "3:14: ENC-03 ", "U+202E RIGHT-TO-LEFT OVERRIDE"),
]


@pytest.mark.parametrize(("line", "place", "said"), CONFIGURED, ids=[c[0] for c in CONFIGURED])
def test_a_configuration_value_that_shows_otherwise_stops_the_check(
    cli, tmp_path: Path, line: str, place: str, said: str
) -> None:
    repo = _repo("northwind", tmp_path)
    (repo / "resilint.yaml").write_text(f"fail_on: error\nas_of: 2026-11-26\n{line}\n")
    run = cli("check", ".", "--no-cache", "-o", "sarif=out.sarif", cwd=repo)
    assert run.exit_code == 2, run.stdout + run.stderr
    assert f"resilint: resilint.yaml:{place}" in run.stderr and said in run.stderr
    assert "\x1b" not in run.stderr and RLO not in run.stderr
    assert '"executionSuccessful": false' in (repo / "out.sarif").read_text()


def test_a_pyproject_table_is_held_to_the_same_but_not_another_tools_table(
    cli, tmp_path: Path
) -> None:
    repo = _repo("northwind", tmp_path)
    (repo / "resilint.yaml").unlink()
    table = '[tool.resilint]\nas_of = "2026-11-26"\n'
    (repo / "pyproject.toml").write_text(f'[tool.other]\nx = "a{RLO}b"\n{table}')
    assert cli("check", ".", "--no-cache", cwd=repo).exit_code == 0
    for value, said in [(f"a{RLO}b", "5:14: ENC-03 U+202E"), ("\\u001b", "5:11: ENC-04 exclude.0")]:
        (repo / "pyproject.toml").write_text(f'{table}\n\nexclude = ["{value}"]\n')
        run = cli("check", ".", "--no-cache", cwd=repo)
        assert run.exit_code == 2, run.stdout + run.stderr
        assert f"pyproject.toml:{said}" in run.stderr


def test_a_joiner_between_letters_in_a_configuration_is_text(cli, tmp_path: Path) -> None:
    repo = _repo("northwind", tmp_path)
    (repo / "resilint.yaml").write_text(
        'fail_on: error\nas_of: 2026-11-26\nexclude: ["\u0645\u200c\u06cc/*"]\n'
    )
    run = cli("check", ".", "--no-cache", cwd=repo)
    assert run.exit_code == 0, run.stdout + run.stderr


# --- what the register carries ------------------------------------------------------------------


def _name_line(supplier: Path) -> str:
    return next(t for t in supplier.read_text().splitlines() if t.startswith("name: "))


@pytest.mark.parametrize("output", [("csv", "out"), ("xlsx", "r.xlsx"), ("xbrl-csv", "pkg")])
def test_a_bidi_control_in_a_supplier_name_writes_no_register(
    cli, tmp_path: Path, output: tuple[str, str]
) -> None:
    repo = _repo("havelbank", tmp_path)
    supplier = repo / "suppliers" / "beratwerk.yaml"
    line = _replace(supplier, _name_line(supplier), f"name: Beratwerk {RLO}HbmG exe.pdf")
    form, target = output
    run = cli("register", "export", "--allow-incomplete", "--format", form, "-o", target, cwd=repo)
    assert run.exit_code == 2, run.stdout + run.stderr
    assert f"suppliers/beratwerk.yaml:{line}:7: the field name of supplier beratwerk" in run.stdout
    assert "holds U+202E RIGHT-TO-LEFT OVERRIDE, a bidirectional control" in run.stdout
    assert "no register written" in run.stderr and not (repo / target).exists()
    assert RLO not in run.stdout + run.stderr


def test_a_joiner_in_a_persian_name_is_filed(cli, tmp_path: Path) -> None:
    repo = _repo("havelbank", tmp_path)
    supplier = repo / "suppliers" / "beratwerk.yaml"
    _replace(supplier, _name_line(supplier), "name: \u0645\u06cc\u200c\u0634\u0648\u062f GmbH")
    run = cli("register", "export", "--allow-incomplete", "--format", "csv", "-o", "out", cwd=repo)
    assert run.exit_code == 0, run.stdout + run.stderr
    assert "\u06cc\u200c\u0634" in (repo / "out" / "b_05.01.csv").read_text(encoding="utf-8")


def test_a_name_that_reads_as_a_formula_stays_text_where_it_is_opened(cli, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    repo = _repo("havelbank", tmp_path)
    supplier = repo / "suppliers" / "beratwerk.yaml"
    formula = '=HYPERLINK("http://x.test","Beratwerk")'
    _replace(supplier, _name_line(supplier), "name: '" + formula.replace("'", "''") + "'")
    for form, target in [("csv", "out"), ("xlsx", "r.xlsx")]:
        args = ("register", "export", "--allow-incomplete", "--format", form, "-o", target)
        assert cli(*args, cwd=repo).exit_code == 0
    csv_text = (repo / "out" / "b_05.01.csv").read_text(encoding="utf-8")
    assert "\"'=HYPERLINK(" in csv_text and ',"=HYPERLINK' not in csv_text
    sheet = load_workbook(repo / "r.xlsx")["B_05.01"]
    cells = [c for row in sheet.iter_rows() for c in row if c.value == formula]
    assert cells and all(c.data_type == "s" for c in cells)


def test_a_bidi_control_as_itself_in_quotes_is_flagged_once(cli, write) -> None:
    write("s.yaml", f'apiVersion: resilint/v1\nkind: Supplier\nid: s\nname: "a\\"b{RLO}c"\n')
    run = cli("check", "s.yaml", "--no-cache", "--format", "json")
    found = [f for f in run.json()["findings"] if f["code"] == "ENC-03"]
    assert [(f["line"], f["column"]) for f in found] == [(4, 12)], run.stdout
    assert "written as an escape" not in found[0]["message"]


# --- a report of a run that stopped ---------------------------------------------------------


def _invocation(path: Path) -> dict[str, object]:
    (run,) = json.loads(path.read_text(encoding="utf-8"))["runs"]
    assert run["results"] == []
    (invocation,) = run["invocations"]
    return invocation


@pytest.mark.parametrize(
    ("options", "said"),
    [
        (("--statistics", "-f", "sarif"), "--statistics prints text or json, not sarif"),
        (("--group-by", "rule", "-f", "json"), "--group-by groups the text output, not json"),
    ],
)
def test_an_option_refused_is_refused_before_a_report_is_written(
    cli, tmp_path: Path, options: tuple[str, ...], said: str
) -> None:
    repo = _repo("northwind", tmp_path)
    (repo / "old.sarif").write_text('{"runs": [{"results": []}]}')  # an earlier run's, clean
    run = cli("check", ".", "--no-cache", "-o", "sarif=old.sarif", *options, cwd=repo)
    assert run.exit_code == 2 and f"resilint: {said}" in run.stderr
    invocation = _invocation(repo / "old.sarif")
    assert invocation["executionSuccessful"] is False and invocation["exitCode"] == 2
    assert said in json.dumps(invocation)


def test_a_path_the_file_system_refuses_is_said_in_the_report(cli, tmp_path: Path) -> None:
    repo = _repo("northwind", tmp_path)
    (repo / "o.sarif").write_text('{"runs": [{"results": []}]}')
    run = cli("check", ".", "x" * 300, "--no-cache", "-o", "sarif=o.sarif", cwd=repo)
    assert run.exit_code == 2, run.stdout + run.stderr
    assert "cannot be used (File name too long)" in run.stderr
    invocation = _invocation(repo / "o.sarif")
    assert invocation["executionSuccessful"] is False and invocation["exitCode"] == 2
    assert "cannot be used (File name too long)" in json.dumps(invocation)


def test_a_defect_that_stops_the_check_is_said_in_every_report(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import resilint.app

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a defect")

    monkeypatch.setattr(resilint.app, "check", broken)  # a defect of resilint's, on purpose
    repo = _repo("northwind", tmp_path)
    (repo / "o.sarif").write_text('{"runs": [{"results": []}]}')
    run = cli("check", ".", "-o", "sarif=o.sarif", "-o", "json=o.json", "-f", "junit", cwd=repo)
    assert run.exit_code == 4, run.stdout + run.stderr
    assert "resilint: internal error: RuntimeError: a defect" in run.stderr
    assert _invocation(repo / "o.sarif")["exitCode"] == 4
    found = json.loads((repo / "o.json").read_text())["findings"]
    assert [(f["code"], f["level"]) for f in found] == [("RUN-01", "error")]
    assert "internal error: RuntimeError: a defect" in found[0]["message"]
    assert 'errors="1"' in run.stdout and "Traceback" not in run.stderr


# --- a rule file's characters -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("message", "said"),
    [
        ("x \\x1b[2J", "13:18: ENC-04 this value holds control character ESC"),
        ("x \\u202e", "13:18: ENC-03 U+202E RIGHT-TO-LEFT OVERRIDE"),
        (f"x {RLO}", "13:21: ENC-03 U+202E RIGHT-TO-LEFT OVERRIDE"),
    ],
)
def test_a_rule_file_whose_message_shows_otherwise_stops_the_check(
    cli, tmp_path: Path, message: str, said: str
) -> None:
    """The rules sit in a hidden directory, which the check of documents does not read."""
    repo = _repo("northwind", tmp_path)
    (repo / ".policy").mkdir()
    said_by_rule = f'message: "{message} {{supplier.id}}"'
    rule = RULE.replace('message: "supplier {supplier.id} is not tier 1"', said_by_rule)
    (repo / ".policy" / "r.yaml").write_text(rule)
    config = repo / "resilint.yaml"
    config.write_text(config.read_text() + "rule_dirs: [.policy]\n")
    run = cli("check", ".", "--no-cache", cwd=repo)
    assert run.exit_code == 2, run.stdout + run.stderr
    assert f"resilint: .policy/r.yaml:{said}" in run.stderr
    assert "ACME-01" not in run.stdout


# --- what the register import takes in ---------------------------------------------------------


@pytest.mark.parametrize(
    ("form", "char", "said"),
    [
        ("xlsx", RLO, "holds U+202E RIGHT-TO-LEFT OVERRIDE, a bidirectional control"),
        ("csv", "\x1b", "holds control character ESC"),
        ("csv", "\u200b", "holds U+200B ZERO WIDTH SPACE, an invisible character"),
    ],
)
def test_an_imported_value_that_shows_otherwise_imports_nothing(
    cli, tmp_path: Path, form: str, char: str, said: str
) -> None:
    from openpyxl import load_workbook

    repo = _repo("havelbank", tmp_path)
    target = "r.xlsx" if form == "xlsx" else "out"
    assert cli("register", "export", "--format", form, "-o", target, cwd=repo).exit_code == 0
    name, hostile = "Beratwerk IT Consulting GmbH", f"Beratwerk {char}IT Consulting GmbH"
    if form == "xlsx":
        book = load_workbook(repo / target)
        cells = [c for row in book["B_05.01"].iter_rows() for c in row if c.value == name]
        cells[0].value = hostile
        book.save(repo / target)
        place = f"B_05.01 row {cells[0].row}, column c0050 (cell E{cells[0].row})"
    else:
        _replace(repo / target / "b_05.01.csv", name, hostile)
        place = "b_05.01.csv row 2, column c0050 (cell E2)"
    run = cli("register", "import", target, "-o", "imported", cwd=repo)
    assert run.exit_code == 2, run.stdout + run.stderr
    assert f"{place} {said}" in run.stderr and "nothing was imported" in run.stderr
    assert not (repo / "imported").exists()


def test_a_baseline_that_is_a_directory_is_called_one(cli, tmp_path: Path) -> None:
    repo = _repo("northwind", tmp_path)
    (repo / "base.json").mkdir()
    config = repo / "resilint.yaml"
    config.write_text(config.read_text() + "baseline: base.json\n")
    run = cli("check", ".", "--no-cache", cwd=repo)
    assert run.exit_code == 2, run.stdout + run.stderr
    assert "base.json: cannot read the baseline: this is a directory, not a file" in run.stderr
