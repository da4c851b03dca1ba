"""Every row of the hostile-input catalogue, through the CLI: a finding with file, line and column,
a non-zero exit, never a traceback."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

HEADER = "apiVersion: resilint/v1\nkind: Supplier\nid: s\nname: S\n"


def lol_bomb() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    return HEADER + "\n".join(lines) + "\n"


# A gzip stream (header, then bytes as compressed data looks) and bytes of no text format.
GZIP = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + bytes(range(0x80, 0x100)) * 3
NOISE = bytes(range(256))
LONG_KEY = (
    "this key is {} characters long, and YAML reads a key written as 'key: value' (an implicit "
    "key) only up to 1,024 characters; shorten the key"
)

CASES = [
    # (row, file bytes, code, line, column, words in the message)
    ("1 alias bomb", lol_bomb(), "YML-06", 9, 4, "expand to more than"),
    ("3 recursive alias", HEADER + "a: &x {b: *x}\n", "YML-06", 5, 4, "recursive alias"),
    ("4 100,000 [", HEADER + "x: " + "[" * 100_000, "YML-05", 5, None, "nested"),
    (
        "5 2,000-level mapping",
        HEADER + "".join(f"{' ' * i}k{i}:\n" for i in range(2000)),
        "YML-05",
        None,
        None,
        "nested",
    ),
    (
        "8 5,000-digit integer",
        HEADER + "n: " + "9" * 5000 + "\n",
        "YML-07",
        5,
        4,
        "integer too long",
    ),
    ("9 duplicate key", HEADER + "name: T\n", "YML-02", 5, 1, "already defined at line 4"),
    (
        "9 duplicate merge key",
        HEADER + "<<: {tier: 3}\n<<: {tier: 1}\n",
        "YML-02",
        6,
        1,
        "duplicate key '<<': it is already defined at line 5; write one merge key with a list",
    ),
    (
        "9 duplicate merge key in {...}",
        HEADER + "c: {<<: {a: 1}, <<: {b: 2}}\n",
        "YML-02",
        5,
        17,
        "duplicate key '<<': it is already defined at line 5",
    ),
    ("17 impossible date", HEADER + "d: 2026-02-30\n", "YML-07", 5, 4, "invalid date"),
    ("17 leap day", HEADER + "d: 2025-02-29\n", "YML-07", 5, 4, "invalid date"),
    ("17 month 13", HEADER + "d: 2026-13-01\n", "YML-07", 5, 4, "invalid date"),
    (
        "19 python tag",
        HEADER + "x: !!python/object/apply:os.system ['touch /tmp/pwned']\n",
        "YML-03",
        5,
        4,
        "not allowed",
    ),
    ("20 include", HEADER + "x: !include /etc/passwd\n", "YML-03", 5, 4, "not allowed"),
    ("19 tagged key", HEADER + "!!python/object:os.system x: 1\n", "YML-03", 5, 1, "not allowed"),
    ("21 binary", HEADER + "x: !!binary aGVsbG8=\n", "YML-03", 5, 4, "unsupported type"),
    ("21 set", HEADER + "x: !!set {a: null}\n", "YML-03", 5, 4, "unsupported type"),
    ("21 omap", HEADER + "x: !!omap [a: 1]\n", "YML-03", 5, 4, "unsupported type"),
    ("22 int key", HEADER + "1: x\n", "YML-04", 5, 1, "keys must be strings"),
    ("22 null key", HEADER + "null: y\n", "YML-04", 5, 1, "keys must be strings"),
    ("22 list key", HEADER + "? [a, b]\n: c\n", "YML-04", 5, 3, "keys must be strings"),
    ("23 YAML 1.3", "%YAML 1.3\n---\n" + HEADER, "YML-01", 1, 1, "unsupported %YAML"),
    ("26 scalar", "just text\n", "YML-08", 1, 1, "top level is a single value"),
    ("26 list", "- a\n- b\n", "YML-08", 1, 1, "top level is a list"),
    (
        "26 LFS pointer",
        "version https://git-lfs.github.com/spec/v1\noid sha256:" + "0" * 64 + "\nsize 1234\n",
        "YML-08",
        1,
        1,
        "Git LFS pointer",
    ),
    ("27 tab", HEADER + "contacts:\n\tname: x\n", "YML-01", 6, 1, "tab"),
    (
        "long key of 2,000,000",
        "a" * 2_000_000 + ": x\n",
        "YML-01",
        1,
        1,
        LONG_KEY.format("2,000,000"),
    ),
    ("long key of 1,025", HEADER + "k" * 1025 + ": x\n", "YML-01", 5, 1, LONG_KEY.format("1,025")),
    ("long key in a list", HEADER + "c:\n  - " + "k" * 1025 + ": x\n", "YML-01", 6, 5, "1,024"),
    ("long quoted key", HEADER + f'"{"k" * 1023}": x\n', "YML-01", 5, 1, LONG_KEY.format("1,025")),
    ("long key in {...}", HEADER + "c: {a: b, " + "k" * 1025 + ": x}\n", "YML-01", 5, 11, "1,024"),
    ("29 Latin-1", (HEADER + "hq: Z\xfcrich\n").encode("latin-1"), "ENC-01", 5, 6, "not UTF-8"),
    ("30 UTF-16 without BOM", HEADER.encode("utf-16-le"), "ENC-01", 1, 1, "UTF-16"),
    ("30 UTF-16-BE without BOM", HEADER.encode("utf-16-be"), "ENC-01", 1, 1, "UTF-16"),
    ("30 UTF-32 without BOM", HEADER.encode("utf-32-le"), "ENC-01", 1, 1, "UTF-32"),
    ("30 UTF-32-BE without BOM", HEADER.encode("utf-32-be"), "ENC-01", 1, 1, "UTF-32"),
    ("binary gzip", GZIP, "ENC-01", 1, 1, "not a text file but binary data: it starts like a gzip"),
    ("binary gzip header", GZIP[:10], "ENC-01", 1, 1, "binary data: it starts like a gzip"),
    ("binary zip", b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + NOISE, "ENC-01", 1, 1, "a zip"),
    ("binary PDF", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + NOISE, "ENC-01", 1, 1, "a PDF"),
    ("binary PNG", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + NOISE, "ENC-01", 1, 1, "a PNG"),
    ("binary NUL bytes", NOISE * 4, "ENC-01", 1, 1, "binary data: it holds NUL bytes"),
    ("31 NUL", HEADER + "x: a\x00b\n", "ENC-02", 5, 5, "NUL"),
    ("31 ESC", HEADER + "x: a\x1bb\n", "ENC-02", 5, 5, "ESC"),
    ("31 DEL", HEADER + "x: a\x7fb\n", "ENC-02", 5, 5, "DEL"),
    ("31 BOM in the middle", HEADER + "x: a\ufeffb\n", "ENC-02", 5, 5, "byte order mark"),
    ("32 lone surrogate escape", HEADER + 'x: "\\ud800"\n', "YML-01", 5, None, "escape"),
    (
        "32 lone surrogate bytes",
        HEADER.encode() + b"x: \xed\xa0\x80\n",
        "ENC-01",
        5,
        4,
        "not UTF-8",
    ),
]


@pytest.mark.parametrize(
    ("row", "content", "code", "line", "column", "words"), CASES, ids=[case[0] for case in CASES]
)
def test_catalogue_row(cli, write, row, content, code, line, column, words):
    write("bad.yaml", content if isinstance(content, bytes) else content.encode("utf-8"))
    result = cli("check", "bad.yaml", "--format", "json")
    assert result.exit_code == 2, result.stdout + result.stderr
    (finding,) = result.json()["findings"]
    assert finding["code"] == code
    assert words in finding["message"]
    assert finding["path"] == "bad.yaml"
    if line is not None:
        assert finding["line"] == line
    if column is not None:
        assert finding["column"] == column
    text = cli("check", "bad.yaml")
    assert text.lines[0].startswith(f"bad.yaml:{finding['line']}:{finding['column']}: {code} ")
    assert "Traceback" not in text.stdout + text.stderr


def test_text_that_starts_like_a_binary_format_is_text(cli, write):
    """A signature (GIF89a, %PDF) makes a file binary only when its bytes are no text anyway."""
    write("gif.yaml", "GIF89a: Zürich\n" + HEADER)
    result = cli("check", "gif.yaml", "--format", "json")
    messages = [f["message"] for f in result.json()["findings"] if f["code"] == "SCH-01"]
    assert "ENC-01" not in result.codes() and messages == ["supplier s: unknown field 'GIF89a'"]


def test_python_tag_runs_nothing(cli, write, tmp_path: Path):
    marker = tmp_path / "pwned"
    write("bad.yaml", HEADER + f"x: !!python/object/apply:os.system ['touch {marker}']\n")
    assert cli("check", "bad.yaml").exit_code == 2
    assert not marker.exists()


def test_ordinary_anchors_and_merge_keys_are_accepted(cli, write):
    write(
        "ok.yaml",
        """\
        apiVersion: resilint/v1
        kind: Control
        id: ctl-edr
        category: edr
        status: implemented
        x-defaults: &d {owner: secops}
        """,
    )
    # an unknown top-level field is a schema finding, not a loader problem
    result = cli("check", "ok.yaml", "--format", "json")
    assert "YML" not in " ".join(result.codes())


@pytest.mark.parametrize(
    "bom,encoding", [("\ufeff", "utf-8"), ("\ufeff", "utf-16"), ("\ufeff", "utf-32"), ("", "utf-8")]
)
def test_byte_order_marks_are_accepted(cli, write, bom, encoding):
    text = bom + "apiVersion: resilint/v1\nkind: Widget\nid: w\n"
    data = text.encode(encoding) if encoding != "utf-8" or not bom else text.encode("utf-8")
    if encoding in ("utf-16", "utf-32"):
        data = text[1:].encode(encoding)  # Python writes the BOM itself
    write("w.yaml", data)
    result = cli("check", "w.yaml", "--format", "json")
    assert result.codes() == ["DOC-01"]  # read fine: the unknown kind is the only finding


def test_empty_files_are_ignored_not_failed(cli, write):
    write("empty.yaml", "")
    write("comments.yaml", "# only a comment\n")
    write("tilde.yaml", "~\n")
    write("w.yaml", "apiVersion: resilint/v1\nkind: Widget\nid: w\n")
    result = cli("check", ".", "--format", "json")
    assert result.codes() == ["DOC-01"]  # the empty files add nothing
    assert result.json()["summary"]["files"] == 4


@pytest.mark.parametrize(
    "files",
    [
        {"empty.yaml": "", "comments.yaml": "# only a comment\n", "tilde.yaml": "~\n"},
        {"deploy/ci.yml": "on: push\njobs: {}\n", "docs/mkdocs.yml": "site_name: x\n"},
        {"scalar.yaml": "just words\n", "list.yaml": "- a\n- b\n"},
    ],
)
def test_a_directory_without_any_resilint_document_fails(cli, write, files):
    """A gate pointed at the wrong directory checks nothing: it must not pass."""
    for name, text in files.items():
        write(name, text)
    result = cli("check", ".")
    assert result.exit_code == 2
    assert "no resilint documents" in result.stderr
    assert f"the {len(files)} YAML files found in . hold none" in result.stderr
    assert "apiVersion: resilint/v1" in result.stderr
    assert result.stdout == ""
    # a file named on its own is reported where it is (DOC-04, or YML-08 for a list)
    named = cli("check", next(iter(files)), "--format", "json")
    assert named.codes() in (["DOC-04"], ["YML-08"])


def test_a_configured_repository_without_any_document_fails_too(cli, write):
    """With a resilint.yaml (every repository `resilint init` makes has one) a check is focused
    on the folders asked for: the gate still refuses to pass on nothing checked; a finding a
    configuration suppresses does not count as something checked."""
    write("resilint.yaml", "fail_on: error\nper_file_ignores: {'deploy/ci.yaml': [ENC-03]}\n")
    write("deploy/ci.yaml", "name: ci\u200b\non: push\n")
    write("deploy/values.yaml", "a: 1\n")
    for args in ((), (".",), ("deploy",)):
        result = cli("check", *args)
        assert result.exit_code == 2, (args, result.stdout)
        assert "no resilint documents" in result.stderr


def test_a_folder_without_documents_in_a_repository_with_a_programme_elsewhere_fails(cli, write):
    """`check deploy` in a configured repository loads the whole repository: the programme in
    another folder must not let a gate pointed at deploy pass on nothing checked there; the
    programme's own folder, and the repository, are checked as ever."""
    write("resilint.yaml", "fail_on: error\n")
    write("deploy/ci.yaml", "on: push\n")
    write("programme/control.yaml", "apiVersion: resilint/v1\nkind: Control\nid: c\nname: C\n")
    refused = cli("check", "deploy")
    assert refused.exit_code == 2
    assert "the YAML file found in deploy holds none" in refused.stderr
    for args in (("programme",), (".",), ()):
        assert cli("check", *args).exit_code == 0, args


def test_large_file_is_refused_before_parsing(cli, write):
    write("resilint.yaml", "limits:\n  max_file_bytes: 1000\n")
    write("big.yaml", HEADER + "notes: '" + "x" * 2000 + "'\n")
    result = cli("check", "big.yaml", "--format", "json")
    assert result.exit_code == 2
    (finding,) = result.json()["findings"]
    assert finding["code"] == "FILE-02" and "limits.max_file_bytes" in finding["message"]


def test_50_megabyte_file_is_refused_with_default_limit(cli, write, tmp_path: Path):
    path = tmp_path / "huge.yaml"
    with path.open("wb") as out:
        out.write(HEADER.encode())
        out.write(b"# " + b"x" * (50 * 1024 * 1024) + b"\n")
    result = cli("check", "huge.yaml", "--format", "json")
    assert result.exit_code == 2 and result.codes() == ["FILE-02"]


def test_no_input_files(cli, write):
    write("notes.txt", "hello")
    result = cli("check", ".")
    assert result.exit_code == 2 and "no input files" in result.stderr


def test_missing_path(cli):
    result = cli("check", "nowhere.yaml")
    assert result.exit_code == 2 and "nowhere.yaml: no such file or directory" in result.stderr


@pytest.mark.parametrize("command", ["check", "report"])
def test_a_dash_says_standard_input_is_not_read(cli, write, command):
    """``resilint check -`` is how many linters read standard input; resilint reads files, and
    says so rather than that "-" does not exist. A file named - is read as ./-."""
    write("acme.yaml", "apiVersion: resilint/v1\nkind: Supplier\nid: acme\nname: A\ntier: 3\n")
    result = cli(command, "-")
    assert result.exit_code == 2, result.stdout + result.stderr
    assert "-: resilint does not read standard input: name the files or directories" in (
        result.stderr
    )
    assert "no such file or directory" not in result.stderr
    write("-", "apiVersion: resilint/v1\nkind: Supplier\nid: dash\nname: D\ntier: 3\n")
    named = cli("check", "./-", "--no-cache")
    assert "standard input" not in named.stderr and named.exit_code in (0, 1), named.stderr


def test_directory_named_like_yaml_is_a_finding_and_the_run_goes_on(cli, write, tmp_path: Path):
    (tmp_path / "repo" / "x.yaml").mkdir(parents=True)
    write("repo/ok.yaml", "apiVersion: resilint/v1\nkind: Widget\nid: w\n")
    result = cli("check", "repo", "--format", "json")
    assert result.exit_code == 2
    assert sorted(result.codes()) == ["DOC-01", "FILE-01"]


def test_unreadable_file_is_a_finding(write, tmp_path: Path):
    # Root reads anything: the child runs without the capabilities that let it (test_boundary).
    from test_boundary import findings, resilint, without_permission_override

    write("ok.yaml", "apiVersion: resilint/v1\nkind: Widget\nid: w\n")
    write("locked.yaml", HEADER).chmod(0)
    result = resilint(
        tmp_path, "check", ".", "--format", "json", before=without_permission_override
    )
    assert result.returncode == 2
    assert findings(result.stdout) == [("locked.yaml", "FILE-01"), ("ok.yaml", "DOC-01")]
    assert "Permission denied" in result.stdout


def test_output_escapes_control_characters(cli, write):
    write("w.yaml", 'apiVersion: resilint/v1\nkind: "Wid\\x1b[31mget"\nid: w\n')
    result = cli("check", "w.yaml")
    assert "\x1b[31m" not in result.stdout and "\\x1b[31m" in result.stdout


CONTRACT = "apiVersion: resilint/v1\nkind: Contract\nid: c\nsupplier: s\nstatus: active\n"
FUNCTION = (
    "apiVersion: resilint/v1\nkind: BusinessFunction\nid: f\nname: F\ncriticality: critical\n"
)
EXTREMES = [
    # (case, document, code, line, words): values no rule can measure are refused where they are
    (
        "days past a century",
        CONTRACT + "our_notice_period_days: 99999999999999999999\n",
        "SCH-01",
        6,
        "at most 36500",
    ),
    (
        "days written in hex",
        CONTRACT + "our_notice_period_days: 0x7fffffffffffffff\n",
        "SCH-01",
        6,
        "at most 36500",
    ),
    ("days as 1e308", CONTRACT + "supplier_notice_period_days: 1e308\n", "SCH-01", 6, "at most"),
    ("hours past a century", FUNCTION + "rto_hours: 1e308\n", "SCH-01", 6, "at most 876000"),
    ("1e999", FUNCTION + "rto_hours: 1e999\n", "YML-07", 6, "not a finite number"),
    (".inf", FUNCTION + "rto_hours: .inf\n", "YML-07", 6, "not a finite number"),
    (".nan", FUNCTION + "mtpd_hours: .nan\n", "YML-07", 6, "not a finite number"),
    (
        "a time stamp with a zone in a date",
        CONTRACT + "end_date: 2026-12-31T23:59:59+14:00\n",
        "SCH-01",
        6,
        "must be a date written YYYY-MM-DD",
    ),
    ("year 10000", CONTRACT + "end_date: 10000-01-01\n", "SCH-01", 6, "must be a date"),
]


@pytest.mark.parametrize(
    ("case", "content", "code", "line", "words"), EXTREMES, ids=[c[0] for c in EXTREMES]
)
def test_values_no_rule_can_measure_are_refused_at_their_line(
    cli, write, case, content, code, line, words
):
    write("s.yaml", "apiVersion: resilint/v1\nkind: Supplier\nid: s\nname: S\n")
    write("x.yaml", content)
    result = cli("check", "--no-cache", "--format", "json", "--select", "CTR-13")
    found = [f for f in result.json()["findings"] if f["code"] == code and f["path"] == "x.yaml"]
    assert found, result.stdout
    assert found[0]["line"] == line and words in found[0]["message"]
    assert result.exit_code in (1, 2)


def test_the_largest_accepted_values_at_the_edge_of_the_calendar_crash_no_rule(cli, write):
    write(
        "x.yaml",
        "apiVersion: resilint/v1\nkind: Supplier\nid: s\nname: S\ntier: 1\n---\n"
        + CONTRACT
        + "start_date: 0001-01-01\nend_date: 9999-12-31\nour_notice_period_days: 36500\n"
        "supplier_notice_period_days: 36500\n",
    )
    for as_of in ("0001-01-02", "9999-12-30"):
        result = cli("check", "--no-cache", "--format", "json", "--as-of", as_of)
        assert result.exit_code in (0, 1), result.stdout + result.stderr
        assert "could not be evaluated" not in result.stdout


def test_a_last_event_dated_in_the_future_is_no_fresher_than_a_stale_one(cli, tmp_path):
    """`within_days` means the last N days up to the as-of date: a criticality assessment dated
    2099 must not pass a rule asking for one within the year."""
    import shutil

    root = tmp_path / "repo"
    shutil.copytree(Path(__file__).resolve().parent.parent / "examples" / "havelbank", root)
    functions = root / "functions.yaml"
    text = functions.read_text()

    def run(assessed: str) -> list[tuple[str, int]]:
        functions.write_text(
            re.sub(
                r"(?m)^last_criticality_assessment: .*$",
                f"last_criticality_assessment: {assessed}",
                text,
            )
        )
        result = cli("check", "--no-cache", "--format", "json", "--select", "BCM-02", cwd=root)
        return sorted((f["path"], f["line"]) for f in result.json()["findings"])

    stale = run("2020-01-01")
    assert stale
    assert run("2099-06-30") == stale


def test_one_merge_key_with_a_list_of_mappings_is_accepted(cli, write) -> None:
    """The fix the duplicate merge key's message gives. The first mapping with a key gives its
    value, as the merge key's specification says: tier 3, no tier-1 findings."""
    content = HEADER + "owner: o\nstatus: active\ndescription: d\n<<: [{tier: 3}, {tier: 1}]\n"
    write("ok.yaml", content)
    result = cli("check", "ok.yaml", "--format", "json")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert result.json()["findings"] == []


CONFLICTED = {
    "around a key": (HEADER + "<<<<<<< HEAD\ntier: 1\n=======\ntier: 3\n>>>>>>> feature\n", 5),
    "in a block text": (
        HEADER + "notes: >\n  text\n<<<<<<< HEAD\n  one\n=======\n  three\n>>>>>>> feature\n",
        7,
    ),
    "in a [...] list (libyaml stops a line later)": (
        HEADER + "services: [\n<<<<<<< HEAD\n  {name: a},\n=======\n  {name: b},\n"
        ">>>>>>> feature\n]\n",
        6,
    ),
    "around whole documents": (
        "<<<<<<< HEAD\n" + HEADER + "tier: 1\n=======\n" + HEADER + "tier: 3\n>>>>>>> feature\n",
        1,
    ),
    "diff3 style, CRLF, a rebase subject with ': '": (
        (
            HEADER + "<<<<<<< HEAD\ntier: 1\n||||||| base\ntier: 2\n=======\ntier: 3\n"
            ">>>>>>> 1a2b3c4 (fix: tier)\n"
        ).replace("\n", "\r\n"),
        5,
    ),
}


@pytest.mark.parametrize("name", CONFLICTED)
def test_merge_conflict_markers_are_named(cli, write, name: str) -> None:
    content, first = CONFLICTED[name]
    write("bad.yaml", content.encode())
    result = cli("check", "bad.yaml", "--format", "json")
    assert result.exit_code == 2, result.stdout + result.stderr
    (finding,) = result.json()["findings"]
    marked = [
        str(n)
        for n, line in enumerate(content.splitlines(), 1)
        if line[:7] in ("<" * 7, "=" * 7, "|" * 7, ">" * 7)
    ]
    assert (finding["code"], finding["line"], finding["column"]) == ("YML-01", first, 1)
    assert finding["message"].startswith(
        f"unresolved merge conflict: git's markers at lines {', '.join(marked)}; resolve the "
        "conflict"
    )


def test_a_line_of_equals_signs_alone_is_no_merge_conflict(cli, write) -> None:
    write("bad.yaml", HEADER + "=======\n")
    result = cli("check", "bad.yaml", "--format", "json")
    (finding,) = result.json()["findings"]
    assert finding["code"] == "YML-01" and "merge conflict" not in finding["message"]


def test_a_configuration_file_with_a_merge_conflict_says_so(cli, write) -> None:
    write("resilint.yaml", "fail_on: error\n<<<<<<< HEAD\nexclude: [a/]\n=======\n>>>>>>> x\n")
    write("ok.yaml", HEADER)
    result = cli("check")
    assert result.exit_code == 2
    assert "resilint.yaml:2:1: " in result.stderr and "unresolved merge conflict" in result.stderr


HELM = """apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "app.fullname" . }}
  labels:
    {{- include "app.labels" . | nindent 4 }}
spec:
  replicas: {{ .Values.replicaCount }}
"""
JINJA = HEADER + "{% if eu %}\nregion: eu\n{% endif %}\n"


@pytest.mark.parametrize(("content", "line"), [(HELM, 6), (JINJA, 5)], ids=["helm", "jinja"])
def test_a_template_is_named_as_one_and_still_fails(cli, write, content: str, line: int) -> None:
    """A Helm chart's or Jinja template in the tree does not read as YAML: the error says it is
    a template and how to leave it out, at the line the reader stopped, and still fails the
    check (resilint cannot tell what the rendered file would hold)."""
    write("charts/app/templates/deployment.yaml", content)
    result = cli("check", ".", "--format", "json")
    assert result.exit_code == 2, result.stdout + result.stderr
    (finding,) = result.json()["findings"]
    assert (finding["code"], finding["line"]) == ("YML-01", line)
    assert finding["message"].startswith("this file holds template tags (line ")
    assert "exclude in resilint.yaml" in finding["message"]
    write("resilint.yaml", "exclude: ['charts/*/templates/']\n")
    write("supplier.yaml", HEADER)
    left_out = cli("check", ".")
    assert "charts/" not in left_out.stdout and "Checked 1 file," in left_out.stdout


def test_braces_in_quoted_text_are_no_template(cli, write) -> None:
    """A value that quotes '{{ name }}' (a message template) reads as text; a syntax error
    elsewhere in such a file is not blamed on it, and a long line of braces costs no more than
    any other (the tag is looked for within a bounded reach)."""
    write("s.yaml", HEADER + 'note: "Dear {{ name }}"\nbad: [\n')
    result = cli("check", "s.yaml", "--format", "json")
    (finding,) = result.json()["findings"]
    assert finding["code"] == "YML-01" and "template" not in finding["message"]
    write("long.yaml", HEADER + "bad: ] # " + "{{ x " * 100_000 + "\n")
    result = cli("check", "long.yaml", "--format", "json")
    (finding,) = result.json()["findings"]
    assert (finding["code"], finding["line"]) == ("YML-01", 5)
    assert "template" not in finding["message"]
