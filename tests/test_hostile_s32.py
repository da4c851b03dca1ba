"""Hostile round 32: a gate fails closed, and says where.

- ``--as-of " 2026-01-01"`` (a date with a space or a line break around it) was taken.
- ``resilint waive --field ']]]'`` wrote a waiver narrowed to a field no finding can be at.
- ``register import`` ended with status 0 while rows were left out of what it wrote.
- A configuration value of the wrong type that is a list or a mapping (``rules: [X]``) was
  reported at its key, where a number or a word is reported at the value.
- The configuration could set a rule of one's own's count of days to ``0.5`` where the
  parameter's name does not end in ``_days``.
- A path named ``suppliers/../contracts/x.yaml`` was shown so in every message.
- The writers: ``waive`` wrote an approval dated after the configuration's ``as_of`` (EXC-01
  then refused the waiver); ``rename`` of an id taken through a merge key said the file had
  changed, and a rename that could not write one file left the others renamed;
  ``register import`` left half an import where ``suppliers/`` was a link; ``new --set
  tier=010`` wrote 10; ``waive``, ``new`` and ``register import`` lost a space where
  ruamel.yaml folded a long line between two; ``waive --file`` into a file holding a YAML
  error said appending would change its documents.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import copy_example

AS_OF = ("--as-of", "2026-11-26")


@pytest.fixture
def northwind(tmp_path: Path) -> Path:
    return copy_example("northwind", tmp_path)


@pytest.mark.parametrize("written", [" 2026-01-01", "2026-01-01 ", "2026-01-01\n", "\t2026-01-01"])
@pytest.mark.parametrize("command", ["check", "calendar", "report"])
def test_a_date_option_with_a_space_around_it_is_refused(
    cli, northwind: Path, written: str, command: str
) -> None:
    run = cli(command, "--as-of", written, cwd=northwind)
    assert run.exit_code == 2
    assert "is not a date: write YYYY-MM-DD with nothing around it" in run.stderr
    assert "Traceback" not in run.stderr


def test_a_date_option_written_exactly_is_taken(cli, northwind: Path) -> None:
    run = cli("check", "--as-of", "2026-11-26", "--no-cache", cwd=northwind)
    assert run.exit_code == 0, run.stdout + run.stderr


OWN_RULE = """\
rules:
  - code: ACME-01
    name: recent-assessment
    level: error
    profiles: [baseline]
    title: Suppliers assessed recently
    rationale: An assessment older than the window says little of the supplier today.
    references: ["Acme third-party policy 4.2"]
    remediation: Assess the supplier again.
    params: {window: 365}
    select: Supplier
    require:
      - that: {field: supplier.last_assessment.date, within_days: {param: window}}
        message: "supplier {supplier.id} was not assessed within {param.window} days"
    examples:
      pass: |
        apiVersion: resilint/v1
        kind: Supplier
        id: acme
        tier: 1
        last_assessment: {date: 2026-11-01, type: questionnaire, outcome: satisfactory}
      fail: |
        apiVersion: resilint/v1
        kind: Supplier
        id: acme
        tier: 1
        last_assessment: {date: 2020-11-01, type: questionnaire, outcome: satisfactory}
      expect:
        - {id: acme, line: 5}
"""


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("0.5", "reads it as a count of days, a whole number of 0 or more (90), and 0.5 is none"),
        ("364.5", "364.5 is none"),
        ("-3", "must not be negative"),
    ],
)
def test_a_day_count_of_a_rule_of_ones_own_is_whole_in_the_configuration(
    cli, northwind: Path, value: str, said: str
) -> None:
    (northwind / "policies").mkdir()
    (northwind / "policies" / "acme.yaml").write_text(OWN_RULE, "utf-8")
    config = northwind / "resilint.yaml"
    config.write_text(
        config.read_text("utf-8")
        + f"rule_dirs: [policies]\nrules:\n  ACME-01:\n    params:\n      window: {value}\n",
        "utf-8",
    )
    run = cli("check", "--no-cache", cwd=northwind)
    assert run.exit_code == 2, run.stdout
    assert "resilint.yaml:10:15: invalid configuration: rules.ACME-01.params.window" in run.stderr
    assert said in run.stderr


def test_a_whole_day_count_of_a_rule_of_ones_own_is_taken(cli, northwind: Path) -> None:
    (northwind / "policies").mkdir()
    (northwind / "policies" / "acme.yaml").write_text(OWN_RULE, "utf-8")
    config = northwind / "resilint.yaml"
    config.write_text(
        config.read_text("utf-8")
        + "rule_dirs: [policies]\nrules:\n  ACME-01:\n    params:\n      window: 200\n",
        "utf-8",
    )
    run = cli("check", "--no-cache", "-f", "json", cwd=northwind)
    assert run.exit_code == 1
    found = [f for f in run.json()["findings"] if f["code"] == "ACME-01"]
    assert found and all("within 200 days" in f["message"] for f in found)


@pytest.mark.parametrize(
    ("setting", "place", "said"),
    [
        ("rules: [X]\n", "3:8", "rules: must be a mapping of fields, got a list"),
        ("rules:\n  - X\n", "4:3", "rules: must be a mapping of fields, got a list"),
        ("profiles: {a: 1}\n", "3:11", "profiles: must be a list, got a mapping"),
        ("profiles:\n  a: 1\n", "4:3", "profiles: must be a list, got a mapping"),
        ("fail_on:\n  - error\n", "4:3", "fail_on: must be one of"),
        ("rules:\n  CTR-01:\n    level: [5]\n", "5:12", "rules.CTR-01.level"),
        (
            "rules:\n  CTR-03:\n    params:\n      max_window_hours: [1]\n",
            "6:25",
            "must be a mapping, got a list",
        ),
        # an unknown name stays at its key
        ("rules:\n  CTR-99: {level: error}\n", "4:3", "no rule or check named 'CTR-99'"),
        ("fail_on: 3\n", "3:10", "got the number 3"),
    ],
)
def test_a_configuration_value_of_the_wrong_type_is_shown_where_it_starts(
    cli, tmp_path: Path, setting: str, place: str, said: str
) -> None:
    (tmp_path / "s.yaml").write_text(
        "apiVersion: resilint/v1\nkind: Supplier\nid: acme\ntier: 3\n", "utf-8"
    )
    (tmp_path / "resilint.yaml").write_text("# settings\nas_of: 2026-11-26\n" + setting, "utf-8")
    run = cli("check", "--no-cache", "s.yaml")
    assert run.exit_code == 2
    assert f"resilint.yaml:{place}: invalid configuration: " in run.stderr, run.stderr
    assert said in run.stderr


BROKEN_CONTRACT = "apiVersion: resilint/v1\nkind: Contract\nid: zz\nsupplier: nope\n"


@pytest.mark.parametrize(
    ("cwd", "named", "shown"),
    [
        (".", "suppliers/../contracts/zz.yaml", "contracts/zz.yaml"),
        ("suppliers", "../suppliers/../contracts/zz.yaml", "../contracts/zz.yaml"),
        ("suppliers", "../suppliers/..", "../contracts/zz.yaml"),
        (".", "./contracts/../contracts/./zz.yaml", "contracts/zz.yaml"),
    ],
)
def test_a_path_named_through_dot_dot_is_shown_normalised(
    cli, northwind: Path, cwd: str, named: str, shown: str
) -> None:
    (northwind / "contracts" / "zz.yaml").write_text(BROKEN_CONTRACT, "utf-8")
    run = cli("check", named, "--no-cache", "-f", "json", *AS_OF, cwd=northwind / cwd)
    assert run.exit_code == 1
    paths = {f["path"] for f in run.json()["findings"] if f["code"] == "REF-01"}
    assert paths == {shown}
    text = cli("check", named, "--no-cache", *AS_OF, cwd=northwind / cwd)
    assert f"{shown}:4:11: REF-01" in text.stdout
    assert "/../" not in text.stdout.replace(f"{shown}", "")


def test_dot_dot_after_a_link_keeps_the_path_and_the_refusal(
    cli, northwind: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    (outside / "sub").mkdir(parents=True)
    (outside / "contracts").mkdir()
    (outside / "contracts" / "zz.yaml").write_text(BROKEN_CONTRACT, "utf-8")
    (northwind / "contracts" / "zz.yaml").write_text(BROKEN_CONTRACT, "utf-8")
    (northwind / "lnk").symlink_to(outside / "sub")
    run = cli("check", "lnk/../contracts/zz.yaml", "--no-cache", *AS_OF, cwd=northwind)
    assert run.exit_code != 0
    # the file read is the one outside, through the link: refused, never the one inside
    assert "lnk/../contracts/zz.yaml:1:1: FILE-03" in run.stdout
    assert "REF-01" not in run.stdout


def test_a_configuration_named_through_dot_dot_is_shown_normalised(cli, northwind: Path) -> None:
    (northwind / "resilint.yaml").write_text("fail_on: 3\n", "utf-8")
    run = cli("check", "-c", "suppliers/../resilint.yaml", ".", cwd=northwind)
    assert run.exit_code == 2
    assert run.stderr.startswith("resilint: resilint.yaml:1:10: invalid configuration")


WAIVE = (
    "waive", "CON-04", "--target", "corvane-erp", "--reason", "accepted", "--owner", "coo",
    "--approver", "ciso", "--approved-on", "2026-11-20", "--until", "2026-12-20",
)  # fmt: skip


@pytest.mark.parametrize(
    ("field", "said"),
    [
        ("]]]", "is no field of Supplier corvane-erp nor one its schema defines"),
        ("a..b", "is no field of Supplier corvane-erp"),
        (".tier", "is no field of Supplier corvane-erp"),
        ("services[", "is no field of Supplier corvane-erp"),
        ("services.0", "is no field of Supplier corvane-erp"),
        ("tier.x", "is no field of Supplier corvane-erp"),
        ("$.tier", "is no field of Supplier corvane-erp"),
        ("exit_plan.reference", "(did you mean 'services[0].exit_plan.reference'?)"),
        ("", "is empty"),
        (" ", "is empty"),
        (" tier", "has a space around it"),
    ],
)
def test_waive_refuses_a_field_no_finding_can_be_at(
    cli, northwind: Path, field: str, said: str
) -> None:
    before = sorted(p.name for p in (northwind / "waivers").iterdir())
    run = cli(*WAIVE, "--field", field, cwd=northwind)
    assert run.exit_code == 2
    assert said in run.stderr
    assert "Traceback" not in run.stderr
    assert sorted(p.name for p in (northwind / "waivers").iterdir()) == before


@pytest.mark.parametrize(
    "field",
    [
        "tier",
        "services[0]",
        "services[0].exit_plan.reference",
        "services[9].name",  # a field the schema defines, on an item the supplier may add
        "contacts.security_24x7",
    ],
)
def test_waive_takes_a_field_the_document_holds_or_its_schema_defines(
    cli, northwind: Path, field: str
) -> None:
    run = cli(*WAIVE, "--field", field, cwd=northwind)
    assert run.exit_code == 0, run.stderr
    written = (northwind / "waivers" / "waiver-con04-corvane-erp.yaml").read_text("utf-8")
    assert f"field: {field}\n" in written
    assert cli("check", "--no-cache", cwd=northwind).exit_code == 0


def test_waive_takes_a_clause_id_with_dots_as_one_key(cli, northwind: Path) -> None:
    run = cli(
        "waive", "CTR-08", "--target", "Contract/ctr-albis-telecom-2025", "--reason", "r",
        "--owner", "coo", "--approver", "ciso", "--approved-on", "2026-11-20",
        "--until", "2026-12-20", "--field", "clauses.dora.30.3.e.present", "--diff",
        cwd=northwind,
    )  # fmt: skip
    assert run.exit_code == 0, run.stderr


def test_waive_refuses_an_approval_after_the_day_the_configuration_pins(
    cli, northwind: Path
) -> None:
    args = [a for a in WAIVE if a not in ("--approved-on", "2026-11-20")]
    run = cli(*args, cwd=northwind)  # approved today, after as_of: 2026-11-26
    assert run.exit_code == 2
    assert "is after 2026-11-26, the day resilint.yaml:5 pins (as_of)" in run.stderr
    assert not (northwind / "waivers" / "waiver-con04-corvane-erp.yaml").exists()


def _register_csvs(cli, tmp_path: Path) -> Path:
    out = tmp_path / "csv"
    havelbank = Path(__file__).parent.parent / "examples" / "havelbank"
    assert (
        cli("register", "export", str(havelbank), "--format", "csv", "-o", str(out)).exit_code == 0
    )
    return out


def _edit_csv(path: Path, change) -> None:
    import csv

    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    change(rows)
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)


def test_an_import_that_leaves_rows_out_is_status_1_and_says_so_last(cli, tmp_path: Path) -> None:
    out = _register_csvs(cli, tmp_path)
    whole = cli("register", "import", str(out), "-o", str(tmp_path / "whole"))
    assert whole.exit_code == 0, whole.stdout + whole.stderr  # all of it mapped
    assert "incomplete" not in whole.stderr and "not mapped" not in whole.stdout

    _edit_csv(out / "b_02.02.csv", lambda rows: rows.append(["HB-NO-SUCH", *rows[1][1:]]))
    run = cli("register", "import", str(out), "-o", str(tmp_path / "docs"))
    assert run.exit_code == 1
    assert "not mapped: b_02.02.csv row" in run.stdout
    last = run.stderr.strip().splitlines()[-1]
    assert last.startswith("resilint: the import is incomplete: 1 row or value of the register")
    assert (tmp_path / "docs" / "entities.yaml").exists()  # what could be mapped is written


def test_alternative_providers_of_one_supplier_are_all_kept_as_notes(cli, tmp_path: Path) -> None:
    out = _register_csvs(cli, tmp_path)

    def alternatives(rows: list[list[str]]) -> None:
        rows[1][11] = "Alt One AG"
        rows.append([*rows[1][:3], "S01", *rows[1][4:11], "Alt Two AG"])

    _edit_csv(out / "b_07.01.csv", alternatives)
    run = cli("register", "import", str(out), "-o", str(tmp_path / "docs"))
    assert "noted: b_07.01.csv row 2: the alternative provider Alt One AG" in run.stdout
    written = "".join(p.read_text("utf-8") for p in (tmp_path / "docs").rglob("*.yaml"))
    assert (
        "alternative provider identified: Alt One AG; alternative provider identified: Alt Two AG"
    ) in written  # the second row's no longer replaces the first's
    assert "noted: b_07.01.csv row" in run.stdout and "not mapped" not in run.stdout
    assert run.exit_code == 0, run.stderr


def test_rename_of_a_reference_through_a_merge_key_says_so(cli, tmp_path: Path) -> None:
    text = (
        "apiVersion: resilint/v1\nkind: Supplier\nid: acme\nname: Acme\ntier: 3\n---\n"
        "apiVersion: resilint/v1\nkind: Contract\nid: c1\nsupplier: acme\n---\n"
        "apiVersion: resilint/v1\nkind: Contract\nid: c2\n<<: {supplier: acme}\n"
    )
    (tmp_path / "a.yaml").write_text(text, "utf-8")
    run = cli("rename", "Supplier", "acme", "zenith")
    assert run.exit_code == 2
    assert "a.yaml:12: 'acme' comes from a merge key (<<) at supplier" in run.stderr
    assert "changed since it was read" not in run.stderr
    assert (tmp_path / "a.yaml").read_text("utf-8") == text  # nothing renamed, anywhere


SUPPLIER = "apiVersion: resilint/v1\nkind: Supplier\nid: acme\nname: Acme\ntier: 3\n"
WAIVE_SUP05 = (
    "waive", "SUP-05", "--target", "acme", "--reason", "accepted", "--owner", "coo",
    "--approver", "ciso", "--until", "2027-01-02",
)  # fmt: skip


def test_waive_into_a_file_it_cannot_read_says_where_and_why(cli, tmp_path: Path) -> None:
    (tmp_path / "s.yaml").write_text(SUPPLIER, "utf-8")
    (tmp_path / "w.yaml").write_text("a: [\n", "utf-8")
    run = cli(*WAIVE_SUP05, "--file", "w.yaml")
    assert run.exit_code == 2
    assert run.stderr.startswith("resilint: w.yaml:2:1: YML-01 ")
    assert "fix it first" in run.stderr
    assert (tmp_path / "w.yaml").read_text("utf-8") == "a: [\n"


@pytest.mark.parametrize("link", [False, True])
def test_waive_names_the_file_it_writes_without_dot_dot(cli, tmp_path: Path, link: bool) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "s.yaml").write_text(SUPPLIER, "utf-8")
    if link:  # a link's '..' is not followed out of the repository: w.yaml is written here
        (repo / "sub").symlink_to(tmp_path)
    run = cli(*WAIVE_SUP05, "--file", "sub/../w.yaml", cwd=repo)
    assert run.exit_code == 0, run.stderr
    assert run.stderr.strip().endswith("resilint: wrote w.yaml")
    assert "kind: Waiver" in (repo / "w.yaml").read_text("utf-8")
    assert not (tmp_path / "w.yaml").exists()


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("010", "write it without the leading zero"),
        (" 3", "in the digits 0-9 alone, with nothing around it"),
        ("+3", "in the digits 0-9 alone"),
        ("1_0", "in the digits 0-9 alone"),
        ("\u0663", "in the digits 0-9 alone"),  # an Arabic-Indic three, which int() reads
        ("1e0", "in the digits 0-9 alone"),
    ],
)
def test_new_refuses_a_number_it_would_write_as_another(
    cli, tmp_path: Path, written: str, said: str
) -> None:
    (tmp_path / "s.yaml").write_text(SUPPLIER, "utf-8")
    run = cli("new", "Supplier", "zz", "--set", f"tier={written}")
    assert run.exit_code == 2
    assert "is not a whole number" in run.stderr and said in run.stderr
    assert sorted(p.name for p in tmp_path.rglob("*.yaml")) == ["s.yaml"]


def test_new_writes_a_number_in_plain_digits_as_given(cli, tmp_path: Path) -> None:
    (tmp_path / "s.yaml").write_text(SUPPLIER, "utf-8")
    run = cli("new", "Supplier", "zz", "--set", "tier=2", "--diff")
    assert run.exit_code == 0, run.stderr
    assert "+tier: 2 " in run.stdout


def test_a_rename_that_cannot_write_every_file_puts_back_those_it_wrote(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file changed by someone else between the read and the write is not written; the
    files written before it were left renamed, their references to an id no longer there."""
    from resilint.edit import commands, files

    supplier = "apiVersion: resilint/v1\nkind: Supplier\nid: acme\nname: Acme\ntier: 3\n"
    contract = "apiVersion: resilint/v1\nkind: Contract\nid: c1\nsupplier: acme\n"
    (tmp_path / "a.yaml").write_bytes(b"\xef\xbb\xbf" + supplier.replace("\n", "\r\n").encode())
    (tmp_path / "c.yaml").write_text(contract, "utf-8")
    before = {p.name: p.read_bytes() for p in tmp_path.glob("*.yaml")}

    def refuse_the_contract(file: files.TextFile, text: str) -> None:
        if file.shown.endswith("c.yaml"):
            raise files.EditRefused(f"{file.shown}: changed since resilint read it; not written")
        files.replace(file, text)

    monkeypatch.setattr(commands, "replace", refuse_the_contract)
    run = cli("rename", "Supplier", "acme", "zenith")
    assert run.exit_code == 2
    assert "c.yaml: changed since resilint read it" in run.stderr
    assert "so nothing is renamed: every file written was put back as it was" in run.stderr
    assert {p.name: p.read_bytes() for p in tmp_path.glob("*.yaml")} == before
    assert not list(tmp_path.glob(".resilint-*"))


def test_a_rename_that_writes_every_file_still_renames(cli, tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(SUPPLIER, "utf-8")
    (tmp_path / "c.yaml").write_text(
        "apiVersion: resilint/v1\nkind: Contract\nid: c1\nsupplier: acme\n", "utf-8"
    )
    run = cli("rename", "Supplier", "acme", "zenith")
    assert run.exit_code == 0, run.stderr
    assert "supplier: zenith\n" in (tmp_path / "c.yaml").read_text("utf-8")
    assert "id: zenith\n" in (tmp_path / "a.yaml").read_text("utf-8")


def test_an_import_through_a_link_on_the_way_writes_nothing(cli, tmp_path: Path) -> None:
    out = _register_csvs(cli, tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "suppliers").symlink_to(elsewhere)
    run = cli("register", "import", str(out), "-o", str(tmp_path / "docs"))
    assert run.exit_code == 2
    assert "is a symbolic link; resilint never writes through one" in run.stderr
    assert sorted(p.name for p in (tmp_path / "docs").iterdir()) == ["suppliers"]
    assert not list(elsewhere.iterdir())


def test_an_import_that_cannot_write_one_file_leaves_none(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from resilint.edit import files

    out = _register_csvs(cli, tmp_path)
    real_create = files.create

    def third_fails(path, text: str, boundary: str) -> None:
        if len(list((tmp_path / "docs").rglob("*.yaml"))) == 2:
            raise files.EditRefused(f"{path}: already exists; not overwritten")
        real_create(path, text, boundary)

    monkeypatch.setattr(files, "create", third_fails)
    run = cli("register", "import", str(out), "-o", str(tmp_path / "docs"))
    assert run.exit_code == 2
    assert not list((tmp_path / "docs").rglob("*.yaml"))
    assert not list((tmp_path / "docs").rglob(".resilint-*"))


KEPT_AS_GIVEN = [
    "Accepted  " + "x" * 110 + "  until the renewal",  # two spaces where a long line folds
    "line\u2028separator",  # a line break to YAML 1.1 readers
    "next\x85line",
    "  indented and trailing  ",
]


@pytest.mark.parametrize("reason", KEPT_AS_GIVEN)
def test_waive_writes_the_rationale_exactly_as_given(cli, tmp_path: Path, reason: str) -> None:
    import yaml

    (tmp_path / "s.yaml").write_text(SUPPLIER, "utf-8")
    args = [a if a != "accepted" else reason for a in WAIVE_SUP05]
    run = cli(*args, "--file", "w.yaml")
    assert run.exit_code == 0, run.stderr
    written = (tmp_path / "w.yaml").read_text("utf-8")
    assert yaml.safe_load(written)["rationale"] == reason  # as YAML 1.1 tools read it
    check = cli("check", "--no-cache", "-f", "json", "w.yaml", "s.yaml")
    assert check.exit_code in (0, 1)


def test_new_writes_a_long_name_with_two_spaces_exactly(cli, tmp_path: Path) -> None:
    import yaml

    (tmp_path / "s.yaml").write_text(SUPPLIER, "utf-8")
    name = "Nordic  " + "N" * 100 + "  Cloud AB"  # a long line folds at the two spaces
    run = cli("new", "Supplier", "zz", "--set", f"name={name}", "--file", "z.yaml")
    assert run.exit_code == 0, run.stderr
    assert yaml.safe_load((tmp_path / "z.yaml").read_text("utf-8"))["name"] == name


def test_an_imported_name_with_two_spaces_is_filed_exactly(cli, tmp_path: Path) -> None:
    out = _register_csvs(cli, tmp_path)
    long = "Beratwerk  " + "B" * 100 + "  GmbH"
    _edit_csv(out / "b_05.01.csv", lambda rows: rows[1].__setitem__(4, long))
    run = cli("register", "import", str(out), "-o", str(tmp_path / "docs"))
    assert run.exit_code == 0, run.stderr
    import yaml

    names = [
        d.get("name")
        for p in (tmp_path / "docs").rglob("*.yaml")
        for d in yaml.safe_load_all(p.read_text("utf-8"))
    ]
    assert long in names
