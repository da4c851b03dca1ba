"""How YAML is read, through the CLI: near misses of apiVersion, positions as editors count them,
syntax errors in plain words, what YAML 1.2 forbids and libyaml allows, hidden characters."""

from __future__ import annotations

import pytest

from resilint.limits import Limits
from resilint.load import load_file
from resilint.load.decode import decode
from resilint.load.positions import Lines, LoadError

PYYAML_WORDS = ("mapping values are not allowed", "while scanning", "could not find expected")


def only_finding(cli, name: str = "doc.yaml") -> dict:
    result = cli("check", name, "--format", "json")
    assert result.exit_code in (1, 2), result.stdout + result.stderr
    findings = result.json()["findings"]
    assert len(findings) == 1, findings
    text = cli("check", name)
    finding = findings[0]
    assert text.lines[0].startswith(f"{name}:{finding['line']}:{finding['column']}: ")
    assert "Traceback" not in text.stdout + text.stderr
    return finding


# --- near misses: a document that looks like resilint's is never skipped in silence -------

NEAR_MISSES = [
    ("no apiVersion", "kind: Supplier\nid: acme\nname: A\n", 1, 1, "no apiVersion"),
    ("kind in lower case", "kind: supplier\nid: acme\n", 1, 1, "no apiVersion"),
    ("key in lower case", "apiversion: resilint/v1\nkind: Supplier\nid: a\n", 1, 1, "'apiversion'"),
    ("snake key", "api_version: resilint/v1\nkind: Supplier\nid: a\n", 1, 1, "'api_version'"),
    ("misspelt key", "apiVerison: resilint/v1\nkind: Supplier\nid: a\n", 1, 1, "apiVerison"),
    ("misspelt value", "apiVersion: resillint/v1\nkind: Supplier\nid: a\n", 1, 13, "spelt"),
    ("misspelt, no kind", "apiVersion: resilient/v1\n", 1, 13, "spelt"),
    ("capital value", "apiVersion: Resilint/v1\nkind: Supplier\nid: a\n", 1, 13, "lower case"),
    ("padded value", "apiVersion: ' resilint/v1'\nkind: Supplier\nid: a\n", 1, 13, "spaces"),
    ("trailing space", 'apiVersion: "resilint/v1 "\nkind: Supplier\nid: a\n', 1, 13, "spaces"),
    ("another tool's version", "apiVersion: apps/v1\nkind: Supplier\nid: a\n", 1, 13, "another"),
    (
        "merge key",
        "<<: {apiVersion: resilint/v1}\nkind: Supplier\nid: acme\n",
        1,
        1,
        "merge key (<<)",
    ),
    (
        "merge key through an alias",
        "x-base: &base\n  apiVersion: resilint/v1\n---\n<<: {<<: {apiVersion: resilint/v1}}\n"
        "kind: Control\nid: c\n",
        4,
        1,
        "merge key (<<)",
    ),
]


@pytest.mark.parametrize(
    ("case", "text", "line", "column", "words"), NEAR_MISSES, ids=[c[0] for c in NEAR_MISSES]
)
def test_near_miss_is_a_finding_that_says_what_to_write(
    cli, write, case, text, line, column, words
):
    write("doc.yaml", text)
    finding = only_finding(cli)
    assert finding["code"] == "DOC-03"
    assert (finding["line"], finding["column"]) == (line, column)
    assert words in finding["message"]
    assert "apiVersion: resilint/v1" in finding["message"]
    assert cli("check", "doc.yaml").exit_code == 1


def test_near_miss_names_the_first_line_to_write(cli, write):
    write("doc.yaml", "kind: Supplier\nid: acme\n")
    message = only_finding(cli)["message"]
    assert "write apiVersion: resilint/v1 on the first line of this document" in message


def test_unknown_version_is_still_an_unknown_version(cli, write):
    write("doc.yaml", "apiVersion: resilint/v2\nkind: Supplier\nid: a\n")
    codes = cli("check", "doc.yaml", "--format", "json").codes()
    assert "DOC-01" in codes and "DOC-03" not in codes


OTHER_TOOLS = {
    ".github/workflows/ci.yaml": """\
        name: CI
        on: [push, pull_request]
        jobs:
          test:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v4
              - run: make test
        """,
    "chart/values.yaml": """\
        replicaCount: 2
        image: {repository: nginx, tag: "1.25"}
        service: {type: ClusterIP, port: 80}
        kind: web
        id: frontend
        """,
    "k8s/deployment.yaml": """\
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, labels: {app: web}}
        spec:
          replicas: 2
          template:
            spec:
              containers: [{name: web, image: "nginx:1.25"}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web}
        spec: {ports: [{port: 80}]}
        """,
    "k8s/crd.yaml": """\
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: suppliers.example.com}
        spec: {names: {kind: Supplier}}
        """,
    "compose.yaml": "services:\n  db: {image: postgres, environment: {id: x}}\n",
}


def test_yaml_of_other_tools_is_left_alone(cli, write):
    for name, text in OTHER_TOOLS.items():
        write(name, text)
    # beside the programme, as in a real repository (a directory of nothing but other tools'
    # YAML is refused: test_a_directory_without_any_resilint_document_fails)
    write("programme/control.yaml", "apiVersion: resilint/v1\nkind: Control\nid: c\nname: C\n")
    result = cli("check", ".", "--format", "json")
    assert result.json()["findings"] == [], result.stdout
    assert result.json()["summary"]["documents"] == 1
    assert result.exit_code == 0


def test_near_miss_beside_a_good_document_does_not_hide_it(cli, write):
    write(
        "doc.yaml",
        "apiVersion: resilint/v1\nkind: Supplier\nid: a\nname: A\nbogus: 1\n---\n"
        "kind: Supplier\nid: b\n",
    )
    result = cli("check", "doc.yaml", "--format", "json")
    codes = {(f["code"], f["line"]) for f in result.json()["findings"]}
    assert ("DOC-03", 7) in codes and ("SCH-01", 5) in codes


# --- positions as editors count them --------------------------------------------------------

BREAKS = {"LF": "\n", "CRLF": "\r\n", "CR": "\r"}
# Before the line that matters: a quoted value holding characters libyaml counts as line breaks
# and editors do not, so a position taken from libyaml's own line count would be off by three.
NOT_BREAKS = 'name: "Acme\u2028Logistics\x85Ltd\u2029"'

STAGES = [
    # (stage, line 5 of the file, code, column)
    ("encoding", "notes: a\x00b", "ENC-02", 9),
    ("hidden character", "notes: a\u202eb", "ENC-03", 9),
    ("syntax", "notes: [a, b", "YML-01", None),
    ("schema", "bogus: 1", "SCH-01", 1),
]


@pytest.mark.parametrize("stage", STAGES, ids=[s[0] for s in STAGES])
@pytest.mark.parametrize("form", list(BREAKS))
def test_positions_in_every_stage_count_cr_lf_and_crlf_only(cli, write, form, stage):
    _, line5, code, column = stage
    lines = ["apiVersion: resilint/v1", NOT_BREAKS, "kind: Supplier", "id: acme", line5]
    write("doc.yaml", BREAKS[form].join(lines).encode("utf-8") + BREAKS[form].encode())
    findings = cli("check", "doc.yaml", "--format", "json").json()["findings"]
    found = [f for f in findings if f["code"] == code]
    assert found, findings
    assert found[0]["line"] in ((5, 6) if code == "YML-01" else (5,))  # unclosed [ : at 5 or EOF
    if column is not None:
        assert found[0]["column"] == column
    rules = [f for f in findings if f["code"].startswith("SUP-")]
    for finding in rules:  # a rule's finding is at the id, on line 4
        assert (finding["line"], finding["column"]) == (4, 5)
    if code in ("ENC-03", "SCH-01"):
        assert rules, findings


@pytest.mark.parametrize("form", list(BREAKS))
def test_syntax_error_line_in_each_line_break_form(cli, write, form):
    lines = ["apiVersion: resilint/v1", NOT_BREAKS, "kind: Supplier", "id: acme", "x: a: b"]
    write("doc.yaml", BREAKS[form].join(lines).encode("utf-8"))
    finding = only_finding(cli)
    assert (finding["code"], finding["line"], finding["column"]) == ("YML-01", 5, 5)


def test_line_separator_in_a_comment_stays_in_the_comment(write):
    text = "apiVersion: resilint/v1\nkind: Supplier\nid: acme # note\u2028d: e\nname: A\x85B\n"
    loaded = load_file(write("doc.yaml", text), Limits())
    assert loaded.findings == ()
    assert loaded.documents[0].data == {
        "apiVersion": "resilint/v1",
        "kind": "Supplier",
        "id": "acme",
        "name": "A\x85B",
    }


def test_line_separators_inside_values_are_kept(write):
    text = "apiVersion: resilint/v1\nkind: Supplier\nid: a\nname: 'x\u2028y'\nnote: |\n  p\u2029q\n"
    data = load_file(write("doc.yaml", text), Limits()).documents[0].data
    assert (data["name"], data["note"]) == ("x\u2028y", "p\u2029q\n")


def test_lines_maps_offsets_as_editors_do():
    lines = Lines("a\r\nb\rc\nd\u2028e\x85f")
    assert [lines.position(i) for i in (0, 3, 5, 7, 9, 11)] == [
        (1, 1),
        (2, 1),
        (3, 1),
        (4, 1),
        (4, 3),
        (4, 5),
    ]
    assert lines.position(10_000) == (4, 6)  # the end of the file, never a line past it


def test_unclosed_value_at_the_end_of_a_file_without_final_newline(cli, write):
    write("doc.yaml", "apiVersion: resilint/v1\nkind: Supplier\nid: acme\nnotes: 'open")
    finding = only_finding(cli)
    assert (finding["code"], finding["line"]) == ("YML-01", 4)


# --- one load-error type for every stage ---------------------------------------------------


def test_every_stage_raises_the_same_load_error():
    from resilint.load import compose_text
    from resilint.load.convert import Converter

    with pytest.raises(LoadError) as encoding:
        decode(b"a: Z\xfcrich\r\nb: 1\n")
    assert (encoding.value.code, encoding.value.line, encoding.value.column) == ("ENC-01", 1, 5)
    with pytest.raises(LoadError) as syntax:
        compose_text("a: 1\rb: [\r", Limits())
    assert (syntax.value.code, syntax.value.line) == ("YML-01", 3)  # the end, after 2 CRs
    text = "a: 1\rb: 2026-02-30\r"
    (root,) = compose_text(text, Limits())
    with pytest.raises(LoadError) as value:
        Converter(Limits(), Lines(text)).convert(root)
    assert (value.value.code, value.value.line, value.value.column) == ("YML-07", 2, 4)


# --- syntax errors in plain words ------------------------------------------------------------

HEADER = "apiVersion: resilint/v1\nkind: Supplier\nid: acme\n"

SYNTAX = [
    # (case, body after HEADER, code, line, column, words)
    (
        "unquoted colon",
        "name: Acme: the best\n",
        "YML-01",
        4,
        11,
        'put the whole value in quotes: name: "Acme: the best"',
    ),
    ("tab", "contacts:\n\temail: a@example.com\n", "YML-01", 5, 1, "indent with spaces"),
    ("key one level too deep", "name: A\n  tier: 1\n", "YML-01", 5, 3, "line it up with 'name:'"),
    (
        "key one space off",
        "contacts:\n  email: a@example.com\n tier: 1\n",
        "YML-01",
        6,
        2,
        "does not line up",
    ),
    ("unclosed quote", "notes: 'open\ntier: 1\n", "YML-01", 4, 8, "never closed"),
    ("unclosed bracket", "tags: [a, b\ntier: 1\n", "YML-01", 5, None, "opened with '['"),
    ("list under a value", "name: A\n- x\n", "YML-01", 5, 1, "a list item ('- ')"),
    ("reserved character", "name: @acme\n", "YML-01", 4, 7, "cannot start with '@'"),
    (
        "comma in a flow mapping",
        "items: [{name: a, description: first, and where the live log}]\n",
        "YML-01",
        4,
        39,
        "'and where the live log' reads as a field name",
    ),
    (
        "missing document separator",
        "name: A\napiVersion: resilint/v1\nkind: Supplier\nid: b\n",
        "YML-02",
        5,
        1,
        "a line '---' is missing before line 5",
    ),
]


@pytest.mark.parametrize(
    ("case", "body", "code", "line", "column", "words"), SYNTAX, ids=[c[0] for c in SYNTAX]
)
def test_syntax_errors_in_plain_words(cli, write, case, body, code, line, column, words):
    write("doc.yaml", HEADER + body)
    finding = only_finding(cli)
    assert (finding["code"], finding["line"]) == (code, line)
    if column is not None:
        assert finding["column"] == column
    assert words in finding["message"]
    assert not any(words in finding["message"] for words in PYYAML_WORDS)
    assert cli("check", "doc.yaml").exit_code == 2


def test_a_duplicate_ordinary_key_gets_no_separator_hint(cli, write):
    write("doc.yaml", HEADER + "name: A\nname: B\n")
    finding = only_finding(cli)
    assert finding["code"] == "YML-02" and "---" not in finding["message"]


# --- what YAML 1.2 forbids and libyaml lets through ------------------------------------------

STRICT = [
    ("comment glued to a quoted value", 'name: "A"# note\n', 4, 10, "' #'"),
    ("comment glued to a block header", "notes: ># note\n  text\n", 4, 9, "'#'"),
    ("quoted value continued at column 1", 'notes: "first\nsecond"\n', 5, 1, "indented"),
    ("list continued at column 1", "tags: [a,\nb]\n", 5, 1, "indented"),
    ("blank lines wider than the text", "notes: >\n   \n  \n # c\n", 5, 1, "blank line"),
    ("directive inside a stream", "%YAML 1.2\n---\nname: A\n", 4, 1, "'...'"),
    ("comment glued to a comma", "tags: [a, b,# note\n  ]\n", 4, 13, "' #'"),
    ("comment glued to a bracket", "tags: {# note\n  a: b}\n", 4, 8, "' #'"),
    ("a dash alone in a list", "tags: [a, -]\n", 4, 11, "'-' cannot start a value"),
]


@pytest.mark.parametrize(
    ("case", "body", "line", "column", "words"), STRICT, ids=[c[0] for c in STRICT]
)
def test_what_yaml_1_2_forbids_is_a_syntax_error(cli, write, case, body, line, column, words):
    write("doc.yaml", (HEADER + body).encode())  # bytes: blank lines keep their spaces
    finding = only_finding(cli)
    assert (finding["code"], finding["line"], finding["column"]) == ("YML-01", line, column)
    assert words in finding["message"]


@pytest.mark.parametrize("text", ['name: "CI"# glued\non: push\n', "- [-, -]\n", "[ a,#c\n]\n"])
def test_strict_checks_cover_yaml_of_other_tools_too(cli, write, text):
    write("ci.yaml", text)
    assert only_finding(cli, "ci.yaml")["code"] == "YML-01"


def test_what_yaml_1_2_allows_stays_allowed(cli, write):
    write(
        "doc.yaml",
        HEADER + "name: 'Acme\n  Logistics'\ntags: [\n  a,\n  b,\n]\n"
        "notes: |\n\n  text\n    more # not a comment\n"
        'website: "https://example.com/#x" # a comment\n'
        'labels: {a: "b,#c", d: [-1, -x, ":y", "-"], e: x#y} # ok\n',
    )
    codes = cli("check", "doc.yaml", "--format", "json").codes()
    assert not [code for code in codes if code.startswith(("YML", "ENC", "DOC"))], codes


# --- bidi controls and invisible characters ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "column", "name"),
    [
        ("name: acme\u202e lanoitanretni\n", 11, "U+202E RIGHT-TO-LEFT OVERRIDE"),
        ("name: \u2066acme\n", 7, "U+2066 LEFT-TO-RIGHT ISOLATE"),
        ("name: acme\u200blogistics\n", 11, "U+200B ZERO WIDTH SPACE"),
        ("name: acme\u200dlogistics\n", 11, "U+200D ZERO WIDTH JOINER"),
        ("name: acme # \u202eetoN\n", 14, "U+202E"),
        ("name: acme\u00adlogistics\n", 11, "U+00AD SOFT HYPHEN"),
    ],
)
def test_hidden_characters_are_a_finding_at_their_place(cli, write, text, column, name):
    write("doc.yaml", HEADER + text)
    result = cli("check", "doc.yaml", "--format", "json")
    hidden = [f for f in result.json()["findings"] if f["code"] == "ENC-03"]
    assert [(f["line"], f["column"]) for f in hidden] == [(4, column)]
    assert name in hidden[0]["message"] and "Trojan Source" in hidden[0]["message"]
    assert result.exit_code == 1
    assert any(f["code"].startswith("SUP-") for f in result.json()["findings"])  # still checked


def test_joiners_that_scripts_and_emoji_need_are_not_flagged(cli, write):
    write(
        "doc.yaml",
        HEADER + "name: \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645\n"
        "notes: \U0001f468\u200d\U0001f469\u200d\U0001f467 \u0915\u094d\u200d\u0937\n",
    )
    assert "ENC-03" not in cli("check", "doc.yaml", "--format", "json").codes()


def test_many_hidden_characters_are_reported_up_to_a_limit(write):
    loaded = load_file(write("doc.yaml", HEADER + "notes: " + "a\u200b" * 30 + "\n"), Limits())
    hidden = [f for f in loaded.findings if f.code == "ENC-03"]
    assert len(hidden) == 21 and "10 more" in hidden[-1].message


def test_libyaml_marks_count_characters_not_bytes():
    """The one conversion trusts ``mark.index`` to count characters of the text given to the
    parser (not UTF-8 bytes); a PyYAML that changed this would shift every column."""
    from resilint.load import compose_text

    text = 'name: "\u65e5\u672c\U0001f600"\nkey: v\n'
    (root,) = compose_text(text, Limits())
    key = root.value[1][0]
    assert key.start_mark.index == text.index("key")
    assert Lines(text).mark(key.start_mark) == (2, 1)
