"""A spreadsheet's table saved under a YAML name (a supplier list exported from Excel as CSV,
or as "Unicode text", and named .yaml to sit beside the programme's files). YAML reads it as
one long text, and a file of no resilint document was another tool's YAML, left alone: the
directory's check passed with the rows never checked. Now a table whose header names
resilint's fields is YML-08 at its first line; any other text stays another tool's. Written
as Excel writes such files, in a folder whose name has spaces, and checked as a directory."""

from __future__ import annotations

import pytest

SUPPLIER = "apiVersion: resilint/v1\nkind: Supplier\nid: k\nname: K\ntier: 3\nowner: x\n"
FOLDER = "Supplier Files (export)"

TABLES = [
    # (file bytes, separator said, fields named)
    (
        "\ufeffid;name;tier;owner\r\nacme;Acme GmbH;1;procurement\r\n".encode(),
        "semicolons",
        "id, name, tier, owner",
    ),
    (
        b'id,name,tier\r\nacme,"Acme, GmbH",1\r\nbeta,Beta AG,2\r\n',
        "commas",
        "id, name, tier",
    ),
    (
        "id\tname\tend_date\r\nc1\tFrame\t2027-12-31\r\n".encode("utf-16"),
        "tabs",
        "id, name, end_date",
    ),
]


@pytest.mark.parametrize(("content", "separated", "fields"), TABLES)
def test_a_table_of_resilint_fields_is_reported(cli, write, content, separated, fields) -> None:
    write("programme/suppliers/k.yaml", SUPPLIER)
    write(f"programme/{FOLDER}/suppliers.yaml", content)
    result = cli("check", "--no-cache", "programme", "--format", "json")
    assert result.exit_code == 2, result.stdout + result.stderr
    (finding,) = result.json()["findings"]
    assert finding["code"] == "YML-08"
    assert finding["path"] == f"programme/{FOLDER}/suppliers.yaml"
    assert (finding["line"], finding["column"]) == (1, 1)
    message = finding["message"]
    assert message.startswith(f"this file is a table (values separated by {separated}")
    assert f"its first line names resilint's fields ({fields})" in message
    assert "name the file .csv or exclude it in the configuration" in message


@pytest.mark.parametrize(
    "content",
    [
        "just some words\nover two lines\n",
        "date;amount;currency\r\n2026-01-01;12.50;EUR\r\n",  # no resilint field
        "name,owner\r\nx,y\r\n",  # no id
        "id,name\r\n",  # a header alone is one line of text
        '"id;name;tier\nacme;Acme;1"\n',  # quoted: a text someone meant
    ],
)
def test_other_text_stays_another_tools(cli, write, content) -> None:
    write("programme/suppliers/k.yaml", SUPPLIER)
    write("programme/notes.yaml", content)
    result = cli("check", "--no-cache", "programme")
    assert result.exit_code == 0, result.stdout + result.stderr


def test_a_table_named_on_the_command_line_is_said_as_a_table(cli, write) -> None:
    write("s.yaml", "id;name;tier\nacme;Acme;1\n")
    result = cli("check", "--no-cache", "s.yaml")
    assert result.exit_code == 2
    assert result.lines[0].startswith("s.yaml:1:1: YML-08 error this file is a table")
