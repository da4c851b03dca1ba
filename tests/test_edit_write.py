"""`resilint rename`, `new` and `waive` on a copy of the northwind example, through the CLI."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLES

OLD, NEW = "lindqvist-mes", "lindqvist-software"


@pytest.fixture
def northwind(tmp_path: Path) -> Path:
    repo = tmp_path / "northwind"
    shutil.copytree(EXAMPLES / "northwind", repo, ignore=shutil.ignore_patterns(".resilint_cache"))
    return repo


def texts(repo: Path) -> dict[str, str]:
    return {str(p.relative_to(repo)): p.read_text() for p in sorted(repo.rglob("*.yaml"))}


def active(cli, repo: Path, *paths: str) -> list[dict]:
    result = cli("check", "--format", "json", "--no-cache", *paths, cwd=repo)
    return [f for f in result.json()["findings"] if not f["suppressed"]]


def test_rename_touches_only_the_id_and_its_references(cli, northwind: Path) -> None:
    before = texts(northwind)
    result = cli("rename", "supplier", OLD, NEW, cwd=northwind)
    assert result.exit_code == 0, result.stderr
    after = texts(northwind)
    changed = {name for name in before if before[name] != after[name]}
    assert {"suppliers/lindqvist-mes.yaml", "contracts/lindqvist-mes.yaml"} <= changed
    assert "waivers/waiver-con04-lindqvist-mes.yaml" in changed  # its target
    for name in changed:
        old_lines, new_lines = before[name].splitlines(), after[name].splitlines()
        assert len(old_lines) == len(new_lines)
        for old, new in zip(old_lines, new_lines, strict=True):
            if old != new:  # only the id, as a whole value, and nothing else on the line
                assert (old.replace(OLD, NEW) == new and f": {NEW}" in new) or f"{NEW}" in new
                assert old.count(OLD) == 1
    check = cli("check", "--format", "json", "--no-cache", cwd=northwind)
    assert check.exit_code == 0, check.stdout
    waived = [f for f in check.json()["findings"] if f["suppressed"]]
    assert [(f["code"], f["id"]) for f in waived] == [("CON-04", NEW)]  # the waiver followed
    free_text = after["suppliers/lindqvist-mes.yaml"]
    assert "waiver waiver-con04-lindqvist-mes" in free_text  # notes are not references


def test_rename_diff_previews_and_refusals(cli, northwind: Path) -> None:
    before = texts(northwind)
    preview = cli("rename", "Supplier", OLD, NEW, "--diff", cwd=northwind)
    assert (
        preview.exit_code == 0
        and f"-id: {OLD}" in preview.stdout
        and f"+id: {NEW}" in preview.stdout
    )
    assert texts(northwind) == before
    taken = cli("rename", "Supplier", OLD, "corvane-erp", cwd=northwind)
    assert taken.exit_code == 2 and "already a Supplier 'corvane-erp'" in taken.stderr
    missing = cli("rename", "Supplier", "lindqvist-me", NEW, cwd=northwind)
    assert missing.exit_code == 2 and "did you mean 'lindqvist-mes'" in missing.stderr
    invalid = cli("rename", "Supplier", OLD, "Lindqvist MES", cwd=northwind)
    assert invalid.exit_code == 2 and "not a valid id" in invalid.stderr
    assert texts(northwind) == before


def test_new_supplier_at_tier_one_lists_what_the_rules_ask(cli, northwind: Path) -> None:
    result = cli(
        "new", "Supplier", "acme-freight", "--set", "tier=1", "--set", "name=Acme", cwd=northwind
    )
    assert result.exit_code == 0, result.stderr
    written = northwind / "suppliers" / "acme-freight.yaml"  # where northwind keeps suppliers
    text = written.read_text()
    assert "tier: 1" in text and "# Risk tier" in text
    for asked in ("#   security_24x7:", "#     available_24x7: true", "#   escalation:"):
        assert asked in text
    codes = {f["code"] for f in active(cli, northwind, "suppliers/acme-freight.yaml")}
    assert not codes & {"SCH-01", "DOC-01", "DOC-03", "YML-01"}  # it passes the schema
    again = cli("new", "Supplier", "acme-freight", cwd=northwind)
    assert again.exit_code == 2 and "already a Supplier 'acme-freight'" in again.stderr


def test_new_contract_checks_its_references_and_asks_the_critical_terms(
    cli, northwind: Path
) -> None:
    wrong = cli("new", "Contract", "ctr-x", "--set", "supplier=lindqvist-me", cwd=northwind)
    assert wrong.exit_code == 2 and "did you mean 'lindqvist-mes'" in wrong.stderr
    bare = cli("new", "Contract", "ctr-x", cwd=northwind)
    assert bare.exit_code == 2 and "--set supplier=" in bare.stderr
    made = cli("new", "Contract", "ctr-lindqvist-2027", "--set", f"supplier={OLD}", cwd=northwind)
    assert made.exit_code == 0, made.stderr
    text = (northwind / "contracts" / "ctr-lindqvist-2027.yaml").read_text()
    for term in ("#   step_in_rights: true", "#   window_hours:", "#   forensic_images: true"):
        assert term in text  # lindqvist-mes is tier 1: the critical supplier's terms
    codes = {f["code"] for f in active(cli, northwind, "contracts/ctr-lindqvist-2027.yaml")}
    assert not codes & {"SCH-01", "DOC-01", "REF-01"}


def test_new_in_an_empty_repository_uses_the_init_layout(cli, tmp_path: Path) -> None:
    (tmp_path / "resilint.yaml").write_text("profiles: [baseline]\n")
    result = cli("new", "business-function", "order-to-cash")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "programme" / "functions" / "order-to-cash.yaml").is_file()
    unknown = cli("new", "Suplier", "acme")
    assert unknown.exit_code == 2 and "did you mean 'Supplier'" in unknown.stderr
    field = cli("new", "Supplier", "acme", "--set", "teir=1")
    assert field.exit_code == 2 and "did you mean 'tier'" in field.stderr


def test_waive_writes_a_waiver_where_waivers_live(cli, northwind: Path) -> None:
    until = "2027-02-18"  # the example is checked as of 2026-11-26
    result = cli(
        "waive",
        "CTR-08",
        "--target",
        "ctr-lindqvist-mes-2023",
        "--reason",
        "Escrow instead",
        "--until",
        until,
        "--owner",
        "coo",
        "--approver",
        "cfo",
        "--approved-on",
        "2026-11-20",
        cwd=northwind,
    )
    assert result.exit_code == 0, result.stderr
    written = next((northwind / "waivers").glob("waiver-ctr08-*.yaml"))
    text = written.read_text()
    assert "rule: CTR-08" in text and f"expires: {until}" in text and "approver: cfo" in text
    codes = {f["code"] for f in active(cli, northwind, str(written.relative_to(northwind)))}
    assert not codes & {"SCH-01", "EXC-01"}


def test_waive_refuses_an_approval_dated_ahead(cli, northwind: Path) -> None:
    ahead = (datetime.date.today() + datetime.timedelta(days=3)).isoformat()
    result = cli(
        *("waive", "SUP-04", "--target", f"Supplier/{OLD}", "--reason", "r", "--owner", "coo"),
        *("--approved-on", ahead, "--until", "2099-01-01"),
        cwd=northwind,
    )
    assert result.exit_code == 2 and "still to come" in result.stderr


def test_waive_refuses_a_waiver_without_an_approver(cli, northwind: Path) -> None:
    """`--approver` is optional on the command line, and `waive` without it wrote a waiver,
    status 0, that EXC-01 then refused ("names no approver"): it suppressed nothing, and its
    `approved_on` said someone had approved it that day. It is refused, saying what to pass."""
    before = texts(northwind)
    args = ("waive", "CTR-08", "--target", "ctr-lindqvist-mes-2023", "--reason", "Escrow")
    args += ("--until", "2027-02-18", "--owner", "coo", "--approved-on", "2026-11-20")
    result = cli(*args, cwd=northwind)
    assert result.exit_code == 2, result.stdout + result.stderr
    assert "--approver is required" in result.stderr and "suppresses nothing" in result.stderr
    assert texts(northwind) == before  # nothing written
    approved = cli(*args, "--approver", "cfo", cwd=northwind)
    assert approved.exit_code == 0, approved.stderr
    assert not [f for f in active(cli, northwind) if f["code"] in {"CTR-08", "EXC-01"}]


def test_waive_refuses_past_the_maximum_and_unapproved_approvers(cli, northwind: Path) -> None:
    config = northwind / "resilint.yaml"  # judged as of today, as the waivers are approved
    config.write_text(config.read_text().replace("as_of: 2026-11-26\n", ""))
    target = ("--target", f"Supplier/{OLD}", "--reason", "r", "--owner", "coo")
    far = (datetime.date.today() + datetime.timedelta(days=400)).isoformat()
    long = cli("waive", "SUP-04", *target, "--until", far, cwd=northwind)
    assert long.exit_code == 2 and "at most 365 days" in long.stderr
    config.write_text(
        config.read_text()
        + 'rules:\n  EXC-01:\n    params:\n      max_days: 30\n      approvers: {"*": [ciso]}\n'
    )
    soon = (datetime.date.today() + datetime.timedelta(days=60)).isoformat()
    short = cli("waive", "SUP-04", *target, "--until", soon, "--approver", "ciso", cwd=northwind)
    assert short.exit_code == 2 and "at most 30 days" in short.stderr
    ok = (datetime.date.today() + datetime.timedelta(days=20)).isoformat()
    wrong = cli("waive", "SUP-04", *target, "--until", ok, "--approver", "cfo", cwd=northwind)
    assert wrong.exit_code == 2 and "allows ciso" in wrong.stderr
    fine = cli("waive", "SUP-04", *target, "--until", ok, "--approver", "ciso", cwd=northwind)
    assert fine.exit_code == 0, fine.stderr
    unknown = cli("waive", "SUP-99", *target, "--until", ok, cwd=northwind)
    assert unknown.exit_code == 2 and "no rule" in unknown.stderr


@pytest.mark.parametrize("value", ["yes", "off", "Y", "1:30", "0o17", "~"])
def test_new_quotes_text_other_tools_would_read_as_something_else(
    cli, northwind: Path, value: str
) -> None:
    """resilint reads YAML 1.2, where `yes` is text; a tool that reads YAML 1.1 (PyYAML's
    safe_load, Ansible) would take it for true, `1:30` for 90 and `~` for nothing."""
    made = cli("new", "Supplier", "acme-freight", "--set", f"owner={value}", cwd=northwind)
    assert made.exit_code == 0, made.stderr
    (written,) = northwind.glob("**/acme-freight.yaml")
    assert yaml.safe_load(written.read_text())["owner"] == value
    assert f"owner: '{value}'" in written.read_text()
    assert cli("check", str(written.relative_to(northwind)), cwd=northwind).exit_code in (0, 1)


def test_new_says_it_writes_the_header_fields_itself(cli, northwind: Path) -> None:
    for field in ("apiVersion", "kind", "id"):
        result = cli("new", "Supplier", "acme", "--set", f"{field}=x", cwd=northwind)
        assert result.exit_code == 2
        assert f"resilint new writes {field} itself" in result.stderr
        assert "did you mean" not in result.stderr


def test_new_says_a_set_without_a_value_needs_one(cli, northwind: Path) -> None:
    """`--set tier` (the `=VALUE` forgotten) was told "no field 'tier' in a Supplier (did you
    mean 'tier'?)", naming as unknown the field it suggests."""
    result = cli("new", "Supplier", "acme", "--set", "tier", cwd=northwind)
    assert result.exit_code == 2
    assert "--set tier: no value; write FIELD=VALUE (tier=...)" in result.stderr
    assert "did you mean" not in result.stderr and "no field" not in result.stderr


def test_previews_of_authoring_commands_exit_0_as_their_help_says(cli, northwind: Path) -> None:
    """`fix --diff` exits 1 when there are changes (a gate); `rename`, `new` and `waive --diff`
    preview a change asked for, and exit 0, which their help says."""
    before = texts(northwind)
    previews = {
        "rename": ("rename", "Supplier", OLD, NEW),
        "new": ("new", "Supplier", "acme-freight"),
        "waive": (
            *("waive", "CTR-08", "--target", "ctr-lindqvist-mes-2023", "--reason", "Escrow"),
            *("--until", "2027-02-18", "--owner", "coo", "--approver", "cfo"),
            *("--approved-on", "2026-11-20"),
        ),
    }
    for command, args in previews.items():
        result = cli(*args, "--diff", cwd=northwind)
        assert result.exit_code == 0 and result.stdout.startswith("---"), (command, result)
        shown = cli(command, "--help").stdout
        assert "exit 0" in shown and "exit 1 when" not in shown, command
    assert texts(northwind) == before
    assert "exit 1 when there are some" in cli("fix", "--help").stdout


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("resilint.yaml", "it is a configuration file"),
        ("waivers/w.txt", "does not end in .yaml or .yml"),
        (".drafts/w.yaml", "hidden"),
        ("drafts/w.yaml", "exclude leaves it out"),
    ],
)
@pytest.mark.parametrize("command", ["waive", "new"])
def test_a_file_check_never_reads_is_refused_and_left_as_it_was(
    cli, northwind: Path, command: str, name: str, why: str
) -> None:
    """`--file` naming a file that `resilint check` does not read as documents: a waiver there
    would waive nothing (and one appended to the configuration breaks every later run)."""
    config = northwind / "resilint.yaml"
    config.write_text(config.read_text() + "exclude: [drafts/]\n")
    before = texts(northwind)
    args = _writing(command)
    result = cli(*args, "--file", name, cwd=northwind)
    assert result.exit_code == 2, result.stderr
    assert "resilint check never reads documents from this file" in result.stderr
    assert why in result.stderr
    assert texts(northwind) == before
    assert name == "resilint.yaml" or not (northwind / name).exists()
    assert cli("check", "--no-cache", cwd=northwind).exit_code in (0, 1)  # the configuration holds


@pytest.mark.parametrize(
    ("make", "why"),
    [
        ("dangling link out", "is a symbolic link; resilint never writes through one"),
        ("dangling link in", "is a symbolic link; resilint never writes through one"),
        ("file on the way", "cannot create its directory: Not a directory"),
    ],
)
@pytest.mark.parametrize("command", ["waive", "new"])
def test_a_file_whose_directory_cannot_be_made_is_refused(
    cli, northwind: Path, tmp_path: Path, command: str, make: str, why: str
) -> None:
    """`--file drafts/new/x.yaml` where `drafts` is a link that leads nowhere (out of the
    repository, or to a directory not made yet) or a file: making the directory raised
    FileExistsError, an internal error (exit 4) where a refusal of the path was due."""
    drafts = northwind / "drafts"
    if make == "file on the way":
        drafts.write_text("not a directory\n")
    else:
        drafts.symlink_to(tmp_path / "gone" if make == "dangling link out" else "not-yet")
    before = texts(northwind)
    args = _writing(command)
    result = cli(*args, "--file", "drafts/new/x.yaml", cwd=northwind)
    assert result.exit_code == 2, result.stderr
    assert "drafts/new/x.yaml: " in result.stderr and why in result.stderr, result.stderr
    assert texts(northwind) == before
    assert not (tmp_path / "gone").exists() and not (northwind / "not-yet").exists()


@pytest.mark.parametrize("command", ["waive", "new"])
def test_a_document_appended_to_a_crlf_file_ends_its_lines_as_the_file_does(
    cli, northwind: Path, command: str
) -> None:
    """A waiver or a new document appended to a file written with CRLF line ends (saved on
    Windows) came with LF ones: the file then mixed both, which a diff shows as a change of
    every line's end and editors and other tools disagree on. It now keeps the file's."""
    if command == "waive":
        target = northwind / "waivers" / "waiver-con04-lindqvist-mes.yaml"
        args = ("waive", "SUP-04", "--target", f"Supplier/{OLD}", "--reason", "r", "--id", "w2")
        args += ("--owner", "coo", "--approver", "cfo")
        args += ("--approved-on", "2026-11-20", "--until", "2027-01-01")
    else:
        target = northwind / "suppliers" / "albis-telecom.yaml"
        args = ("new", "supplier", "acme-new", "--set", "tier=3")
    original = target.read_bytes().replace(b"\n", b"\r\n")
    target.write_bytes(original)
    result = cli(*args, "--file", str(target.relative_to(northwind)), cwd=northwind)
    assert result.exit_code == 0, result.stderr
    written = target.read_bytes()
    assert written.startswith(original) and len(written) > len(original) + 20
    assert written.count(b"\n") == written.count(b"\r\n"), written[len(original) :]
    ids = [d["id"] for d in yaml.safe_load_all(written.decode()) if d]
    assert ids[-1] == ("w2" if command == "waive" else "acme-new")


def _writing(command: str) -> tuple[str, ...]:
    """A `waive` or `new` command line that writes a document (its `--file` added by the test)."""
    if command == "waive":
        return (
            *("waive", "SUP-04", "--target", f"Supplier/{OLD}", "--reason", "r"),
            *("--owner", "coo", "--approver", "cfo"),
            *("--approved-on", "2026-11-20", "--until", "2027-01-01"),
        )
    return ("new", "supplier", "acme-new")
