"""Every command that answers from the documents fails closed, as ``check`` does, on paths that
hold no resilint document: a file named that holds none (DOC-04) and a directory whose YAML
holds none exit with status 2 and say so, in ``report``, ``calendar``, ``impact``, ``card`` and
``register export``; ``baseline`` refuses them; and no baseline accepts DOC-04 (only
``per_file_ignores`` does), or a gate would pass for good on a file nothing in which is checked."""

from __future__ import annotations

import json

import pytest

SUPPLIER = """
    apiVersion: resilint/v1
    kind: Supplier
    id: acme
    name: Acme
    tier: 2
"""
WORKFLOW = """
    name: ci
    on: push
    jobs: {}
"""


@pytest.fixture
def programme(write):
    write("sup.yaml", SUPPLIER)
    write("workflow.yaml", WORKFLOW)
    write("deploy/workflow.yaml", WORKFLOW)


@pytest.mark.parametrize(
    "command",
    [
        ("report", "--no-cache", "-o", "r.html"),
        ("calendar", "--no-cache"),
        ("impact", "--all-critical"),
    ],
    ids=lambda c: c[0],
)
def test_a_named_file_holding_no_document_fails_every_answer(cli, programme, command) -> None:
    result = cli(*command, "workflow.yaml")
    assert result.exit_code == 2, result.stderr
    assert "1 file(s) named hold no resilint document (workflow.yaml)" in result.stderr
    beside = cli(*command, "sup.yaml", "workflow.yaml")
    assert beside.exit_code == 2, beside.stderr


@pytest.mark.parametrize(
    "command",
    [
        ("report", "--no-cache", "-o", "r.html"),
        ("calendar", "--no-cache"),
        ("impact", "--all-critical"),
        ("card", "acme"),
        ("baseline",),
    ],
    ids=lambda c: c[0],
)
def test_a_directory_holding_no_document_fails_every_answer(cli, programme, command) -> None:
    result = cli(*command, "deploy")
    assert result.exit_code == 2, result.stderr
    assert "no resilint documents: the YAML file found in deploy holds none" in result.stderr


def test_the_card_of_a_supplier_in_no_file_named_says_the_file_holds_none(cli, programme) -> None:
    result = cli("card", "acme", "workflow.yaml")
    assert result.exit_code == 2
    assert "workflow.yaml holds no resilint document" in result.stderr
    assert "could not be read" not in result.stderr


def test_per_file_ignores_lets_a_named_file_of_another_tool_pass(cli, programme, write) -> None:
    write("resilint.yaml", '{"per_file_ignores": {"workflow.yaml": ["DOC-04"]}}')
    for command in (("calendar", "--no-cache"), ("impact", "--all-critical")):
        result = cli(*command, "sup.yaml", "workflow.yaml")
        assert result.exit_code == 0, result.stderr
        assert "named hold no resilint document" not in result.stderr


def test_no_baseline_accepts_a_named_file_holding_no_document(cli, programme, write) -> None:
    refused = cli("baseline", "workflow.yaml")
    assert refused.exit_code == 2
    assert "workflow.yaml:1:1: DOC-04: a file named holds no resilint document" in refused.stderr
    # a baseline written before (by hand, or by an older resilint) accepts nothing of it
    entry = json.loads(cli("check", "workflow.yaml", "--no-cache", "--format", "json").stdout)
    doc04 = entry["findings"][0]
    baseline = {
        "version": 1,
        "generated_by": "resilint",
        "findings": [
            {
                "fingerprint": doc04["fingerprint"],
                "code": "DOC-04",
                "kind": None,
                "id": None,
                "json_path": "",
                "path": "workflow.yaml",
                "message": doc04["message"],
            }
        ],
    }
    write("b.json", json.dumps(baseline))
    result = cli("check", "workflow.yaml", "--no-cache", "--baseline", "b.json")
    assert result.exit_code == 2, result.stdout
    assert "DOC-04 error this file holds no resilint document" in result.stdout
    assert "BSL-02" in result.stdout


@pytest.mark.parametrize(
    "command",
    [
        ("check", "--no-cache"),
        ("report", "--no-cache", "-o", "r.html"),
        ("calendar", "--no-cache"),
        ("impact", "--all-critical"),
    ],
    ids=lambda c: c[0],
)
def test_a_folder_without_yaml_in_a_configured_repository_fails(
    cli, programme, write, tmp_path, command
) -> None:
    """Configured, ``check docs`` loads the whole repository and reports what concerns docs: a
    folder holding no YAML at all (a typo for another, a docs folder, a link to itself) passed
    on nothing checked, where an unconfigured check says there are no input files."""
    write("resilint.yaml", "{}")
    write("docs/readme.md", "# notes\n")
    (tmp_path / "loop").mkdir()
    (tmp_path / "loop" / "self").symlink_to("../loop")
    for folder in ("docs", "loop"):
        result = cli(*command, folder)
        assert result.exit_code == 2, (folder, result.stdout, result.stderr)
        assert f"no input files: no *.yaml or *.yml file found in {folder}" in result.stderr


def test_fix_diff_is_no_all_clear_on_input_it_could_not_read(cli, programme, write) -> None:
    """``fix --diff`` exits 1 when something would change, 0 when nothing would: a file that
    could not be read, or a file or directory named holding no resilint document, is neither
    (what it needs is not known), and is 2, as in ``check``; beside a file with something to
    fix, the run is 1 as before."""
    write("bad.yaml", "apiVersion: resilint/v1\nkind: Supplier\nid: b\n  name: [\n")
    write("quoted.yaml", SUPPLIER.replace("tier: 2", 'tier: "2"'))
    unreadable = cli("fix", "--diff", "bad.yaml")
    assert unreadable.exit_code == 2
    assert (
        "1 file(s) could not be read (bad.yaml): what they hold is missing from this preview"
        in (unreadable.stderr)
    )
    named = cli("fix", "--diff", "workflow.yaml")
    assert named.exit_code == 2
    assert "1 file(s) named hold no resilint document (workflow.yaml)" in named.stderr
    folder = cli("fix", "--diff", "deploy")
    assert folder.exit_code == 2
    assert "no resilint documents" in folder.stderr
    both = cli("fix", "--diff", "quoted.yaml", "bad.yaml")
    assert both.exit_code == 1  # something to fix: the run fails as it is
    assert '-tier: "2"' in both.stdout and "+tier: 2" in both.stdout
    assert cli("fix", "--diff", "quoted.yaml").exit_code == 1
    assert cli("fix", "--diff", "sup.yaml").exit_code == 0
