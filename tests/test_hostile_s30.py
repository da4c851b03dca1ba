"""Hostile round 30: a gate fails closed.

``resilint calendar -o FILE`` that stopped (an invalid configuration, nothing to check, a path the
file system refused, a defect) exited with its status but left the calendar an earlier run wrote
at FILE: a CI job publishing ``deadlines.ics`` to a team's subscribed calendar, or a script
reading ``deadlines.json``, went on showing last run's dates as today's. Each format is now
replaced by one that says the calendar was not made, why, and where.
"""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

import icalendar
import pytest

from tests.conftest import copy_example

AS_OF = ("--as-of", "2026-11-26")


def _break_configuration(repo: Path) -> None:
    config = repo / "resilint.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "profilez: [baseline]\n", "utf-8")


def _calendar(cli, repo: Path, fmt: str, output: str = "deadlines.out"):
    return cli("calendar", ".", "-f", fmt, "-o", output, *AS_OF, cwd=repo)


@pytest.fixture
def northwind(tmp_path: Path) -> Path:
    return copy_example("northwind", tmp_path)


def _made_then_stopped(cli, repo: Path, fmt: str) -> tuple[bytes, bytes]:
    made = _calendar(cli, repo, fmt)
    assert made.exit_code == 0, made.stderr
    before = (repo / "deadlines.out").read_bytes()
    _break_configuration(repo)
    run = _calendar(cli, repo, fmt)
    assert run.exit_code == 2, run.stderr
    assert "profilez" in run.stderr
    return before, (repo / "deadlines.out").read_bytes()


def test_an_ics_calendar_not_made_replaces_the_earlier_events(cli, northwind: Path) -> None:
    before, after = _made_then_stopped(cli, northwind, "ics")
    earlier = icalendar.Calendar.from_ical(before)
    assert len(earlier.walk("VEVENT")) > 3
    calendar = icalendar.Calendar.from_ical(after)  # a valid calendar an app still reads
    assert calendar["VERSION"] == "2.0"
    assert "NOT MADE" in str(calendar["X-WR-CALNAME"])
    events = calendar.walk("VEVENT")
    assert len(events) == 1  # none of the earlier run's dates stays
    (event,) = events
    assert str(event["UID"]) == "calendar-not-made@resilint"
    assert "could not be made" in str(event["SUMMARY"])
    description = str(event["DESCRIPTION"])
    assert "resilint.yaml:" in description and "profilez" in description  # why, where
    assert event.decoded("DTSTART") == datetime.date.today()
    assert all(len(line) <= 75 for line in after.split(b"\r\n"))
    assert b"\n" not in after.replace(b"\r\n", b"")


def test_a_json_calendar_not_made_lists_no_deadlines(cli, northwind: Path) -> None:
    before, after = _made_then_stopped(cli, northwind, "json")
    assert json.loads(before)["deadlines"]
    document = json.loads(after)
    assert document["deadlines"] is None  # a script reading it fails, never finds none due
    assert document["stopped"]["exit_status"] == 2
    assert "resilint.yaml:" in document["stopped"]["reason"]
    assert "profilez" in document["stopped"]["reason"]


def test_a_text_calendar_not_made_says_so_first(cli, northwind: Path) -> None:
    before, after = _made_then_stopped(cli, northwind, "text")
    assert before.startswith(b"Deadlines of the next")
    text = after.decode("utf-8")
    assert text.startswith("The calendar of deadlines could not be made (exit status 2): ")
    assert "resilint.yaml:" in text and "profilez" in text
    assert "Deadlines of the next" not in text


def test_a_calendar_stopped_by_a_defect_is_replaced_too(
    cli, northwind: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _calendar(cli, northwind, "json").exit_code == 0
    import resilint.report.run as run_module

    def broken(*_args: object) -> list[object]:
        raise RuntimeError("a defect")

    monkeypatch.setattr(run_module, "build_deadlines", broken)
    run = _calendar(cli, northwind, "json")
    assert run.exit_code == 4, run.stderr
    stopped = json.loads((northwind / "deadlines.out").read_text("utf-8"))["stopped"]
    assert stopped == {
        "reason": "internal error: RuntimeError: a defect",
        "exit_status": 4,
        "date": datetime.date.today().isoformat(),
    }


def test_no_calendar_is_written_where_none_was(cli, northwind: Path) -> None:
    _break_configuration(northwind)
    assert _calendar(cli, northwind, "ics").exit_code == 2
    assert not (northwind / "deadlines.out").exists()


def test_an_input_file_named_as_the_calendar_is_never_written(cli, northwind: Path) -> None:
    _break_configuration(northwind)
    target = next((northwind / "suppliers").glob("*.yaml"))
    text = target.read_bytes()
    run = cli("calendar", ".", "-f", "ics", "-o", str(target), *AS_OF, cwd=northwind)
    assert run.exit_code == 2
    assert target.read_bytes() == text


def test_a_calendar_on_standard_output_is_unchanged_when_stopped(cli, northwind: Path) -> None:
    _break_configuration(northwind)
    run = cli("calendar", ".", "-f", "json", *AS_OF, cwd=northwind)
    assert run.exit_code == 2
    assert run.stdout == ""  # the status and message say it; nothing to replace


# --- a pyproject.toml's table however TOML spells it --------------------------------------------

BAD = "apiVersion: resilint/v1\nkind: Supplier\nid: zzbad\nname: Bad\ntier: 9\n"
RLO = "\u202e"
CSI = "\u009b"

SPELT = [
    # (pyproject.toml, where the error is, what it says)
    ('[project]\nfail_on = "never"\n\n[ tool.resilint ]\nfail_on = "nevr"\n', "5:11: ", "'nevr'"),
    ('tool.resilint.fail_on = "nevr"\n[project]\nname = "x"\n', "1:25: ", "'nevr'"),
    (
        f'[project]\nname = "x"\n[ tool . "resilint" ]\nexclude = ["a{RLO}b"]\n',
        "4:14: ENC-03 ",
        "U+202E",
    ),
    (
        f'[project]\nname = "x"\n[ tool.resilint ]  # x{RLO}y\nfail_on = "error"\n',
        "3:23: ENC-03 ",
        "U+202E",
    ),
    (f'[tool]\nresilint.fail_on = "error"  # {RLO}\n', "2:31: ENC-03 ", "U+202E"),
    ("[tool.resilint]\nexclude = [\n  'a',\n  'b\u200b',\n]\n", "4:5: ENC-03 ", "U+200B"),
    (f'[tool.resilint]\nfail_on = "error"  # a{CSI}31mb\n', "2:23: ENC-02 ", "U+009B"),
    (f'[ tool.resilint ]\nexclude = ["a{CSI}31mb"]\n', "2:14: ENC-02 ", "U+009B"),
    ('\ufeff[tool.resilint]\nfail_on = "error"\n', "1:1: ", "byte order mark"),
    # a header inside a multi-line string is text: resilint's table goes on after it
    (f'[tool.resilint]\nx = """\n[tool.other]\n"""\n# {RLO} hidden\n', "5:3: ENC-03 ", "U+202E"),
    # U+0085 (NEL), allowed in another table's comment, is no line break to TOML
    (
        f'[project]  # a\u0085b\n[tool.resilint]  # {RLO}\nfail_on = "error"\n',
        "2:20: ENC-03 ",
        "U+202E",
    ),
]


@pytest.mark.parametrize(("text", "place", "said"), SPELT)
def test_resilint_s_table_is_read_however_toml_spells_it(
    cli, write, tmp_path: Path, text: str, place: str, said: str
) -> None:
    write("pyproject.toml", text)
    write("zz.yaml", BAD)
    result = cli("check", "--no-cache")
    assert result.exit_code == 2, result.stdout + result.stderr
    assert f"pyproject.toml:{place}" in result.stderr
    assert said in result.stderr
    assert "Checked" not in result.stdout


def test_another_tool_s_table_may_hold_what_resilint_s_may_not(cli, write) -> None:
    write(
        "pyproject.toml",
        f'[project]\nname = "x{CSI}"  # {RLO}\n[ tool.resilint ]\nfail_on = "never"\n'
        f'[tool.other]\nnote = \'{RLO}\'\nmore = """\n[tool.resilint]\n"""  # {RLO}\n',
    )
    write("zz.yaml", BAD)
    result = cli("check", "--no-cache")
    assert result.exit_code == 0, result.stdout + result.stderr  # fail_on: never was read


# --- amounts in currencies of small units -------------------------------------------------------


def _in_rupiah(tmp_path: Path) -> Path:
    """Havel Bank with every amount in rupiah, the bank's total assets as a large Indonesian
    bank's: IDR 1,965,007,030 million (some 2 x 10^15)."""
    repo = copy_example("havelbank", tmp_path)
    for path in repo.rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        if re.search(r"\bEUR\b", text):  # a currency, never part of an LEI
            path.write_text(re.sub(r"\bEUR\b", "IDR", text), encoding="utf-8")
    entities = repo / "entities.yaml"
    text = entities.read_text(encoding="utf-8")
    assert "amount: 4200000000," in text
    entities.write_text(text.replace("amount: 4200000000,", "amount: 1965007030000000,"), "utf-8")
    return repo


def test_a_bank_s_total_assets_in_rupiah_are_filed_whole(cli, tmp_path: Path) -> None:
    repo = _in_rupiah(tmp_path)
    run = cli("check", ".", "--no-cache", cwd=repo)
    assert run.exit_code == 0, run.stdout + run.stderr
    export = cli("register", "export", "--format", "csv", "-o", "out", cwd=repo)
    assert export.exit_code == 0, export.stdout + export.stderr
    assert ",IDR,1965007030000000\n" in (repo / "out" / "b_01.02.csv").read_text()


@pytest.mark.parametrize(
    ("amount", "multiple"),
    [("1965007030000001", 10), ("19650070300000001", 100), ("196500703000000001", 1000)],
)
def test_a_large_amount_with_more_than_fifteen_digits_is_refused(
    cli, tmp_path: Path, amount: str, multiple: int
) -> None:
    repo = _in_rupiah(tmp_path)
    entities = repo / "entities.yaml"
    text = entities.read_text(encoding="utf-8")
    entities.write_text(text.replace("1965007030000000", amount), "utf-8")
    run = cli("check", ".", "--no-cache", cwd=repo)
    assert run.exit_code == 1, run.stdout + run.stderr
    assert (
        f"SCH-01 error entity hb-bank: total_assets.amount must be rounded to a multiple of "
        f"{multiple}, got the number {amount}: a sum this large keeps at most 15 significant "
        "digits" in run.stdout
    )


def test_a_large_amount_written_with_an_exponent_is_asked_in_digits(cli, tmp_path: Path) -> None:
    """9.99999999999999e17 has 15 significant digits, but YAML reads it as the binary number
    999999999999998976: the message gives the digits to write, which are then accepted."""
    repo = _in_rupiah(tmp_path)
    entities = repo / "entities.yaml"
    text = entities.read_text(encoding="utf-8")
    entities.write_text(text.replace("1965007030000000", "9.99999999999999e17"), "utf-8")
    run = cli("check", ".", "--no-cache", cwd=repo)
    assert run.exit_code == 1, run.stdout + run.stderr
    assert (
        "total_assets.amount must be written in digits, got the number 9.99999999999999e+17: "
        "with an exponent it is read as 999999999999998976, which is no multiple of 1000; "
        "write 999999999999999000" in run.stdout
    )
    entities.write_text(text.replace("1965007030000000", "999999999999999000"), "utf-8")
    assert cli("check", ".", "--no-cache", cwd=repo).exit_code == 0
    export = cli("register", "export", "--format", "csv", "-o", "out", cwd=repo)
    assert export.exit_code == 0, export.stdout + export.stderr
    assert ",IDR,999999999999999000\n" in (repo / "out" / "b_01.02.csv").read_text()


def test_impact_shows_a_large_amount_as_written(cli, tmp_path: Path) -> None:
    repo = copy_example("northwind", tmp_path)
    policy = repo / "insurance" / "cyber-primary-2026.yaml"
    text = policy.read_text(encoding="utf-8")
    assert "sublimit: 10000000," in text
    policy.write_text(text.replace("sublimit: 10000000,", "sublimit: 999999999999999000,"))
    run = cli("impact", "--supplier", "nimbara-cloud", *AS_OF, cwd=repo)
    assert run.exit_code == 0, run.stderr
    assert "sublimit EUR 999,999,999,999,999,000," in run.stdout
    assert "976" not in run.stdout  # never the binary float's digits


# --- side inputs through links ------------------------------------------------------------------


def test_an_earlier_report_through_a_link_is_refused_in_words(cli, northwind: Path) -> None:
    (northwind / "earlier.html").symlink_to("/etc/passwd")
    run = cli("report", ".", "-o", "r.html", "--previous", "earlier.html", *AS_OF, cwd=northwind)
    assert run.exit_code == 2
    assert "resilint never reads an earlier report through a link" in run.stderr
    assert not (northwind / "r.html").exists()


# --- the cache's secret where others can reach it -----------------------------------------------


def _secret_at(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "shared-cache"
    home.mkdir()
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    return home / "resilint"


@pytest.mark.parametrize(
    ("which", "mode", "said"),
    [
        ("directory", 0o777, "the directory of the cache's secret, {d}, is open to other users"),
        ("directory", 0o720, "the directory of the cache's secret, {d}, is open to other users"),
        ("secret", 0o644, "the secret, {d}/cache-secret, is open to other users (mode 644)"),
        ("secret", 0o640, "the secret, {d}/cache-secret, is open to other users (mode 640)"),
    ],
)
def test_a_cache_secret_others_can_reach_turns_the_cache_off(
    cli, northwind: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, which, mode, said
) -> None:
    """An XDG_CACHE_HOME in a shared /tmp, or made 0777 by an image's build: another user could
    plant a secret they know and sign a cache that hides findings."""
    directory = _secret_at(tmp_path, monkeypatch)
    first = cli("check", ".", *AS_OF, cwd=northwind)
    assert first.exit_code == 0 and (directory / "cache-secret").is_file()
    (directory if which == "directory" else directory / "cache-secret").chmod(mode)
    run = cli("check", ".", *AS_OF, cwd=northwind)
    assert run.exit_code == 0, run.stderr
    assert "the cache is off for this run: " + said.format(d=directory) in run.stderr


def test_a_cache_secret_of_another_user_turns_the_cache_off(
    cli, northwind: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    directory = _secret_at(tmp_path, monkeypatch)
    assert cli("check", ".", *AS_OF, cwd=northwind).exit_code == 0
    import os

    real_uid = os.getuid()
    monkeypatch.setattr(os, "getuid", lambda: real_uid + 1)  # the files are now another's
    run = cli("check", ".", *AS_OF, cwd=northwind)
    assert run.exit_code == 0, run.stderr
    assert f"the directory of the cache's secret, {directory}, belongs to another user" in (
        run.stderr
    )


def test_a_cache_secret_of_one_s_own_is_used_silently(
    cli, northwind: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    directory = _secret_at(tmp_path, monkeypatch)
    assert cli("check", ".", *AS_OF, cwd=northwind).exit_code == 0
    directory.chmod(0o755)  # readable by others: the secret itself is 0600
    run = cli("check", ".", *AS_OF, cwd=northwind)
    assert run.exit_code == 0 and "cache is off" not in run.stderr
    assert (directory / "cache-secret").stat().st_mode & 0o077 == 0


# --- a waiver written already expired -----------------------------------------------------------

WAIVE = ("waive", "CTR-03", "--target", "albis-telecom", "--owner", "ciso", "--approver", "cfo")


@pytest.mark.parametrize(
    ("approved", "until"), [("2026-01-01", "2026-11-25"), ("0001-01-01", "0001-06-01")]
)
def test_a_waiver_that_has_expired_is_not_written(
    cli, northwind: Path, approved: str, until: str
) -> None:
    """northwind judges as of 2026-11-26 (as_of): a waiver ending before is one EXC-01 reports
    expired, suppressing nothing; writing it and saying "wrote" misled whoever asked."""
    before = sorted(p.name for p in (northwind / "waivers").iterdir())
    run = cli(*WAIVE, "--reason", "r", "--approved-on", approved, "--until", until, cwd=northwind)
    assert run.exit_code == 2
    assert f"--until {until} has passed (as of 2026-11-26): a waiver that has expired" in (
        run.stderr
    )
    assert sorted(p.name for p in (northwind / "waivers").iterdir()) == before


def test_a_waiver_ending_on_the_day_checked_is_written_and_counts(cli, northwind: Path) -> None:
    args = ("--reason", "r", "--approved-on", "2026-01-01", "--until", "2026-11-26")
    run = cli(*WAIVE, *args, cwd=northwind)
    assert run.exit_code == 0, run.stderr
    check = cli("check", ".", "--no-cache", cwd=northwind)
    assert "expired on 2026-11-26" not in check.stdout


# --- a register workbook not made ---------------------------------------------------------------


def _sheets(path: Path) -> dict[str, list[tuple[object, ...]]]:
    import openpyxl

    book = openpyxl.load_workbook(path)
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets}


def _havelbank_workbook(cli, tmp_path: Path) -> Path:
    repo = copy_example("havelbank", tmp_path)
    run = cli("register", "export", "--format", "xlsx", "-o", "register.xlsx", cwd=repo)
    assert run.exit_code == 0, run.stderr
    assert "B_01.01" in _sheets(repo / "register.xlsx")
    return repo


def test_a_register_workbook_not_ready_replaces_the_earlier_one(cli, tmp_path: Path) -> None:
    repo = _havelbank_workbook(cli, tmp_path)
    supplier = next((repo / "suppliers").glob("*.yaml"))
    text = supplier.read_text(encoding="utf-8")
    supplier.write_text(re.sub(r"(?m)^tier: \d", "tier: 9", text), encoding="utf-8")
    run = cli("register", "export", "--format", "xlsx", "-o", "register.xlsx", cwd=repo)
    assert run.exit_code == 1, run.stderr
    sheets = _sheets(repo / "register.xlsx")
    assert list(sheets) == ["NOT MADE"]  # none of the earlier register's templates
    said = " ".join(str(row[0]) for row in sheets["NOT MADE"])
    assert "The register of information could not be made" in said
    assert "resilint wrote no register (exit status 1): the register as of 2026-12-31" in said
    assert "is not ready to file" in said


def test_a_register_workbook_stopped_replaces_the_earlier_one(cli, tmp_path: Path) -> None:
    repo = _havelbank_workbook(cli, tmp_path)
    _break_configuration(repo)
    run = cli("register", "export", "--format", "xlsx", "-o", "register.xlsx", cwd=repo)
    assert run.exit_code == 2, run.stderr
    said = " ".join(str(row[0]) for row in _sheets(repo / "register.xlsx")["NOT MADE"])
    assert "(exit status 2): resilint.yaml:" in said and "profilez" in said


def test_no_register_workbook_is_written_where_none_was(cli, tmp_path: Path) -> None:
    repo = copy_example("havelbank", tmp_path)
    _break_configuration(repo)
    run = cli("register", "export", "--format", "xlsx", "-o", "register.xlsx", cwd=repo)
    assert run.exit_code == 2
    assert not (repo / "register.xlsx").exists()


# --- an output over the baseline ----------------------------------------------------------------


def _baselined(cli, repo: Path, name: str) -> bytes:
    run = cli("baseline", ".", "-o", name, *AS_OF, cwd=repo)
    assert run.exit_code == 0, run.stderr
    return (repo / name).read_bytes()


@pytest.mark.parametrize(
    "command",
    [
        ("check", ".", "--no-cache", "--baseline", "b.json", "--output-format", "json=b.json"),
        ("check", ".", "--no-cache", "--baseline", "b.json", "-o", "json=sub/../b.json"),
        ("report", ".", "--baseline", "b.json", "-o", "b.json"),
    ],
)
def test_no_output_replaces_the_baseline_the_run_reads(
    cli, northwind: Path, command: tuple[str, ...]
) -> None:
    """check --baseline b.json -o json=b.json: check's JSON is read as a baseline, so each run
    made its findings the next run's baseline, and from the second run on none was reported."""
    before = _baselined(cli, northwind, "b.json")
    run = cli(*command, *AS_OF, cwd=northwind)
    assert run.exit_code == 2, run.stdout + run.stderr
    assert "this run reads it as the baseline; writing its output there would replace it" in (
        run.stderr
    )
    assert (northwind / "b.json").read_bytes() == before


def test_no_output_is_named_as_the_baseline(cli, northwind: Path) -> None:
    before = _baselined(cli, northwind, ".resilint-baseline.json")
    for command in (
        ("calendar", ".", "-f", "json", "-o", ".resilint-baseline.json"),
        ("check", ".", "--no-cache", "-o", "json=.resilint-baseline.json"),
    ):
        run = cli(*command, *AS_OF, cwd=northwind)
        assert run.exit_code == 2, run.stdout + run.stderr
        assert "the name of the baseline `resilint baseline` writes" in run.stderr
    assert (northwind / ".resilint-baseline.json").read_bytes() == before
    again = cli("baseline", ".", *AS_OF, cwd=northwind)  # rewriting it stays the baseline's
    assert again.exit_code == 0, again.stderr


def test_a_report_still_replaces_the_earlier_one_it_compares_with(cli, northwind: Path) -> None:
    first = cli("report", ".", "-o", "report.html", *AS_OF, cwd=northwind)
    assert first.exit_code == 0, first.stderr
    again = cli(
        "report", ".", "--previous", "report.html", "-o", "report.html", *AS_OF, cwd=northwind
    )
    assert again.exit_code == 0, again.stderr
    assert "wrote report.html" in again.stderr
