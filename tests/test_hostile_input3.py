"""Hostile and broken input, third part, through the CLI on real files: plain words yaml-rs
would read as numbers, and inputs whose explanation or check must stay bounded (a syntax error
on a very long line, many references that resolve to nothing, many documents a rule compares),
and the names the pre-commit hook prints."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import copy_example

# --- words that are text in YAML 1.2 whichever reader takes the file --------------------------

CONTRACT = Path("contracts") / "sentinel-ridge-mdr.yaml"


@pytest.mark.parametrize("value", ["_2", "__1", "_1_0", "_1e3", "_.5"])
@pytest.mark.parametrize("comment", ["", "# resilint reviewed this file\n"])
def test_a_word_of_underscores_and_digits_is_text_where_a_number_is_asked(
    cli, tmp_path: Path, value: str, comment: str
) -> None:
    repo = copy_example("northwind", tmp_path)
    path = repo / CONTRACT
    text = path.read_text(encoding="utf-8")
    assert "  window_hours: 2\n" in text
    path.write_text(text.replace("  window_hours: 2\n", f"  window_hours: {value}\n") + comment)
    run = cli("check", ".", "--no-cache", cwd=repo)
    assert run.exit_code == 1, run.stdout
    assert f"{CONTRACT}:48:17: SCH-01" in run.stdout
    assert f"must be a number of hours, got '{value}'" in run.stdout


@pytest.mark.parametrize("key", ["_1", "_1_0", "_.5", "_1e3"])
def test_a_key_of_underscores_and_digits_is_an_unknown_field_not_a_crash(
    cli, tmp_path: Path, key: str
) -> None:
    repo = copy_example("northwind", tmp_path)
    with (repo / CONTRACT).open("a", encoding="utf-8") as file:
        file.write(f"{key}: x\n")
    run = cli("check", ".", "--no-cache", cwd=repo)
    assert run.exit_code == 1, run.stderr
    assert f"{CONTRACT}:79:1: SCH-01" in run.stdout
    assert f"unknown field '{key}'" in run.stdout


def test_such_a_key_in_the_configuration_is_an_unknown_setting(cli, tmp_path: Path) -> None:
    repo = copy_example("northwind", tmp_path)
    with (repo / "resilint.yaml").open("a", encoding="utf-8") as file:
        file.write("_1: x\n")
    run = cli("check", ".", "--no-cache", cwd=repo)
    assert run.exit_code == 2
    assert "resilint.yaml:6:1: invalid configuration: unknown setting '_1'" in run.stderr
    assert "internal error" not in run.stderr


# --- a syntax error and other text read once, however long the line -------------------------
# Each input here took minutes before its pattern read it in one pass: a test that hangs is
# the failure.

SUPPLIER = "apiVersion: resilint/v1\nkind: Supplier\nid: s-long\n"


def test_a_colon_after_a_long_run_of_blanks_is_explained_at_its_place(cli, write) -> None:
    blanks = 128_000  # 16,000 took 2.7 s, and each doubling four times as long
    write("suppliers/long.yaml", SUPPLIER + "name: a" + " " * blanks + "b: c\n")
    run = cli("check", ".", "--no-cache")
    assert run.exit_code == 2
    assert f"suppliers/long.yaml:4:{blanks + 9}: YML-01" in run.stdout
    assert "the value of 'name' holds ': '" in run.stdout
    assert run.stdout.count("\n") < 10  # the long value is quoted once, cut, not repeated


def test_a_long_line_of_braces_after_a_syntax_error_is_read_once(cli, write) -> None:
    write("suppliers/x.yaml", "a: b: c\n" + "{" * 8_000_000 + "\n")  # 2 MB took 21 s
    run = cli("check", "suppliers/x.yaml", "--no-cache")
    assert run.exit_code == 2
    assert "suppliers/x.yaml:1:5: YML-01 error the value of 'a' holds ': '" in run.stdout


def test_a_long_suppression_comment_is_read_once(cli, write) -> None:
    comment = "# resilint: ignore[SUP-01] " + " " * 128_000 + "x"  # 64 KB took 50 s
    write("suppliers/x.yaml", SUPPLIER + f"name: X  {comment}\ntier: 3\n")
    run = cli("check", ".", "--no-cache")
    assert run.exit_code == 1
    assert "suppliers/x.yaml:4:10: IGN-01 error inline suppression: cannot read 'x'" in run.stdout


def test_words_of_number_signs_are_screened_once(cli, write) -> None:
    write("suppliers/x.yaml", SUPPLIER + "name: X\ntier: 3\nnotes: " + ":_" * 64_000 + "\n")
    run = cli("check", ".", "--no-cache")  # 32 KB of ':_' took a minute to screen
    assert run.exit_code == 0, run.stdout


def test_a_reference_into_a_broken_file_of_blank_lines_is_looked_for_once(
    cli, tmp_path: Path
) -> None:
    repo = copy_example("northwind", tmp_path)
    (repo / "suppliers" / "broken.yaml").write_text("\n" * 100_000 + "a: b: c\n")  # 64 KB: 2 min
    function = repo / "functions" / "order-processing.yaml"
    text = function.read_text(encoding="utf-8")
    function.write_text(
        text.replace("suppliers: [corvane-erp,", "suppliers: [nope-x, corvane-erp,")
    )
    run = cli("check", ".", "--no-cache", cwd=repo)
    assert run.exit_code == 2
    assert "names supplier 'nope-x', which does not exist (or it is in a file" in run.stdout
    assert "suppliers/broken.yaml:100001:5: YML-01" in run.stdout


def test_many_references_into_a_long_broken_file_read_it_once(cli, tmp_path: Path) -> None:
    """Each reference to a document a broken file seems to hold searched the whole file again:
    6,000 of them behind a megabyte of other ids took minutes."""
    repo = copy_example("northwind", tmp_path)
    ids = [f"s-{i}" for i in range(6_000)]
    (repo / "suppliers" / "broken.yaml").write_text(
        "apiVersion: resilint/v1\nkind: Supplier\nid: a: b\n"
        + "id: filler\n" * 100_000
        + "".join(f"---\n- id: '{i}'  # moved\n" for i in ids)
    )
    function = repo / "functions" / "order-processing.yaml"
    text = function.read_text(encoding="utf-8")
    function.write_text(text.replace("suppliers: [corvane-erp,", f"suppliers: [{', '.join(ids)},"))
    run = cli("check", ".", "--no-cache", cwd=repo)
    assert run.exit_code == 2
    assert "REF-01" not in run.stdout
    assert "REF-02 error 6000 references ('s-0', 's-1'," in run.stdout
    assert "suppliers/broken.yaml:3:6: YML-01" in run.stdout
    assert "2 findings (2 errors)" in run.stdout


# --- "did you mean" within a budget -----------------------------------------------------------


def _many_suppliers(repo: Path, count: int) -> list[str]:
    """``count`` Supplier documents whose ids share a prefix and a length, in two files (a file
    holds at most 10,000 documents), and a reference to each that misses it by its last
    letter."""
    ids = [f"supplier-{i:05d}-abcdefgh" for i in range(count)]
    for half in (0, 1):
        (repo / "suppliers" / f"many-{half}.yaml").write_text(
            "".join(
                f"---\napiVersion: resilint/v1\nkind: Supplier\nid: {i}\nname: S\ntier: 3\n"
                for i in ids[half::2]
            )
        )
    return [i[:-1] + "x" for i in ids]


def test_many_unknown_references_among_alike_ids_are_each_reported(cli, tmp_path: Path) -> None:
    """Each unknown reference was compared with every id of its letter and length: 6,000 of
    them among 6,000 such ids took 33 s, 12,000 minutes."""
    repo = copy_example("northwind", tmp_path)
    references = _many_suppliers(repo, 12_000)
    function = repo / "functions" / "order-processing.yaml"
    text = function.read_text(encoding="utf-8")
    function.write_text(text.replace("suppliers: [", f"suppliers: [{', '.join(references)}, ", 1))
    run = cli("check", ".", "--no-cache", "--format", "json", cwd=repo)
    assert run.exit_code == 1
    messages = [f["message"] for f in run.json()["findings"] if f["code"] == "REF-01"]
    assert len(messages) == 12_000
    assert (
        "names supplier 'supplier-00000-abcdefgx', which does not exist; did you mean "
        in (messages[0])
    )
    suggested = [m for m in messages if "did you mean" in m]
    assert 0 < len(suggested) < 100
    past = "which does not exist; too many unknown references in this check to suggest the nearest"
    assert all(past in m for m in messages[len(suggested) :])


def test_a_waiver_of_many_unknown_targets_among_alike_ids_is_checked(cli, tmp_path: Path) -> None:
    """Each target that names no document was compared with every id of its kind, and ids the
    quick bound ranks alike (one letter off each) each by difflib: 4,000 took minutes."""
    repo = copy_example("northwind", tmp_path)
    references = _many_suppliers(repo, 4_000)
    targets = "".join(f"  - {{kind: Supplier, id: {r}}}\n" for r in references)
    waiver = repo / "waivers" / "waiver-con04-lindqvist-mes.yaml"
    text = waiver.read_text(encoding="utf-8")
    waiver.write_text(text.replace("targets:\n", "targets:\n" + targets, 1))
    run = cli("check", ".", "--no-cache", "--select", "EXC-02", "--format", "json", cwd=repo)
    assert run.exit_code == 1
    messages = [f["message"] for f in run.json()["findings"] if f["code"] == "EXC-02"]
    assert len(messages) == 4_000
    assert "(did you mean supplier-00000-abcdefgh?)" in messages[0]
    past = "(too many unknown targets in this check to suggest the nearest id of each)"
    suggested = [m for m in messages if "did you mean" in m]
    assert 0 < len(suggested) < 1_000
    assert all(past in m for m in messages[len(suggested) :])


def test_a_waiver_target_s_suggestion_shows_where_that_document_is(cli, tmp_path: Path) -> None:
    repo = copy_example("northwind", tmp_path)
    waiver = repo / "waivers" / "waiver-con04-lindqvist-mes.yaml"
    text = waiver.read_text(encoding="utf-8")
    waiver.write_text(text.replace("id: lindqvist-mes}", "id: lindqvist-mse}"))
    run = cli("check", ".", "--no-cache", "--select", "EXC-02", "--format", "json", cwd=repo)
    [finding] = [f for f in run.json()["findings"] if f["code"] == "EXC-02"]
    assert "(did you mean lindqvist-mes?)" in finding["message"]
    assert [(r["path"], r["message"]) for r in finding["related"]] == [
        ("suppliers/lindqvist-mes.yaml", "a supplier with a similar id")
    ]


# --- membership in long lists, inside quantifiers ---------------------------------------------


def _many_entities(repo: Path, count: int) -> None:
    """``count`` Entity documents, the last one bound by the NIS2 implementing rules, and
    contracts naming none of them (a contract that names none is of all of ours)."""
    for contract in (repo / "contracts").glob("*.yaml"):
        text = contract.read_text(encoding="utf-8")
        contract.write_text(
            "".join(line for line in text.splitlines(True) if line[:10] != "entities: ")
        )
    documents = [
        f"---\napiVersion: resilint/v1\nkind: Entity\nid: ent-{i:05d}\nname: E{i}\ncountry: DE\n"
        "regimes: []\n"
        for i in range(count - 1)
    ]
    documents.append(
        "---\napiVersion: resilint/v1\nkind: Entity\nid: ent-last\nname: E\ncountry: DE\n"
        "regimes: [nis2]\nnis2_entity_type: managed_service_provider\n"
    )
    (repo / "entities" / "many.yaml").write_text("".join(documents))


def test_a_contract_of_all_of_many_entities_is_checked_against_each_once(
    cli, tmp_path: Path
) -> None:
    """CTR-12 tests each entity against the contract's, all of ours when it names none, which
    was scanned item by item: 2,000 entities (180 KB) took 13 s, 6,000 minutes."""
    repo = copy_example("northwind", tmp_path)
    _many_entities(repo, 6_000)
    contract = repo / CONTRACT
    text = contract.read_text(encoding="utf-8")
    contract.write_text(text.replace("  nis2.data_return_disposal:", "  nis2.data_disposal:"))
    run = cli("check", ".", "--no-cache", cwd=repo)
    assert run.exit_code == 1
    assert f"{CONTRACT}:20:1: CTR-12 error contract ctr-sentinel-ridge-mdr-2025" in run.stdout
    assert "lacks the clause of point 5.1.4(h)" in run.stdout
    assert "1 finding (1 error)" in run.stdout


ALL_AGAIN = """\
rules:
  - code: ACME-02
    name: entities-again
    level: error
    profiles: [acme]
    title: Each entity of a contract is one of its entities
    rationale: A rule that compares a long list with itself for each entity.
    references: ["Acme policy 1"]
    remediation: None.
    select: Contract
    require:
      - that:
          for_all:
            in: {kind: Entity}
            as: entity
            where:
              - {field: contract.our_entities, contains_all: {field: contract.our_entities}}
              - {field: contract.id, not_equals: bad}
        message: "contract {contract.id} is not of its entities"
    examples:
      pass: "apiVersion: resilint/v1\\nkind: Contract\\nid: a\\nsupplier: s\\n"
      fail: "apiVersion: resilint/v1\\nkind: Contract\\nid: bad\\nsupplier: s\\n---\\n\\
        apiVersion: resilint/v1\\nkind: Entity\\nid: e\\n"
      expect: [{id: bad, line: 3}]
"""


def test_a_rule_comparing_long_lists_in_every_combination_is_stopped(cli, tmp_path: Path) -> None:
    """contains_all of a contract's 2,000 entities, for each of 2,000 entities, scanned 8
    billion pairs a contract; the items each asks for are spent from the rule's budget."""
    repo = copy_example("northwind", tmp_path)
    _many_entities(repo, 2_000)
    (repo / "policies").mkdir()
    (repo / "policies" / "again.yaml").write_text(ALL_AGAIN)
    with (repo / "resilint.yaml").open("a", encoding="utf-8") as config:
        config.write("rule_dirs: [policies]\nselect: [ACME-02]\n")
    run = cli("check", ".", "--no-cache", "--format", "json", cwd=repo)
    assert run.exit_code == 3
    [stopped] = [f for f in run.json()["findings"] if f["code"] == "ACME-02"]
    assert "rule ACME-02 (entities-again) was stopped on contract" in stopped["message"]
    assert "visited more than 2,130,000 items" in stopped["message"]
    assert "a one_of or contains over a long list each of its items" in stopped["message"]


# --- names the hook prints ----------------------------------------------------------------------

HOSTILE_NAME = "d\x1b[2J\x1b[31mFAKE: all checks passed\x1b[0m\n##[group]x.yaml"


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.mark.parametrize("pattern", ["drafts/", "drafts/d*"])
def test_the_hook_names_an_excluded_file_escaped(cli, tmp_path: Path, pattern: str) -> None:
    """The note for a named file the configuration excludes printed its name (and the pattern)
    raw: an escape sequence reached the terminal, a line break started a CI log line."""
    repo = copy_example("northwind", tmp_path)
    with (repo / "resilint.yaml").open("a", encoding="utf-8") as config:
        config.write(f'exclude: ["{pattern}"]\n')
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "-c", "user.email=a@b", "-c", "user.name=a", "commit", "-q", "-m", "programme")
    (repo / "drafts").mkdir()
    (repo / "drafts" / HOSTILE_NAME).write_text("a: 1\n")
    _git(repo, "add", "drafts")
    run = cli("pre-commit", "--no-cache", f"drafts/{HOSTILE_NAME}", cwd=repo)
    assert run.exit_code == 0, run.stdout + run.stderr
    assert (
        "resilint: note: not checked: drafts/d\\x1b[2J\\x1b[31mFAKE: all checks passed"
        f"\\x1b[0m\\n#\\x23[group]x.yaml: the configuration excludes it (exclude: {pattern})"
    ) in run.stderr
    assert "\x1b" not in run.stderr + run.stdout
    assert not any(line.lstrip().startswith("##[") for line in run.stderr.splitlines())


def test_the_baseline_s_name_from_the_configuration_is_printed_escaped(cli, tmp_path) -> None:
    repo = copy_example("northwind", tmp_path)
    with (repo / "resilint.yaml").open("a", encoding="utf-8") as config:
        config.write('baseline: "base\\n##[group].json"\n')
    run = cli("baseline", cwd=repo)
    assert run.exit_code == 0, run.stderr
    assert "/northwind/base\\n#\\x23[group].json\n" in run.stderr
    assert "\x1b" not in run.stderr
