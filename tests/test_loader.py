"""The loader on its own: YAML 1.2 meanings, duplicates, merges and positions."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from resilint.limits import Limits
from resilint.load import load_file

HEADER = "apiVersion: resilint/v1\nkind: Supplier\nid: s\n"


def load(write, body: str, limits: Limits | None = None):
    return load_file(write("doc.yaml", HEADER + body), limits or Limits())


def value(write, body: str):
    loaded = load(write, body)
    assert not loaded.findings, loaded.findings
    return loaded.documents[0].data["v"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("NO", "NO"),
        ("yes", "yes"),
        ("off", "off"),
        ("on", "on"),
        ("22:22", "22:22"),
        ("01234", "01234"),
        ("1.10", 1.1),
        ("true", True),
        ("False", False),
        ("~", None),
        ("null", None),
        ("", None),
        ("12", 12),
        ("-3", -3),
        ("0x1F", 31),
        ("0o17", 15),
        ("1e3", 1000.0),
        ("2026-02-28", "2026-02-28"),
        ("'1.10'", "1.10"),
        ('"yes"', "yes"),
        ("!!str 12", "12"),
        ("!!int 12", 12),
        ("!!float 1", 1.0),
        ("y", "y"),
        ("0", 0),
    ],
)
def test_plain_scalars_have_yaml_1_2_meanings(write, text, expected):
    result = value(write, f"v: {text}\n")
    assert result == expected and type(result) is type(expected)


def test_keys_are_never_booleans(write):
    loaded = load(write, "on: yes\nno: off\n")
    assert loaded.documents[0].data["on"] == "yes"
    assert loaded.documents[0].data["no"] == "off"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-02-30", "invalid date 2026-02-30"),
        ("2025-02-29", "invalid date 2025-02-29"),
        ("2026-13-01", "invalid date 2026-13-01"),
        ("1" * 5000, "integer too long (5,000 digits)"),
        (".nan", "not a finite number"),
        ("-.inf", "not a finite number"),
        ("!!int abc", "'abc' is not a valid int"),
    ],
)
def test_values_that_cannot_be_read_are_refused_at_their_line(write, text, message):
    loaded = load(write, f"x: 1\nv: {text}\n")
    (finding,) = loaded.findings
    assert (finding.code, finding.line, finding.column) == ("YML-07", 5, 4)
    assert message in finding.message


def test_duplicate_key_names_both_lines(write):
    loaded = load(write, "name: a\nnotes: b\nname: c\n")
    (finding,) = loaded.findings
    assert (finding.code, finding.line, finding.column) == ("YML-02", 6, 1)
    assert "already defined at line 4" in finding.message


def test_merge_keys_and_anchors_are_accepted(write):
    body = "base: &b {a: 1, b: 2}\nx: {<<: *b, b: 3}\ny:\n  <<: [*b, {c: 4}]\n  a: 0\nz: {<<: *b}\n"
    data = load(write, body).documents[0].data
    assert data["x"] == {"a": 1, "b": 3}
    assert data["y"] == {"a": 0, "b": 2, "c": 4}
    assert data["z"] == {"a": 1, "b": 2}


def test_several_documents_in_one_file(write):
    path = write(
        "multi.yaml",
        HEADER + "---\n" + HEADER.replace("id: s", "id: t") + "---\nkind: Other\n---\n",
    )
    loaded = load_file(path, Limits())
    assert [(d.index, d.line, d.data["id"]) for d in loaded.documents] == [(0, 1, "s"), (1, 5, "t")]


def test_documents_of_other_tools_are_left_alone(write):
    path = write("ci.yaml", "on: push\njobs: {build: {runs-on: ubuntu-latest}}\n")
    assert load_file(path, Limits()) == load_file(path, Limits()).__class__(str(path))


def test_empty_and_comment_only_files_hold_no_documents(write):
    for name, text in [
        ("empty.yaml", ""),
        ("comments.yaml", "# nothing\n"),
        ("null.yaml", "~\n"),
        ("dashes.yaml", "---\n---\n"),
    ]:
        loaded = load_file(write(name, text), Limits())
        assert loaded.documents == () and loaded.findings == (), name


def test_depth_limit_is_inclusive(write):
    def nested(levels: int) -> str:  # the root mapping is the first level
        return "v: " + "[" * (levels - 1) + "1" + "]" * (levels - 1) + "\n"

    limits = Limits(max_depth=10)
    assert not load(write, nested(10), limits).findings
    (finding,) = load(write, nested(11), limits).findings
    assert finding.code == "YML-05"


def test_alias_expansion_is_measured_without_expanding(write):
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        refs = ",".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    loaded = load(write, "\n".join(lines) + "\n")
    (finding,) = loaded.findings
    assert finding.code == "YML-06" and "expand to more than 50,000" in finding.message
    assert finding.line == 4 + 4  # the anchor whose expansion first passes the limit


def test_recursive_alias_is_refused_never_null(write):
    (finding,) = load(write, "a: &x {b: *x}\n").findings
    assert finding.code == "YML-06" and "recursive alias" in finding.message
    assert finding.line == 4


def test_dates_stay_iso_text(write):
    assert value(write, "v: 2026-03-31\n") == "2026-03-31"


def test_file_positions_are_one_based(write, tmp_path: Path):
    loaded = load_file(write("bad.yaml", "a: [1, 2\n"), Limits())
    (finding,) = loaded.findings
    assert finding.code == "YML-01" and finding.line >= 1 and finding.column >= 1


def test_other_tools_yaml_is_never_walked(write):
    """Tags and aliases of another tool's file (Ansible vault, a CI workflow) are not ours."""
    path = write("vault.yaml", "secret: !vault |\n  $ANSIBLE_VAULT;1.1\nx: &a [*a]\n")
    assert load_file(path, Limits()).findings == ()


@pytest.mark.parametrize("size", [0, 1, 1000, 65535, 65536, 65537, 3 * 65536 + 5])
def test_a_file_is_read_whole_in_as_few_reads_as_its_size_allows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: int
) -> None:
    """A regular file is read to its end; one whose first read gives exactly the size ``fstat``
    gave needs no further read to find its end."""
    from resilint.load import read as reading

    content = bytes(i % 251 for i in range(size))
    path = tmp_path / "f.yaml"
    path.write_bytes(content)
    calls: list[int] = []
    real_read = os.read

    def counted(fd: int, n: int) -> bytes:
        calls.append(n)
        return real_read(fd, n)

    monkeypatch.setattr(reading.os, "read", counted)
    assert reading.read_regular(path, 10 * 2**20) == content
    if 0 < size < reading._CHUNK:
        assert len(calls) == 1


def test_a_file_longer_than_fstat_said_is_read_on_to_its_end(tmp_path: Path) -> None:
    """A file that grew after ``fstat`` (its first read gives more than the size known) or a
    file system that answers in parts is read on: nothing is cut short."""
    from resilint.load import read as reading

    content = b"x" * 200_000
    path = tmp_path / "f.yaml"
    path.write_bytes(content)
    fd = os.open(path, os.O_RDONLY)
    try:
        assert reading._read_at_most(fd, 10 * 2**20, 100) == content
    finally:
        os.close(fd)
