"""Nothing from the data or a file name reaches any output format raw: no newline that starts a
CI workflow command, no terminal escape, no bidi control; SARIF URIs are percent-encoded."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from resilint.reporters.base import _CONTROL, printable

FORMATS = ("text", "json", "sarif", "junit", "github", "gitlab", "markdown")
RAW = ("\n::", "\x1b", "\u202e", "\u2066", "\u200b", "\x85")

# A reference whose value carries a newline, a workflow command, an ESC and a bidi override:
# REF-01 quotes the value in its message. The escapes' own findings (ENC-03, ENC-04) are ignored
# where a test reads REF-01 alone.
HOSTILE_VALUE = (
    "apiVersion: resilint/v1\n"
    "kind: Contract\n"
    "id: ctr-x\n"
    'supplier: "acme\\n::error file=x::owned \\e[31m\\u202Eevil\\u2066\\u200b"\n'
)


QUOTED_ONLY = ("--no-cache",)
ESCAPES_ACCEPTED = 'per_file_ignores: {"c*.yaml": [ENC-03, ENC-04]}\n'


def _outputs(cli, tmp_path: Path) -> dict[str, str]:
    return {
        name: cli("check", ".", *QUOTED_ONLY, "--no-color", "--format", name, cwd=tmp_path).stdout
        for name in FORMATS
    }


@pytest.mark.parametrize("name", FORMATS)
def test_values_from_the_data_are_escaped_in_every_format(cli, write, tmp_path, name) -> None:
    write("contract.yaml", HOSTILE_VALUE)
    write("resilint.yaml", ESCAPES_ACCEPTED)
    output = _outputs(cli, tmp_path)[name]
    assert "REF-01" in output
    for raw in RAW:
        assert raw not in output, (name, raw)
    assert not any(line.startswith("::error file=x") for line in output.splitlines())


@pytest.mark.parametrize("name", FORMATS)
def test_file_names_are_escaped_in_every_format(cli, write, tmp_path, name) -> None:
    hostile = "x\n::warning file=a::pwned\x1b[2J\u202eyaml.yaml"
    (tmp_path / hostile).write_text("apiVersion: resilint/v1\nkind: Supplier\nid: BAD ID\n")
    output = cli("check", ".", "--no-cache", "--format", name, cwd=tmp_path).stdout
    assert "SCH-01" in output
    for raw in RAW:
        assert raw not in output, (name, raw)
    assert not any(line.startswith("::warning file=a::pwned") for line in output.splitlines())


def test_sarif_uris_are_percent_encoded(cli, tmp_path: Path) -> None:
    (tmp_path / "a dir#1").mkdir()
    (tmp_path / "a dir#1" / "50% off?.yaml").write_text(
        "apiVersion: resilint/v1\nkind: Supplier\nid: BAD ID\n"
    )
    sarif = json.loads(cli("check", ".", "--no-cache", "--format", "sarif", cwd=tmp_path).stdout)
    uris = {
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for result in sarif["runs"][0]["results"]
    }
    assert uris == {"a%20dir%231/50%25%20off%3F.yaml"}


def test_text_output_keeps_one_finding_per_line(cli, write, tmp_path) -> None:
    write("contract.yaml", HOSTILE_VALUE)
    write("resilint.yaml", ESCAPES_ACCEPTED)
    lines = cli("check", ".", *QUOTED_ONLY, "--no-color", cwd=tmp_path).stdout.splitlines()
    assert lines[0].startswith("contract.yaml:4:11: REF-01 error")
    assert "acme\\n::error file=x::owned \\x1b[31m\\u202eevil\\u2066\\u200b" in lines[0]


HOSTILE_ARGUMENT = "a\n::error::owned\x1b[31m\u202e"
ARGUMENT_CASES = [
    ("check unknown rule", ("check", "--select", HOSTILE_ARGUMENT)),
    ("check date", ("check", "--as-of", HOSTILE_ARGUMENT)),
    ("check output spec", ("check", "-o", HOSTILE_ARGUMENT)),
    ("impact supplier", ("impact", "--supplier", HOSTILE_ARGUMENT)),
    ("card supplier", ("card", HOSTILE_ARGUMENT)),
    ("new id", ("new", "Supplier", HOSTILE_ARGUMENT)),
    (
        "waive code",
        (
            "waive",
            HOSTILE_ARGUMENT,
            "--target",
            "s",
            "--reason",
            "r",
            "--until",
            "2027-01-01",
            "--owner",
            "o",
        ),
    ),
    ("schema kind", ("schema", HOSTILE_ARGUMENT)),
    ("explain code", ("explain", HOSTILE_ARGUMENT)),
    ("rename kind", ("rename", HOSTILE_ARGUMENT, "a", "b")),
]


@pytest.mark.parametrize(("case", "args"), ARGUMENT_CASES, ids=[c[0] for c in ARGUMENT_CASES])
def test_what_was_typed_is_escaped_in_error_messages(cli, write, case, args) -> None:
    """A usage error quotes the argument: a newline in it must not start a line a CI log runs
    as a workflow command (the runner trims leading spaces, so only escaping helps)."""
    write("s.yaml", "apiVersion: resilint/v1\nkind: Supplier\nid: s\nname: S\n")
    result = cli(*args)
    assert result.exit_code == 2, result.stdout + result.stderr
    both = result.stdout + result.stderr
    assert "a\\n::error::owned" in both.replace("A\\n::ERROR::OWNED", "a\\n::error::owned")
    for raw in RAW:
        assert raw not in both, (case, raw)
    assert not any(line.lstrip().startswith("::error::owned") for line in both.splitlines())


def test_junit_parses_with_characters_xml_cannot_hold(cli, write, tmp_path) -> None:
    write("c.yaml", HOSTILE_VALUE.replace("acme", "a\\x01\\x08\\uFFFE\\uFFFF\\x0b\\x0c]]>"))
    write("resilint.yaml", ESCAPES_ACCEPTED)
    output = cli("check", ".", *QUOTED_ONLY, "--format", "junit", cwd=tmp_path).stdout
    from xml.etree import ElementTree

    failure = ElementTree.fromstring(output).find(".//failure")
    assert failure is not None and "\\ufffe\\uffff" in failure.get("message", "")


def test_markdown_notifies_no_one_and_loads_no_image(cli, write, tmp_path) -> None:
    """A pull-request comment must not @mention a person or team, or show an image, from a
    value: a mention notifies, an image loads from the attacker's server when read."""
    write("c.yaml", HOSTILE_VALUE.replace("acme", "@everyone @org/team ![x](http://e/p.png) a@b.c"))
    output = cli("check", ".", "--no-cache", "--format", "markdown", cwd=tmp_path).stdout
    assert "@&#8203;everyone @&#8203;org/team" in output
    assert "\\!\\[x\\]" in output and "a@b.c" in output


@pytest.mark.parametrize("name", FORMATS)
def test_a_quoted_value_of_500000_characters_is_cut(cli, write, tmp_path, name) -> None:
    """A message quotes the value: every format shows at most 10,000 characters of it."""
    write("c.yaml", HOSTILE_VALUE.replace('"acme', '"' + "a" * 500_000))
    output = cli("check", ".", "--no-cache", "--format", name, cwd=tmp_path).stdout
    assert "REF-01" in output
    assert len(output) < 50_000
    assert "characters in all" in output


@pytest.mark.parametrize(
    "text",
    [
        *(chr(i) for i in range(160)),
        "plain ascii, with punctuation: ~!@#$%^&*()_+{}|<>?",
        "tab\tnewline\ncarriage\rbell\x07 delete\x7f",
        "caf\u00e9 \u2028 \u202e \ud800 \ufeff",
        "",
    ],
)
def test_printable_escapes_what_its_expression_matches_and_nothing_else(text: str) -> None:
    escaped = _CONTROL.sub(
        lambda m: m.group().encode("unicode_escape", "backslashreplace").decode("ascii"), text
    )
    assert printable(text) == escaped


def test_every_invisible_format_character_is_escaped() -> None:
    """Each format character (Unicode category Cf: a soft hyphen, a tag character, a
    deprecated bidi format) hides or reorders text in a terminal or a review: none is sent raw."""
    import sys
    import unicodedata

    invisible = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"]
    assert len(invisible) > 150
    raw = [hex(ord(c)) for c in invisible if c in printable(f"a{c}b")]
    assert raw == []


# GitHub's runner reads `::command::` at the start of a line of a job's log, after blanks, and
# its older `##[command]` form anywhere in a line (`##[stop-commands]x` turns off every later
# annotation of the step): a file name or a value must start or hold neither in any output.
OWN_COMMANDS = ("::error file=", "::warning file=", "::notice file=")


@pytest.mark.parametrize(
    "args",
    [("--format", name) for name in FORMATS] + [("--statistics",), ("--group-by", "rule")],
    ids=[*FORMATS, "statistics", "group-by"],
)
def test_no_file_name_or_value_runs_a_workflow_command_in_a_ci_log(
    cli, write, tmp_path, args
) -> None:
    (tmp_path / "::stop-commands::tok.yaml").write_text(
        "apiVersion: resilint/v1\nkind: Supplier\nid: BAD ID\n"
    )
    write("contract.yaml", HOSTILE_VALUE.replace("acme", "acme ##[error]forged ##[stop-commands]t"))
    result = cli("check", ".", "--no-cache", "--no-color", *args, cwd=tmp_path)
    both = result.stdout + result.stderr
    assert "SCH-01" in both and "REF-01" in both, both
    assert "##[" not in both
    commands = [line.lstrip() for line in both.splitlines() if line.lstrip().startswith("::")]
    assert all(line.startswith(OWN_COMMANDS) for line in commands), commands


def test_impact_text_starts_no_line_with_a_workflow_command(cli, write, tmp_path) -> None:
    """An owner from the data starts a line of `resilint impact`'s list of owners."""
    write(
        "s.yaml", 'apiVersion: resilint/v1\nkind: Supplier\nid: s\nname: S\nowner: "::error::x"\n'
    )
    output = cli("impact", "--supplier", "s", cwd=tmp_path).stdout
    assert "\\x3a:error::x: owns the relationship with s" in output
    assert not any(line.lstrip().startswith("::") for line in output.splitlines())


def test_markdown_makes_no_link_from_a_backslash_in_a_value_or_file_name(
    cli, write, tmp_path
) -> None:
    """A backslash from the data came before the escape of the next character, and undid it:
    `\\[x\\](https://e)` became a link in the pull-request comment, `\\|` ended the cell."""
    (tmp_path / "\\[f\\](https:evil.example).yaml").write_text(
        "apiVersion: resilint/v1\nkind: Supplier\nid: BAD ID\n"
    )
    write("c.yaml", HOSTILE_VALUE.replace("acme", "\\\\[v\\\\](https://evil.example) \\\\| x"))
    output = cli("check", ".", "--no-cache", "--format", "markdown", cwd=tmp_path).stdout
    assert "\\\\\\[v\\\\\\](https://evil.example) \\\\\\| x" in output
    assert "\\\\\\[f\\\\\\](https:evil.example).yaml" in output
    markdown_it = pytest.importorskip("markdown_it", reason="no Markdown renderer installed")
    html = markdown_it.MarkdownIt("commonmark").enable("table").render(output)
    assert "<a " not in html and "<img" not in html
    rows = [row for row in html.split("<tr>") if "<td" in row]
    assert rows and all(row.count("<td") == 4 for row in rows)


RULE_WITH_COMMANDS = """\
rules:
  - code: ACME-01
    name: acme-named
    level: error
    profiles: [baseline]
    title: "T ##[stop-commands]t"
    rationale: "R ##[error]r"
    references: ["Ref ##[error]r"]
    remediation: "Fix ##[error]r"
    select: Supplier
    require:
      - that: {field: supplier.name, equals: "never"}
        message: "named {supplier.id}"
    examples:
      pass: |
        apiVersion: resilint/v1
        kind: Supplier
        id: s1
        name: never
      fail: |
        apiVersion: resilint/v1
        kind: Supplier
        id: s1
        name: other
      expect:
        - {id: s1, line: 3}
"""


@pytest.mark.parametrize("args", [("check", "--format", "sarif"), ("rules", "--format", "json")])
def test_json_holds_a_rule_files_text_whole_and_runs_no_workflow_command(
    cli, write, tmp_path, args
) -> None:
    """A repository's rule file is shown as written in SARIF's rules and in `rules --format
    json` (not escaped as the data is): its `##[`, which GitHub's runner reads anywhere in a
    line of a log, is written `##\\u005b`, which a JSON reader reads back as `##[`."""
    write("resilint.yaml", "rule_dirs: [mine]\n")
    write("mine/acme.yaml", RULE_WITH_COMMANDS)
    write("s.yaml", "apiVersion: resilint/v1\nkind: Supplier\nid: s1\nname: S\ntier: 3\n")
    result = cli(*args, "--no-cache" if args[0] == "check" else "--profile=baseline", cwd=tmp_path)
    assert "##[" not in result.stdout + result.stderr
    data = json.loads(result.stdout)
    rules = data["runs"][0]["tool"]["driver"]["rules"] if args[0] == "check" else data
    (acme,) = (rule for rule in rules if rule.get("code", rule.get("id")) == "ACME-01")
    assert "T ##[stop-commands]t" in json.dumps(acme, ensure_ascii=False)
