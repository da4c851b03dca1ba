"""A space that is not one, after a key: a no-break, narrow or ideographic space comes into a
YAML file with text pasted from a word processor, a spreadsheet or a web page, looks like a
space in every editor, and is not one to YAML, so the key is not read as a key. The syntax
error must name the character and the key, at the line it is on, not say that a colon is
missing (there is one) or point at the line below. Written as a procurement analyst on Windows
saves files: a UTF-8 byte order mark, CRLF line ends, a folder and a file name with spaces."""

from __future__ import annotations

import pytest

SUPPLIER = (
    "apiVersion: resilint/v1",
    "kind: Supplier",
    "id: mueller-kaffee",
    "name: Müller Kaffeerösterei GmbH",
    "owner: head-of-procurement",
)


def windows_file(*lines: str) -> bytes:
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")


CASES = [
    # (the lines after SUPPLIER, line, column, key, character)
    (("tier:\u00a03",), 6, 6, "tier", "U+00A0 NO-BREAK SPACE"),
    (("tier:\u202f3", "status: active"), 6, 6, "tier", "U+202F NARROW NO-BREAK SPACE"),
    (
        ("contacts:", "  security_24x7:", "    name:\u00a0Leitstand", "    email: it@mk.example"),
        8,
        10,
        "name",
        "U+00A0 NO-BREAK SPACE",
    ),
    (("services:", "  - name:\u3000Kaffee", "    id: kaffee"), 7, 10, "name", "U+3000"),
]


@pytest.mark.parametrize(("more", "line", "column", "key", "char"), CASES)
def test_a_pasted_space_after_a_key_is_named(cli, write, more, line, column, key, char) -> None:
    name = "Supplier Files (procurement)/Müller Kaffee (canteen).yaml"
    write(name, windows_file(*SUPPLIER, *more))
    result = cli("check", "--no-cache", "--format", "json")
    assert result.exit_code == 2, result.stdout + result.stderr
    (finding,) = result.json()["findings"]
    assert (finding["code"], finding["path"]) == ("YML-01", name)
    assert (finding["line"], finding["column"]) == (line, column)
    assert f"the space after '{key}:' is {char}" in finding["message"]
    assert "type an ordinary space in its place" in finding["message"]
    text = cli("check", "--no-cache")
    assert text.lines[0].startswith(f"{name}:{line}:{column}: YML-01 error the space after")


def test_a_look_alike_space_inside_a_quoted_value_is_text(cli, write) -> None:
    """Only the space that should end a key is in question: the same character in a value
    is text, and the syntax error elsewhere is told in its own words."""
    write("s.yaml", windows_file(*SUPPLIER, 'description: "Kaffee:\u00a0wöchentlich"', "x: [a"))
    result = cli("check", "--no-cache", "--format", "json")
    (finding,) = result.json()["findings"]
    assert finding["code"] == "YML-01"
    assert "space after" not in finding["message"]
    assert "not closed" in finding["message"]
