"""A plain configuration file is read the fast way (yaml-rs, positions from its lines): every
message, position and setting's origin is the one libyaml's reading gives, through the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest

from resilint.load import mapping
from resilint.load.plain_nodes import NotPlain
from resilint.load.plain_positions import PlainFile

DOC = "apiVersion: resilint/v1\nkind: Supplier\nid: s\nname: S\ntier: 2\n"

PLAIN = {
    "valid": "# ours\nfail_on: warning\nprofiles: [baseline, dora]\nexclude:\n  - drafts/\n",
    "after ---": "# ours\n---\nprofiles: []\nselect: [SCH]\n\nfail_on: never  # quiet\n",
    "indented by four": "limits:\n    max_depth: 40\n    max_file_bytes: 100000\nfail_on: info\n",
    "unknown setting": "profiles: []\nfial_on: warning\n",
    "unknown setting, last": "fail_on: error\nexclude: [a/]\nprofilez: [baseline]\n",
    "unknown limit": "fail_on: error\nlimits:\n  max_depth: 40\n  max_dept: 41\n",
    "wrong enum": "fail_on: sometimes\n",
    "wrong profile in a list": "profiles:\n  - baseline\n  - dorra\n",
    "wrong profile in a flow list": "exclude: []\nprofiles: [baseline, dorra]\n",
    "wrong type deep": "rules:\n  SUP-01:\n    level: warning\n    params:\n      x: 1\n"
    "  SUP-02:\n    level: loud\n",
    "rule code pattern": "select: [SUP-01, sup-2]\n",
    "empty per-file list": "per_file_ignores:\n  drafts: []\n",
    "a date": "as_of: 2026-11-26\nfail_on: never\n",
    "as_of not a date": "fail_on: error\nas_of: soon\n",
    "number where text": "exclude:\n  - 12\n",
    "rule directory outside": "rule_dirs:\n  - rules/\n  - ../elsewhere\n",
    "baseline outside": "fail_on: error\nbaseline: ../baseline.json\n",
    "flow mapping": "suppressions: {require_expiry: true, forbid_inlin: SUP-01}\n",
    "requirements": "requirements:\n  incident_notice: {tier_3: never}\nfail_on: error\n",
    "unknown requirement": "requirements:\n  incident_notise:\n    tier_3: never\n",
    "not ASCII": "# Überprüfung\nexclude: [entwürfe/, 'ü ü']\nfial_on: x\n",
}
NOT_PLAIN = {
    "a tab": "fail_on:\terror\nfial: 1\n",
    "CRLF": "fail_on: error\r\nfial: 1\r\n",
    "an anchor": "exclude: &x [a/]\nignore: *x\nfial: 1\n",
    "block text": "exclude:\n  - >\n    a/\nfial: 1\n",
    "duplicate key": "fail_on: error\nfail_on: never\n",
    "not a mapping": "- fail_on\n",
    "two documents": "fail_on: error\n---\nfail_on: never\n",
    "an octal-looking number": "limits:\n  max_depth: 012\n",
    "empty": "# nothing\n",
    "a list in a flow mapping": "suppressions: {require_expiry: true, forbid_inline: [SUP-1]}\n",
    "a date that does not exist": "as_of: 2026-13-01\n",
    "quoted keys": "'fail_on': error\n\"profiles\": []\nlimitz: 1\n",
    "a pattern as a key": 'per_file_ignores:\n  "drafts/**": []\n',
}


def _runs(cli, write, text: str) -> list[tuple[int, str, str]]:
    write("resilint.yaml", text.encode())
    write("suppliers/s.yaml", DOC)
    runs = [cli("config"), cli("check", "--format", "json", "--no-cache")]
    return [(run.exit_code, run.stdout, run.stderr) for run in runs]


def _slow_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Counts the files read the slow way (composed with libyaml)."""
    read: list[str] = []
    original = mapping.mapping_of

    def counted(shown: str, text: str, limits):  # type: ignore[no-untyped-def]
        read.append(shown)
        return original(shown, text, limits)

    monkeypatch.setattr(mapping, "mapping_of", counted)
    return read


@pytest.mark.parametrize("text", [*PLAIN.values(), *NOT_PLAIN.values()], ids=[*PLAIN, *NOT_PLAIN])
def test_a_configuration_reads_as_libyaml_reads_it(cli, write, monkeypatch, text):
    slow = _slow_reads(monkeypatch)
    fast = _runs(cli, write, text)
    assert bool(slow) == (text not in PLAIN.values())
    monkeypatch.setattr(mapping, "plain_file", lambda text, limits: None)  # libyaml's way
    expected = _runs(cli, write, text)
    assert fast == expected
    exit_codes = {code for code, _, _ in expected}
    assert exit_codes <= {0, 1, 2} and (2 in exit_codes) == ("resilint.yaml:" in expected[0][2])


@pytest.mark.parametrize("text", list(PLAIN.values()), ids=list(PLAIN))
def test_lines_the_plain_reader_leaves_to_libyaml_are_composed(cli, write, monkeypatch, text):
    expected = _runs(cli, write, text)

    def refused(self: PlainFile, path: object, on_key: bool) -> None:
        raise NotPlain

    monkeypatch.setattr(PlainFile, "at", refused)
    assert _runs(cli, write, text) == expected


def test_the_fast_way_shows_where_each_setting_is(cli, write, tmp_path: Path):
    write("resilint.yaml", b"# ours\n---\nprofiles: []\n\n\nfail_on: never  # quiet\n")
    write("suppliers/s.yaml", DOC)
    shown = cli("config").stdout
    assert "profiles: []  # resilint.yaml:3" in shown
    assert 'fail_on: "never"  # resilint.yaml:6' in shown
    write("resilint.yaml", b"profiles: []\nlimits:\n  max_depth: 40\n  max_dept: 41\n")
    result = cli("check")
    assert result.exit_code == 2
    assert "resilint.yaml:4:3: invalid configuration: limits: unknown setting 'max_dept'" in (
        result.stderr
    )


def test_a_value_error_is_at_the_value(cli, write):
    """A wrong value is shown where it is written, in YAML and in a pyproject.toml (whose parser
    keeps no positions: the line that sets the key, under its own table, and the value after
    its =); an unknown name at the name itself."""
    write("suppliers/s.yaml", DOC)
    write("resilint.yaml", "profiles: [baseline]\nfail_on:   sometimes\n")
    assert "resilint.yaml:2:12: invalid configuration: fail_on" in cli("check").stderr
    write("resilint.yaml", "rules:\n  IAM-02: {level: loud}\nbogus: 1\n")
    assert "resilint.yaml:3:1: invalid configuration: unknown setting 'bogus'" in (
        cli("check").stderr
    )
    toml = (
        '[tool.resilint]\nprofiles = []\n\n[tool.resilint.rules.CTR-01]\nlevel = "warning"\n\n'
        '[tool.resilint.rules.IAM-02]\nlevel =  "loud"\n'
    )
    (write("pyproject.toml", toml).parent / "resilint.yaml").unlink()  # the TOML alone
    said = cli("check").stderr
    assert "pyproject.toml:8:10: invalid configuration: rules.IAM-02.level" in said, said
