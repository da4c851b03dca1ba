"""Hostile round 31: a gate fails closed, and says what it knows.

- A check run in a folder of the repository (which it loads whole) compared the paths asked for
  as text: ``cd suppliers && resilint check ..`` dropped every finding of ``suppliers/``
  (status 0 on an error), and ``cd suppliers && resilint check .`` reported the whole
  repository's.
- An output named as a directory (``-o sarif=out/``, ``report -o out/.``) was written as a
  file named ``out``.
- ``check --baseline`` called a recorded finding "fixed" while the file holding it could not be
  read, and an entry written twice (two baselines merged) "fixed" while its finding stood;
  EXC-02 asked to withdraw a waiver whose target's file could not be read.
- ``check --select SUP --baseline`` called every entry of the rules it did not run "fixed", and
  ``resilint baseline --select SUP`` dropped them.
- ``register import`` took a cell holding a spreadsheet error (``#N/A``) as text.
- A rule's count of days that is none (``within_days: "ninety"``, ``-5``) loaded, and the
  condition never held.
"""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from resilint.cli import main
from tests.conftest import copy_example

AS_OF = ("--as-of", "2026-11-26")
UNTIERED = "apiVersion: resilint/v1\nkind: Supplier\nid: {id}\nname: {id}\n"


@pytest.fixture
def northwind(tmp_path: Path) -> Path:
    return copy_example("northwind", tmp_path)


def _paths(run) -> list[str]:
    return sorted(f["path"] for f in run.json()["findings"] if f["suppressed"] is False)


@pytest.mark.parametrize(
    ("named", "expected"),
    [
        (".", ["zz-here.yaml"]),
        ("..", ["../other/zz-there.yaml", "zz-here.yaml"]),
        ("../suppliers", ["zz-here.yaml"]),
        ("../other", ["../other/zz-there.yaml"]),
        ("zz-here.yaml", ["zz-here.yaml"]),
    ],
)
def test_a_check_from_a_folder_reports_what_the_paths_named_hold(
    cli, northwind: Path, named: str, expected: list[str]
) -> None:
    (northwind / "suppliers" / "zz-here.yaml").write_text(UNTIERED.format(id="zz-here"), "utf-8")
    (northwind / "other").mkdir()
    (northwind / "other" / "zz-there.yaml").write_text(UNTIERED.format(id="zz-there"), "utf-8")
    run = cli("check", named, "--no-cache", "-f", "json", *AS_OF, cwd=northwind / "suppliers")
    assert run.exit_code == 1, run.stdout + run.stderr
    shown = [p.replace("../suppliers/", "") for p in _paths(run)]
    assert shown == expected
    assert {f["code"] for f in run.json()["findings"] if not f["suppressed"]} == {"SUP-01"}


@pytest.mark.parametrize("written", ["out/", "out/.", "out/..", "deep/out/"])
@pytest.mark.parametrize(
    "command",
    [
        ("check", "-o", "sarif={}"),
        ("report", "-o", "{}"),
        ("calendar", "-f", "ics", "-o", "{}"),
        ("baseline", "-o", "{}"),
    ],
)
def test_an_output_written_as_a_directory_is_refused_before_the_run(
    cli, northwind: Path, command: tuple[str, ...], written: str
) -> None:
    run = cli(*(word.format(written) for word in command), *AS_OF, cwd=northwind)
    assert run.exit_code == 2, run.stdout + run.stderr
    assert "names a directory (a path ending in /, /. or /..)" in run.stderr
    assert "name the file to write in it" in run.stderr
    assert not (northwind / "out").exists()  # it wrote a file named out
    assert not (northwind / "deep").exists()
    assert "Traceback" not in run.stderr


LATER = ("--as-of", "2030-01-01")


def _baselined(cli, repo: Path) -> Path:
    made = cli("baseline", *LATER, cwd=repo)
    assert made.exit_code == 0, made.stderr
    return repo / ".resilint-baseline.json"


def _bsl(run) -> list[str]:
    return [f["message"] for f in run.json()["findings"] if f["code"] == "BSL-01"]


def test_a_finding_in_a_file_that_cannot_be_read_is_not_called_fixed(cli, northwind) -> None:
    baseline = _baselined(cli, northwind)
    contract = northwind / "contracts" / "albis-telecom.yaml"
    contract.write_text(contract.read_text("utf-8") + "x: [\n", "utf-8")
    run = cli(
        "check", "--no-cache", "-f", "json", "--baseline", str(baseline), *LATER, cwd=northwind
    )
    assert run.exit_code == 2, run.stderr  # the syntax error fails the run
    said = _bsl(run)
    assert said  # its own finding, and those its documents' readers held back
    assert any("CTR-13 on Contract ctr-albis-telecom-2025 is gone" in m for m in said)
    for message in said:
        assert not message.startswith("fixed"), message
        assert "cannot be read or checked (at contracts/albis-telecom.yaml:" in message
        assert "YML-01) what it holds is not seen, which may be why: fix it first" in message


def test_a_baseline_entry_written_twice_is_said_to_repeat_not_to_be_fixed(cli, northwind) -> None:
    baseline = _baselined(cli, northwind)
    data = json.loads(baseline.read_text("utf-8"))
    recorded = len(data["findings"])
    data["findings"] += data["findings"][:2]
    baseline.write_text(json.dumps(data, indent=2), "utf-8")
    run = cli(
        "check", "--no-cache", "-f", "json", "--baseline", str(baseline), *LATER, cwd=northwind
    )
    assert run.exit_code == 0, run.stderr  # BSL-01 is info
    said = _bsl(run)
    assert len(said) == 2
    for copy, message in enumerate(said):
        assert message.startswith(f"baseline entry {recorded + copy + 1} repeats entry {copy + 1} ")
        assert "fixed" not in message
    assert run.json()["summary"]["suppressed"] == recorded
    rewritten = cli("baseline", *LATER, cwd=northwind)
    assert rewritten.exit_code == 0, rewritten.stderr
    assert len(json.loads(baseline.read_text("utf-8"))["findings"]) == recorded


def test_a_waiver_whose_target_cannot_be_read_is_not_told_to_be_withdrawn(cli, northwind) -> None:
    supplier = northwind / "suppliers" / "lindqvist-mes.yaml"
    supplier.write_text(supplier.read_text("utf-8") + "x: [\n", "utf-8")
    run = cli("check", "--no-cache", "-f", "json", *AS_OF, cwd=northwind)
    assert run.exit_code == 2, run.stderr
    (unused,) = [f for f in run.json()["findings"] if "suppressed nothing" in f["message"]]
    assert unused["code"] == "EXC-02"
    assert unused["path"] == "waivers/waiver-con04-lindqvist-mes.yaml"
    assert "but while a file or document cannot be read or checked (at " in unused["message"]
    assert "suppliers/lindqvist-mes.yaml:" in unused["message"]
    assert unused["message"].endswith(
        "fix it first; if it still matches none, withdraw it or correct its rule and targets"
    )
    supplier.write_text(supplier.read_text("utf-8").removesuffix("x: [\n"), "utf-8")
    mended = cli("check", "--no-cache", "-f", "json", *AS_OF, cwd=northwind)
    assert mended.exit_code == 0, mended.stdout
    assert not [f for f in mended.json()["findings"] if f["code"] == "EXC-02"]


def test_a_register_workbook_written_as_a_directory_is_refused(cli, tmp_path: Path) -> None:
    repo = copy_example("havelbank", tmp_path)
    run = cli("register", "export", "--format", "xlsx", "-o", "out/", cwd=repo)
    assert run.exit_code == 2, run.stdout + run.stderr
    assert "'out/' names a directory (a path ending in /, /. or /..)" in run.stderr
    assert not (repo / "out").exists()
    readable = cli("register", "export", "--format", "csv", "-o", "csv/", cwd=repo)
    assert readable.exit_code == 0, readable.stdout + readable.stderr
    assert (repo / "csv" / "b_01.01.csv").is_file()  # a directory, as the format writes


@pytest.fixture(scope="module")
def havelbank_workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    where = tmp_path_factory.mktemp("havelbank")
    repo = copy_example("havelbank", where)
    target = where / "register.xlsx"
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(repo)
        export = ["register", "export", "--format", "xlsx", "-o", str(target)]
        done = CliRunner().invoke(main, export)
    assert done.exit_code == 0, done.output
    return target


@pytest.mark.parametrize(
    ("value", "error_cell", "shown"),
    [
        ("#N/A", True, "#N/A"),
        ("#REF!", True, "#REF!"),
        (10**12, False, "#VALUE!"),  # a date serial number past the year 9999
    ],
)
def test_a_register_cell_holding_a_spreadsheet_error_is_refused(
    cli, tmp_path: Path, havelbank_workbook: Path, value, error_cell: bool, shown: str
) -> None:
    book = openpyxl.load_workbook(havelbank_workbook)
    sheet = book["B_02.02"]
    cell = sheet.cell(row=3, column=7)  # a start date
    cell.value = value
    if error_cell:
        cell.data_type = "e"
    book.save(tmp_path / "hostile.xlsx")
    run = cli("register", "import", "hostile.xlsx", "-o", "imported", cwd=tmp_path)
    assert run.exit_code == 2, run.stdout + run.stderr
    assert (
        f"hostile.xlsx: B_02.02 row 3, column c0070 (cell G3) holds the spreadsheet error {shown}, "
        "not a value"
    ) in run.stderr
    assert "Warning" not in run.stderr
    assert not (tmp_path / "imported").exists()


def test_a_spreadsheet_error_in_a_register_csv_is_refused(cli, tmp_path: Path) -> None:
    repo = copy_example("havelbank", tmp_path)
    made = cli("register", "export", "--format", "csv", "-o", str(tmp_path / "csv"), cwd=repo)
    assert made.exit_code == 0, made.stdout + made.stderr
    providers = tmp_path / "csv" / "b_05.01.csv"
    lines = providers.read_text("utf-8").splitlines(keepends=True)
    cells = lines[2].split(",")
    cells[4] = "#DIV/0!"  # a provider's legal name
    lines[2] = ",".join(cells)
    providers.write_text("".join(lines), "utf-8")
    run = cli("register", "import", str(tmp_path / "csv"), "-o", "imported", cwd=tmp_path)
    assert run.exit_code == 2, run.stdout + run.stderr
    assert (
        "b_05.01.csv row 3, column c0050 (cell E3) holds the spreadsheet error #DIV/0!"
        in run.stderr
    )
    assert not (tmp_path / "imported").exists()


DAYS_RULE = """\
rules:
  - code: ACME-01
    name: recent-assessment
    level: error
    profiles: [baseline]
    title: Suppliers are assessed every quarter
    rationale: A test rule.
    remediation: Assess it.
    references: ["Internal policy TPRM-3"]
    params: {{days: {param}}}
    select: Supplier
    require:
      - that: {condition}
        message: "supplier {{supplier.id}} was not assessed lately"
    examples:
      pass: |
        apiVersion: resilint/v1
        kind: Supplier
        id: acme
        last_assessment: {{date: 2026-11-01}}
      fail: |
        apiVersion: resilint/v1
        kind: Supplier
        id: acme
        last_assessment: {{date: 2025-01-01}}
      expect:
        - {{id: acme, line: 4}}
"""
RECENT = "{{field: supplier.last_assessment.date, within_days: {}}}"
SHIFTED = (
    "{{value: {{date: {{field: supplier.last_assessment.date}}, plus_days: {}}}, is_past: false}}"
)


@pytest.mark.parametrize(
    ("condition", "param", "at", "said"),
    [
        (RECENT.format('"ninety"'), 90, '"ninety"}', "within_days 'ninety': a count of days"),
        (RECENT.format("-5"), 90, "-5}", "within_days -5: a count of days"),
        (RECENT.format("0.5"), 90, "0.5}", "within_days 0.5: a count of days"),
        (SHIFTED.format("-90"), 90, "-90}", "plus_days -90: a count of days"),
        (RECENT.format("{param: days}"), '"ninety"', '"ninety"}', "params.days: the rule reads"),
        (SHIFTED.format("{param: days}"), "-1", "-1}", "params.days: the rule reads it"),
        # every key read as a count of days (the rule language's one list) names its parameter
        (
            SHIFTED.replace("plus_days", "minus_days").format("{param: days}"),
            '"thirty"',
            '"thirty"}',
            "params.days: the rule reads it",
        ),
        (
            RECENT.replace("within_days", "older_than_days").format("{param: days}"),
            "-2",
            "-2}",
            "params.days: the rule reads it",
        ),
    ],
)
def test_a_count_of_days_that_is_none_is_refused_where_the_rule_loads(
    cli, write, condition: str, param: str, at: str, said: str
) -> None:
    write("resilint.yaml", "rule_dirs: [policies/]\n")
    write("acme.yaml", "apiVersion: resilint/v1\nkind: Supplier\nid: acme\n")
    rule = write("policies/r.yaml", DAYS_RULE.format(condition=condition, param=param))
    # the value's place: the operand's, or the parameter's where the operand names it
    lines = rule.read_text("utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if at in text)
    where = f"{line}:{lines[line - 1].index(at) + 1}"
    for command in (("check", "--no-cache"), ("test",)):
        run = cli(*command)
        assert run.exit_code == 2, run.stdout + run.stderr
        assert f"policies/r.yaml:{where}: " in run.stderr
        assert said in run.stderr
        assert "Traceback" not in run.stderr


def test_a_whole_count_of_days_still_loads_and_judges(cli, write) -> None:
    write("resilint.yaml", "rule_dirs: [policies/]\n")
    write("acme.yaml", "apiVersion: resilint/v1\nkind: Supplier\nid: acme\n")
    write("policies/r.yaml", DAYS_RULE.format(condition=RECENT.format("{param: days}"), param=90))
    tested = cli("test", "--as-of", "2026-11-26")
    assert tested.exit_code == 0, tested.stdout + tested.stderr
    run = cli("check", "--no-cache", "-f", "json", *AS_OF)
    assert run.exit_code == 1, run.stdout + run.stderr
    assert "ACME-01" in run.codes()  # acme records no assessment at all


@pytest.mark.parametrize("narrowed", [("--select", "SUP"), ("--ignore", "CTR,EXC")])
def test_baseline_entries_of_rules_that_did_not_run_are_neither_fixed_nor_dropped(
    cli, northwind, narrowed: tuple[str, str]
) -> None:
    baseline = _baselined(cli, northwind)
    recorded = baseline.read_bytes()
    codes = {e["code"] for e in json.loads(recorded)["findings"]}
    assert {"SUP-04", "CTR-13", "EXC-01"} <= codes
    run = cli(
        "check", "--no-cache", "-f", "json", "--baseline", str(baseline), *narrowed, *LATER,
        cwd=northwind,
    )  # fmt: skip
    assert run.exit_code == 0, run.stdout + run.stderr
    assert _bsl(run) == []  # was a BSL-01 "fixed" for each entry of the rules not run
    rewritten = cli("baseline", *narrowed, *LATER, cwd=northwind)
    assert rewritten.exit_code == 0, rewritten.stderr
    assert "which did not run (--select, --ignore, or a profile not active)" in rewritten.stderr
    assert "dropped" not in rewritten.stderr
    assert baseline.read_bytes() == recorded  # was: every entry of those rules dropped
    whole = cli(
        "check", "--no-cache", "-f", "json", "--baseline", str(baseline), *LATER, cwd=northwind
    )
    assert whole.exit_code == 0, whole.stdout
    assert [f for f in whole.json()["findings"] if not f["suppressed"]] == []


def test_a_finding_fixed_among_the_rules_that_ran_is_still_called_fixed(cli, northwind) -> None:
    baseline = _baselined(cli, northwind)
    supplier = northwind / "suppliers" / "vaultline-backup.yaml"
    text = supplier.read_text("utf-8")
    assert "2025-12-02" in text
    supplier.write_text(text.replace("2025-12-02", "2029-12-02"), "utf-8")
    run = cli(
        "check", "--no-cache", "-f", "json", "--baseline", str(baseline), "--select", "SUP",
        *LATER, cwd=northwind,
    )  # fmt: skip
    said = _bsl(run)
    assert len(said) == 1, said
    assert said[0].startswith("fixed: SUP-04 on Supplier vaultline-backup is gone")
