"""Hostile input, fourteenth round: work that grew with the square of a file's width (thousands
of suppression comments, unknown fields, services, plans, contracts or providers in a file of
a few hundred kilobytes ran for minutes), a workbook that unpacked into billions of cells, an
int where a float was expected, an output encoding that cannot hold the report, and a rule in
a misspelt profile that never ran."""

from __future__ import annotations

import cProfile
import io
import os
import pstats
import re
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

SUPPLIER = "apiVersion: resilint/v1\nkind: Supplier\nid: s\nname: S\ntier: 3\n"
LINEAR = 2.6
"""How much more work twice the input may cost: in proportion, 2 (and a little for what grows
as n log n); work that grows with the square, 4. Work is counted, not timed: the function calls
a command makes (Python's and built-in ones, cProfile's count), the same on any machine."""


def _calls(cli, *args: str):
    """The command's result, and how many function calls it made (in this process: run it with
    ``--jobs 1``)."""
    profile = cProfile.Profile()
    profile.enable()
    try:
        result = cli(*args)
    finally:
        profile.disable()
    return result, sum(stat[1] for stat in pstats.Stats(profile).stats.values())  # type: ignore[attr-defined]


def _in_proportion(cli, write: Callable[[int], None], n: int, *args: str) -> list:
    """The results of the command on the input ``write`` makes of size n and 2n, after
    asserting that the larger cost at most :data:`LINEAR` times the smaller's calls."""
    results, counts = [], []
    for size in (n, 2 * n):
        write(size)
        result, calls = _calls(cli, *args, "--jobs", "1")
        results.append(result)
        counts.append(calls)
    assert counts[1] <= LINEAR * counts[0], counts
    return results


def test_suppression_comments_alone_on_their_lines_cost_in_proportion(cli, write):
    write("resilint.yaml", "as_of: 2026-06-01\n")

    def comments(n: int) -> None:
        write("s.yaml", SUPPLIER + '# resilint: ignore[SUP-01] reason="x"\n' * n)

    _, result = _in_proportion(cli, comments, 2_000, "check", "--no-cache", "--format", "json")
    assert result.exit_code == 0
    assert result.codes().count("IGN-03") == 4_000


def test_thousands_of_unknown_fields_are_each_placed_at_once(cli, write):
    write("resilint.yaml", "as_of: 2026-06-01\n")

    def fields(n: int) -> None:
        write("s.yaml", SUPPLIER + "".join(f"k{i}: 1\n" for i in range(n)))

    _, result = _in_proportion(cli, fields, 1_000, "check", "--no-cache", "--format", "json")
    assert result.exit_code == 1
    found = [f for f in result.json()["findings"] if f["code"] == "SCH-01"]
    assert len(found) == 2_000
    assert {(f["line"], f["message"].rsplit(" ", 1)[-1]) for f in found[:3]} == {
        (6, "'k0'"),
        (7, "'k1'"),
        (8, "'k2'"),
    }


def test_a_field_in_a_wide_mapping_is_still_moved_where_the_schema_expects_it(cli, write):
    write("resilint.yaml", "as_of: 2026-06-01\n")
    contacts = "contacts:\n  security_24x7: {email: a@b.c}\n"
    write("s.yaml", SUPPLIER + contacts + "escalation: [x]\n")
    fixes = cli("check", "--no-cache", "--format", "json").json()["findings"]
    moved = [f for f in fixes if f["code"] == "SCH-01" and f.get("fix")]
    assert moved and "move 'escalation'" in moved[0]["fix"]["title"]


def _programme(path: Path, text: str) -> None:
    (path / "resilint.yaml").write_text("as_of: 2026-06-01\n")
    (path / "p.yaml").write_text(text)


H = "---\napiVersion: resilint/v1\n"


@pytest.mark.parametrize(
    "case",
    [
        "services of one supplier, each named by one function",
        "contracts of one supplier, each under the one before",
        "tier-1 suppliers no function reaches and providers that are no supplier",
        "suppliers and regions of one function",
    ],
)
def test_thousands_of_documents_or_entries_around_one_cost_in_proportion(cli, tmp_path, case):
    def programme(n: int) -> None:
        _programme(tmp_path, _text(case, n))

    _in_proportion(cli, programme, 300, "check", "--no-cache")
    if case.startswith(("tier-1", "suppliers")):
        _in_proportion(cli, programme, 300, "impact", "--all-critical")


def _text(case: str, n: int) -> str:
    if case.startswith("services"):
        text = H + "kind: Supplier\nid: s\nname: S\ntier: 1\nservices:\n"
        text += "".join(f"  - {{id: sv{i}, name: Sv{i}}}\n" for i in range(n))
        text += H + "kind: BusinessFunction\nid: f\nname: F\ncriticality: critical\n"
        text += "rto_hours: 4\ndepends_on:\n  services:\n"
        text += "".join(f"    - {{supplier: s, service: Sv{i}}}\n" for i in range(n))
    elif case.startswith("contracts"):
        text = H + "kind: Supplier\nid: s\nname: S\ntier: 3\n" + H + "kind: Contract\nid: c0\n"
        text += "supplier: s\n" + "".join(
            H + f"kind: Contract\nid: c{i}\nsupplier: s\noverarching_contract: c{i - 1}\n"
            for i in range(1, n)
        )
    elif case.startswith("tier-1"):
        text = "".join(
            H + f"kind: Supplier\nid: supplier-{i}\nname: Supplier {i}\ntier: 1\n" for i in range(n)
        )
        text += H + "kind: BusinessFunction\nid: fn\nname: F\ncriticality: critical\nrto_hours: 4\n"
        text += "depends_on:\n  cloud: ["
        text += ", ".join(f"{{provider: cloudco-{i}, region: r{i}}}" for i in range(n)) + "]\n"
    else:
        text = "".join(H + f"kind: Supplier\nid: s{i}\nname: S{i}\ntier: 1\n" for i in range(n))
        text += H + "kind: BusinessFunction\nid: fn\nname: F\ncriticality: critical\nrto_hours: 4\n"
        text += "depends_on:\n  suppliers: [" + ", ".join(f"s{i}" for i in range(n)) + "]\n"
        text += "  cloud: [" + ", ".join(f"{{provider: aws, region: r{i}}}" for i in range(n))
        text += "]\n"
    return text


def test_a_provider_spelt_like_a_supplier_is_still_named(cli, write):
    write("resilint.yaml", "as_of: 2026-06-01\n")
    write(
        "p.yaml",
        H
        + "kind: Supplier\nid: keyward-id\nname: Keyward Identity SE\ntier: 1\n"
        + H
        + "kind: Supplier\nid: cloudnine\nname: Cloud Nine GmbH\ntier: 1\n"
        + H
        + "kind: BusinessFunction\nid: fn\nname: F\ncriticality: critical\nrto_hours: 4\n"
        "depends_on:\n  identity_providers: [keyward]\n"
        "  cloud: [{provider: cloudnien, region: eu}]\n",
    )
    out = cli("check", "--no-cache").stdout
    assert "names identity provider 'keyward'" in out
    assert "names cloud provider 'cloudnien'" in out


def _workbook(rows: bytes, dimension: bytes) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "B_05.01"
    sheet.append(["c0010", "c0020", "c0050"])
    sheet.append(["529900T8BM49AURSDO55", "LEI", "Acme"])
    made = io.BytesIO()
    book.save(made)
    source = zipfile.ZipFile(io.BytesIO(made.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = re.sub(rb'<dimension ref="[^"]*" ?/>', dimension, data)
                data = data.replace(b"</sheetData>", rows + b"</sheetData>")
            target.writestr(item, data)
    return out.getvalue()


@pytest.mark.parametrize(
    ("rows", "dimension"),
    [
        (
            b'<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row>',
            b'<dimension ref="A1:XFD1048576"/>',
        ),
        (
            b"".join(
                b'<row r="%d"><c r="XFD%d" t="inlineStr"><is><t>x</t></is></c></row>' % (i, i)
                for i in range(3, 20_003)
            ),
            b"",
        ),
    ],
    ids=["a declared size of A1:XFD1048576", "a cell in column XFD on every row"],
)
def test_a_workbook_read_as_billions_of_cells_is_refused(cli, write, rows, dimension):
    write("register.xlsx", _workbook(rows, dimension))
    result = cli("register", "import", "register.xlsx", "-o", "out")
    assert result.exit_code == 2
    assert "not imported" in result.stderr


def test_an_outage_of_zero_hours_is_answered(cli, tmp_path):
    from tests.conftest import copy_example

    repo = copy_example("northwind", tmp_path)
    for form in ("text", "markdown", "json"):
        result = cli("impact", "--supplier", "transvia-edi", "--hours", "0", "-f", form, cwd=repo)
        assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize("form", ["text", "junit", "github", "markdown", "json"])
@pytest.mark.parametrize("encoding", ["ascii", "cp1252"])
def test_an_output_encoding_that_cannot_hold_the_report_gets_escapes(tmp_path, form, encoding):
    (tmp_path / "c.yaml").write_text(
        "apiVersion: resilint/v1\nkind: Contract\nid: ctr-a\nsupplier: acme-zürich😀\n",
        encoding="utf-8",
    )
    env = {**os.environ, "PYTHONIOENCODING": encoding, "RESILINT_NO_SERVER": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "resilint", "check", "--no-cache", "-f", form],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert b"internal error" not in done.stderr
    assert b"acme-z" in done.stdout


def test_a_rule_in_a_misspelt_profile_is_refused_at_its_line(cli, write):
    write("resilint.yaml", "rule_dirs: [policies]\n")
    from test_config import USER_RULE

    write("policies/r.yaml", USER_RULE.replace("profiles: [acme]", "profiles: [basline]"))
    write("s.yaml", SUPPLIER)
    result = cli("check", "--no-cache")
    assert result.exit_code == 2
    assert "r.yaml:5:16" in result.stderr
    assert "did you mean 'baseline'" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("impact", "--supplier"),
        ("card",),
        ("explain",),
    ],
)
def test_a_value_of_any_length_on_the_command_line_is_not_echoed_whole(cli, tmp_path, args):
    """An unknown id of 100,000 letters is refused with a message of a few kilobytes, saying it
    was cut, not one of 100 kB."""
    from tests.conftest import copy_example

    repo = copy_example("northwind", tmp_path)
    result = cli(*args, "x" * 100_000, cwd=repo)
    assert result.exit_code == 2, result.stderr[:300]
    assert len(result.stderr) < 5_000
    assert "cut:" in result.stderr


def test_a_rule_in_a_profile_of_its_own_that_nothing_selects_is_told(cli, write):
    """A rule only in a profile of its own runs only where select names it: left unselected it
    would be written, listed and tested and never run, with nothing said. A note says so; once
    select names it, the note goes and the rule runs."""
    from test_config import TIER1, USER_RULE

    write("resilint.yaml", "profiles: [baseline]\nrule_dirs: [policies]\n")
    write("policies/owner.yaml", USER_RULE)
    write("a.yaml", TIER1)
    quiet = cli("check", "--no-cache")
    assert "ACME-01 (" in quiet.stderr and "never run" in quiet.stderr
    assert "profiles of their own (acme)" in quiet.stderr
    assert "ACME-01" not in quiet.stdout
    # a run that asks for exactly some rules asked for the others not to run
    assert "never run" not in cli("check", "--no-cache", "--select", "SUP").stderr
    write("resilint.yaml", "profiles: [baseline]\nrule_dirs: [policies]\nselect: [ACME]\n")
    named = cli("check", "--no-cache")
    assert "never run" not in named.stderr
    assert "ACME-01 error supplier acme has no owner" in named.stdout
