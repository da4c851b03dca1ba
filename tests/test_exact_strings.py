"""Exact strings and honest messages: ids match whole, look-alike references say which character
differs, references into a broken file are one REF-02, a named file with nothing to check is a
warning. Every case runs the CLI on real files."""

from __future__ import annotations

import pytest

SUPPLIER = "apiVersion: resilint/v1\nkind: Supplier\nid: acme-logistics\ntier: 3\n"


def contract(supplier: str, doc_id: str = "ctr-1") -> str:
    return f'apiVersion: resilint/v1\nkind: Contract\nid: "{doc_id}"\nsupplier: "{supplier}"\n'


def findings(cli, code: str) -> list[dict[str, object]]:
    result = cli("check", ".", "--no-cache", "--format", "json")
    return [f for f in result.json()["findings"] if f["code"] == code]


def test_an_id_with_a_trailing_newline_is_refused_naming_the_character(cli, write) -> None:
    write("a.yaml", SUPPLIER + "---\n" + contract("acme-logistics", "ctr-1\\n"))
    [error] = findings(cli, "SCH-01")
    assert error["line"] == 8  # the id line of the second document
    assert "U+000A LINE FEED at character 6" in str(error["message"])


@pytest.mark.parametrize(
    ("written", "differs"),
    [
        ("acme-l\\u043egistics", "U+043E CYRILLIC SMALL LETTER O at character 7"),
        ("acme-logis\\u200btics", "U+200B ZERO WIDTH SPACE at character 11"),
        ("\\u0430cme-logistics", "U+0430 CYRILLIC SMALL LETTER A at character 1"),
        ("acme-logistics\\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE at character 15"),
    ],
)
def test_a_look_alike_reference_names_the_code_point(cli, write, written, differs) -> None:
    write("a.yaml", SUPPLIER + "---\n" + contract(written))
    [error] = findings(cli, "REF-01")
    message = str(error["message"])
    assert "it only looks like 'acme-logistics'" in message and differs in message
    assert "did you mean" not in message


def test_a_suggestion_names_characters_an_id_cannot_hold(cli, write) -> None:
    write("a.yaml", SUPPLIER + "---\n" + contract("acme-lo\\u0301gistics"))
    [error] = findings(cli, "REF-01")
    message = str(error["message"])
    assert "did you mean 'acme-logistics'?" in message
    assert "U+0301 COMBINING ACUTE ACCENT at character 8" in message


def test_references_into_a_broken_file_are_one_finding(cli, write) -> None:
    write("suppliers.yaml", "apiVersion: resilint/v1\nkind: Supplier\nid: acme\nname: A: B\n")
    write("contracts.yaml", contract("acme", "c1") + "---\n" + contract("acme", "c2"))
    result = cli("check", ".", "--no-cache", "--format", "json")
    codes = [f["code"] for f in result.json()["findings"]]
    assert codes.count("REF-02") == 1 and "REF-01" not in codes and "YML-01" in codes
    [blocked] = [f for f in result.json()["findings"] if f["code"] == "REF-02"]
    assert "2 references ('acme') cannot be checked: suppliers.yaml has a syntax error" in str(
        blocked["message"]
    )
    assert [r["path"] for r in blocked["related"]] == ["suppliers.yaml", "contracts.yaml"]
    assert result.exit_code == 2


def test_a_named_file_without_resilint_documents_is_an_error(cli, write) -> None:
    write("workflow.yaml", "name: ci\non: push\njobs: {}\n")
    result = cli("check", "workflow.yaml", "--no-cache")
    assert result.exit_code == 2
    assert "workflow.yaml:1:1: DOC-04 error this file holds no resilint document" in result.stdout
    assert "DOC-04" not in cli("check", ".", "--no-cache").stdout  # found by a walk: left alone


def test_text_cut_in_two_by_a_colon_is_told_to_be_quoted(cli, write) -> None:
    """An unquoted list item holding ': ' is a mapping to YAML: the schema error says why and
    how to fix it, not only "got a mapping"."""
    write(
        "a.yaml",
        SUPPLIER + "shared_dependencies:\n  subprocessors:\n    - Mailer Ltd: EU region only\n",
    )
    [error] = findings(cli, "SCH-01")
    assert (error["line"], error["column"]) == (7, 7)
    message = str(error["message"])
    assert "must be text, got a mapping" in message
    assert "'Mailer Ltd: EU region only' is read as a mapping" in message
    assert "put the whole text in quotes" in message
    write(
        "a.yaml",
        SUPPLIER + 'shared_dependencies:\n  subprocessors:\n    - "Mailer Ltd: EU region only"\n',
    )
    assert findings(cli, "SCH-01") == []


def test_text_cut_by_a_comma_in_braces_is_told_to_be_quoted(cli, write) -> None:
    """{name: Amazon.com, Inc.} is a name and a key 'Inc.' to YAML: the unknown field says
    the comma cut the text and shows it quoted."""
    write("a.yaml", SUPPLIER + "ultimate_parent: {name: Amazon.com, Inc.}\n")
    [error] = findings(cli, "SCH-01")
    message = str(error["message"])
    assert "unknown field 'ultimate_parent.Inc.'" in message
    assert (
        'the comma inside { } cut it off: write that text in quotes (name: "Amazon.com, Inc.")'
        in message
    )
    write("a.yaml", SUPPLIER + 'ultimate_parent: {name: "Amazon.com, Inc."}\n')
    assert findings(cli, "SCH-01") == []
    # an unknown key with a value of its own is only an unknown key
    write("a.yaml", SUPPLIER + "ultimate_parent: {name: Amazon.com, lei: x}\n")
    [other] = findings(cli, "SCH-01")
    assert "comma" not in str(other["message"])
