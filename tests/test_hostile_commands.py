"""The commands besides `check` against hostile values, through the CLI: the report and the
incident card escape every value and keep a Content-Security-Policy that would stop a script
anyway; impact refuses outages it cannot measure."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
HOSTILE = (
    "a\n::error::owned\x1b[31m\u202e</script><script>alert(1)</script>"
    "<img src=x onerror=alert(2)>\"'&"
)


@pytest.fixture
def programme(tmp_path: Path) -> Path:
    """Havel Bank with a hostile supplier name, owner and contact, and function name."""
    root = tmp_path / "repo"
    shutil.copytree(EXAMPLES / "havelbank", root)
    value = json.dumps(HOSTILE)  # a YAML double-quoted scalar
    supplier = root / "suppliers" / "corebanq.yaml"
    text = supplier.read_text()
    for old in (
        "name: Corebanq Systems GmbH\n",
        "owner: ict-third-party-officer\n",
        "    name: Corebanq Systems GmbH security operations\n",
    ):
        text = text.replace(old, old.split(":")[0] + f": {value}\n", 1)
    supplier.write_text(text)
    functions = root / "functions.yaml"
    functions.write_text(
        functions.read_text().replace("name: Deposits and lending", f"name: {value}")
    )
    return root


def _safe_html(page: str) -> None:
    assert "<script>alert" not in page and "alert(1)</script>" not in page
    assert not re.search(r"<img[^>]*onerror", page)
    assert "\x1b" not in page and "\u202e" not in page
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page)
    assert policy and "default-src 'none'" in policy.group(1)
    assert "'unsafe-inline'" not in policy.group(1)


def test_the_report_escapes_hostile_values(cli, programme) -> None:
    result = cli("report", "--no-cache", "-o", "r.html", cwd=programme)
    assert result.exit_code == 0, result.stderr
    page = (programme / "r.html").read_text()
    _safe_html(page)
    assert page.count("<script") == 3  # the page's own script and its two data blocks


@pytest.mark.parametrize("output_format", ["html", "markdown"])
def test_the_incident_card_escapes_hostile_values(cli, programme, output_format) -> None:
    result = cli("card", "corebanq", "-f", output_format, cwd=programme)
    assert result.exit_code == 0, result.stderr
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout
    assert not any(
        line.lstrip().startswith("::error::owned") for line in result.stdout.splitlines()
    )
    if output_format == "html":
        _safe_html(result.stdout)
    else:
        assert "<script>" not in result.stdout and "<img" not in result.stdout


@pytest.mark.parametrize("output_format", ["text", "markdown", "json"])
def test_impact_escapes_hostile_values(cli, programme, output_format) -> None:
    result = cli("impact", "--supplier", "corebanq", "-f", output_format, cwd=programme)
    assert result.exit_code == 0, result.stderr
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout
    assert not any(
        line.lstrip().startswith("::error::owned") for line in result.stdout.splitlines()
    )


@pytest.mark.parametrize("hours", ["inf", "nan", "-1", "1e308"])
def test_impact_refuses_an_outage_it_cannot_measure(cli, programme, hours) -> None:
    result = cli("impact", "--supplier", "corebanq", "--hours", hours, cwd=programme)
    assert result.exit_code == 2
    assert "an outage lasts from 0 to" in result.stderr


@pytest.mark.parametrize("command", [("explain",), ("check", "--select")])
def test_a_name_of_100000_characters_is_refused_at_once(cli, tmp_path, command) -> None:
    """Suggesting a close name costs time in proportion to the typed name for every known one:
    a name far longer than any is no typo of one."""
    (tmp_path / "s.yaml").write_text("apiVersion: resilint/v1\nkind: Supplier\nid: s\nname: S\n")
    started = time.monotonic()
    result = cli(*command, "a" * 100_000)
    assert time.monotonic() - started < 5
    assert result.exit_code == 2 and "did you mean" not in result.stderr
    assert "did you mean 'CTR-08'" in cli(*command, "ctr8").stderr


@pytest.mark.parametrize("hours", ["nan", "inf", "-1"])
def test_the_report_refuses_a_what_if_it_cannot_measure(cli, programme, hours) -> None:
    result = cli("report", "--no-cache", "-o", "r.html", "--what-if-hours", hours, cwd=programme)
    assert result.exit_code == 2 and "--what-if-hours" in result.stderr
    assert not (programme / "r.html").exists()


# --- a repository's own rule files are data: explain, rules and test escape their text -------

RULE_FILE = r"""
rules:
  - code: ACME-01
    name: acme-one
    level: error
    profiles: [baseline]
    title: "title\n::error title=pwned::injected RED"
    rationale: "rat ]8;;http://evil.example\\click]8;; and then, wrapped where
      the line breaks, ::warning::wrapped-injection, and more words to wrap and wrap and wrap"
    references: ["::error::a reference", "ref\n::notice::second"]
    remediation: "rem\r::error::carriage"
    select: Supplier
    require:
      - that: {field: supplier.tier, at_most: 3}
        message: "supplier {supplier.id}"
    examples:
      pass: |
        ::error::in an example
      fail: |
        apiVersion: resilint/v1
        kind: Supplier
        id: "a\n::warning title=pwned::from an example \e[31m"
      expect: [{id: a, line: 3}]
  - code: ACME-02
    name: acme-two
    level: error
    profiles: [baseline]
    title: "::error::a title that is a workflow command"
    rationale: "r"
    references: ["r"]
    remediation: "r"
    select: Supplier
    require:
      - that: {field: supplier.tier, at_most: 3}
        message: "supplier {supplier.id}"
    examples:
      pass: "x: 1\n"
      fail: "x: 1\n"
      expect: [{id: a, line: 1}]
"""


@pytest.mark.parametrize(
    "command",
    [
        ("explain", "ACME-01"),
        ("explain", "ACME-02"),
        ("rules",),
        ("rules", "--format", "markdown"),
        ("rules", "--format", "json"),
        ("test",),
    ],
)
def test_rule_file_text_cannot_drive_a_terminal_or_a_ci_log(cli, write, command) -> None:
    """Lines that GitHub Actions would run as workflow commands (``::error``), from a title,
    rationale, reference, remediation or example of a repository's rule file, and an ESC
    sequence in an example: shown as escapes, on no line of their own (ESC and U+202E written
    as escapes in the rule file itself stop the rule file: ENC-04, ENC-03)."""
    write("resilint.yaml", "rule_dirs: [policies/]\n")
    write("policies/acme.yaml", RULE_FILE)
    result = cli(*command)
    assert result.exit_code in (0, 1), result.stderr
    out = result.stdout + result.stderr
    assert "pwned" in out or "workflow command" in out or "wrapped" in out  # it was shown
    for raw in ("\x1b", "\u202e", "\r"):
        assert raw not in out, (command, raw)
    commands = [line for line in out.splitlines() if line.lstrip().startswith("::")]
    assert commands == [], commands
    if command[0] != "rules" or "json" not in command:
        assert "\\x3a:error" in out or "\\n::error" in out or "\\x1b" in out


MARKUP_RULE = """
rules:
  - code: ACME-03
    name: acme-three
    level: error
    profiles: [baseline]
    title: "Title <b>x</b> <img src=x onerror=alert(1)> ![t](https://track.example/t.png)"
    rationale: "See [the policy](javascript:alert(1)) and <script>alert(2)</script>, @security"
    references: ["<a href='https://evil.example'>ref</a>"]
    remediation: "Fix <details open>it</details>"
    select: Supplier
    require:
      - that: {field: supplier.notes, exists: true}
        message: "supplier {supplier.id}"
    examples:
      pass: "x: 1\\n```\\n<img src=y>\\n"
      fail: |
        apiVersion: resilint/v1
        kind: Supplier
        id: a
      expect: [{id: a, line: 3}]
"""


@pytest.mark.parametrize("output", ["rules markdown", "sarif rule help"])
def test_a_repositorys_rule_text_is_inert_in_markdown(cli, write, output) -> None:
    """A repository's own rule (a pull request may bring one) is data: its title, rationale,
    references and remediation reached `resilint rules --format markdown` and SARIF's rule help
    (which GitHub code scanning renders) as written, so an image (a tracking pixel), a link, an
    HTML element or an @mention from them rendered live, and a ``` in an example closed its
    code fence. They are escaped as in the other Markdown outputs; resilint's own rules,
    written in Markdown on purpose, are not."""
    write("resilint.yaml", "rule_dirs: [policies/]\n")
    write("policies/acme.yaml", MARKUP_RULE)
    write("sup.yaml", "apiVersion: resilint/v1\nkind: Supplier\nid: a\nname: A\ntier: 3\n")
    if output == "rules markdown":
        result = cli("rules", "--format", "markdown")
        assert result.exit_code == 0, result.stderr
        text = result.stdout[result.stdout.index("### ACME-03") :].split("\n### ")[0]
        assert "````yaml\nx: 1\n```\n<img src=y>\n````" in text  # a longer fence
        text = text.replace("<img src=y>", "")
    else:
        result = cli("check", "--no-cache", "--format", "sarif", "--select", "ACME-03")
        assert result.exit_code == 1, result.stderr
        rules = json.loads(result.stdout)["runs"][0]["tool"]["driver"]["rules"]
        text = next(r for r in rules if r["id"] == "ACME-03")["help"]["markdown"]
    assert "&lt;img src=x" in text and "\\[the policy\\](javascript" in text, text
    for live in ("<img", "<script", "<a ", "<details", "<b>", "@security"):
        assert live not in text, (live, text)
    assert not re.search(r"(?<!\\)\]\(", text), text  # no link or image: `](` escaped


def test_python_m_resilint_imports_nothing_from_the_repository_it_checks(tmp_path: Path) -> None:
    """`python -m resilint` (as the README offers) run in a repository: Python puts the current
    directory first on the module path, so the repository's click.py or yaml.py ran in place of
    the real ones. resilint takes it off before importing anything else."""
    marker = tmp_path.parent / f"{tmp_path.name}-planted-code-ran"
    for name in ("click", "yaml", "json", "jsonschema_rs", "yaml_rs"):
        (tmp_path / f"{name}.py").write_text(f"open({str(marker)!r}, 'a').write('{name}')\n")
    (tmp_path / "s.yaml").write_text("apiVersion: resilint/v1\nkind: Supplier\nid: BAD ID\n")
    done = subprocess.run(
        [sys.executable, "-m", "resilint", "check", "--no-cache", "--no-color"],
        cwd=tmp_path,
        env={**os.environ, "RESILINT_NO_SERVER": "1"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert not marker.exists(), marker.read_text()
    assert done.returncode == 1, done.stdout + done.stderr
    assert "s.yaml:3:5: SCH-01 error" in done.stdout
