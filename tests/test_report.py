"""``resilint report``: one self-contained HTML file with every section, escaped data, the
embedded data block that ``--previous`` reads, and a size that stays small at 1,000 suppliers.
Read with the standard library's HTML parser; tests/test_report_browser.py renders it."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from tests.conftest import EXAMPLES, REPO

SECTIONS = (
    "headline",
    "coverage",
    "functions",
    "what-if",
    "graph",
    "deadlines",
    "insurance",
    "findings",
)


class Page(HTMLParser):
    """Elements by tag with their attributes, ids, and the text of script and style blocks."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.ids: set[str] = set()
        self.blocks: list[tuple[str, dict[str, str | None], str]] = []
        self._open: tuple[str, dict[str, str | None]] | None = None
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.append((tag, found))
        if found.get("id"):
            self.ids.add(str(found["id"]))
        if tag in ("script", "style"):
            self._open = (tag, found)

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self.blocks.append((*self._open, data))
            self._open = None

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]


def _report(cli, repo: Path, tmp_path: Path, *args: str) -> tuple[str, Page]:
    target = tmp_path / "report.html"
    run = cli("report", str(repo), "-o", str(target), *args, cwd=REPO)
    assert run.exit_code in (0, 2), run.stderr
    text = target.read_text(encoding="utf-8")
    return text, Page(text)


def _documents(repo: Path, kind: str) -> list[dict[str, object]]:
    found = []
    for path in sorted(repo.rglob("*.yaml")):
        try:
            docs = list(yaml.safe_load_all(path.read_text(encoding="utf-8")))
        except yaml.YAMLError:
            continue
        found += [d for d in docs if isinstance(d, dict) and d.get("kind") == kind]
    return found


def test_northwind_report_has_every_section(cli, tmp_path: Path) -> None:
    repo = EXAMPLES / "northwind"
    text, page = _report(cli, repo, tmp_path)
    assert set(SECTIONS) <= page.ids
    headings = list(page.all("h2"))
    assert len(headings) == len(SECTIONS)
    assert len(page.all("h1")) == 1
    assert page.all("html")[0].get("lang") == "en"
    # Critical functions, from the YAML: each has a row and a node in the graph.
    critical = [
        f["id"] for f in _documents(repo, "BusinessFunction") if f["criticality"] == "critical"
    ]
    assert critical
    for function in critical:
        assert f"fn-{function}" in page.ids
        assert f"◆ {function}</text>" in text
    # Every tier-1 supplier is a row of the coverage matrix.
    tier1 = [s["id"] for s in _documents(repo, "Supplier") if s.get("tier") == 1]
    assert tier1 and all(f"cov-{s}" in page.ids for s in tier1)
    assert len(page.all("svg")) == 1 and 'role="img"' in text
    # Insurance: each policy, with its panel firms as the YAML lists them.
    for policy in _documents(repo, "InsurancePolicy"):
        assert f"pol-{policy['id']}" in page.ids
    assert "Greyline Incident Response LLP" in text


def _what_if_rows(text: str) -> dict[str, list[str]]:
    """The What if table: supplier id -> its cells after the supplier, as text."""
    section = text[text.index('<section id="what-if"') :]
    body = section[section.index("<tbody>") : section.index("</tbody>")]
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", body):
        supplier = re.search(r'href="#cov-([^"]+)"', row)
        assert supplier, row
        rows[supplier.group(1)] = [
            re.sub("<[^>]+>", "", c) for c in re.findall("<td>(.*?)</td>", row)
        ]
    return rows


def test_what_if_lists_each_critical_supplier_as_impact_does(cli, tmp_path: Path) -> None:
    """The board's what-if table is in the report: one row per critical supplier (each linking
    to its coverage row), the same suppliers and the same breaches as ``impact --all-critical``,
    and the outage length the option gives."""
    repo = EXAMPLES / "northwind"
    text, page = _report(cli, repo, tmp_path, "--what-if-hours", "1000")
    rows = _what_if_rows(text)
    assert "down for 1000 hours?" in text
    tier1 = {str(s["id"]) for s in _documents(repo, "Supplier") if s.get("tier") == 1}
    assert tier1 <= set(rows)
    assert all(f"cov-{s}" in page.ids for s in rows)  # every link has its target
    board = cli("impact", str(repo), "--all-critical", "--hours", "1000", "--format", "json")
    scenarios = {s["scenario"]["target"]: s for s in board.json()["scenarios"]}
    assert set(scenarios) == set(rows)
    mtpd = {str(f["id"]): f.get("mtpd_hours") for f in _documents(repo, "BusinessFunction")}
    for supplier, cells in rows.items():
        # the functions the outage stops (not those a plan or a standby only lists)
        functions = [f for f in scenarios[supplier]["functions"] if f["stopped"]]
        shown = {f["id"]: f["id"] + ("" if f["critical"] else " (not critical)") for f in functions}
        assert cells[0] == (", ".join(shown.values()) or "none")
        # 1000 hours breaches the MTPD of every function hit that has one (from the YAML)
        stopped = {f["id"] for f in functions}
        breached = [
            shown[f] for f in shown if isinstance(mtpd.get(f), (int, float)) and f in stopped
        ]
        assert cells[2] == (", ".join(breached) or "none"), supplier
    short = tmp_path / "short"
    short.mkdir()
    text, _ = _report(cli, repo, short, "--what-if-hours", "0")
    assert all(cells[2] == "none" for cells in _what_if_rows(text).values())


def test_tables_are_semantic_and_complete_without_javascript(cli, tmp_path: Path) -> None:
    text, page = _report(cli, EXAMPLES / "defects", tmp_path)
    assert all(t.get("scope") in ("col", "row") for t in page.all("th"))
    assert text.count("<caption>") >= 6
    run = cli("check", str(EXAMPLES / "defects"), "--format", "json", cwd=REPO)
    findings = run.json()["findings"]
    rows = [a for a in page.all("tr") if (a.get("id") or "").startswith("f-")]
    assert len(rows) == len(findings)  # every finding is in the HTML itself
    form = next(a for a in page.all("form") if a.get("id") == "filter")
    assert "hidden" in form  # shown only when the script runs
    assert "@media print" in text


def test_every_link_inside_the_report_has_a_target(cli, tmp_path: Path) -> None:
    _, page = _report(cli, EXAMPLES / "defects", tmp_path)
    local = [str(a["href"])[1:] for a in page.all("a") if str(a.get("href", "")).startswith("#")]
    assert len(local) > 50
    assert set(local) <= page.ids
    gaps = [t for t in page.all("td") if "gap" in str(t.get("class"))]
    assert gaps


def test_self_contained_and_locked_down(cli, tmp_path: Path) -> None:
    text, page = _report(cli, EXAMPLES / "northwind", tmp_path)
    assert not page.all("link") and not page.all("img") and not page.all("iframe")
    assert all("src" not in attrs for _, attrs in page.tags)
    assert "url(" not in text and "@import" not in text
    external = [a["href"] for a in page.all("a") if not str(a.get("href")).startswith("#")]
    assert all(str(h).startswith("https://github.com/resilint/resilint/blob/") for h in external)
    policy = next(m["content"] for m in page.all("meta") if m.get("http-equiv"))
    assert policy is not None and "default-src 'none'" in policy
    for tag, attrs, body in page.blocks:
        if attrs.get("type") == "application/json":
            continue
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy, tag  # only the report's own style and script


HOSTILE = "</script><img src=x onerror=alert(1)><!-- \u2028\u2029\u202e end"


def test_values_from_the_data_are_escaped(cli, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "programme").mkdir(parents=True)
    (repo / "resilint.yaml").write_text("as_of: 2026-11-26\n")
    (repo / "programme" / "all.yaml").write_text(
        f"""apiVersion: resilint/v1
kind: Supplier
id: acme
name: {json.dumps(HOSTILE)}
tier: 1
owner: {json.dumps(HOSTILE)}
---
apiVersion: resilint/v1
kind: BusinessFunction
id: orders
criticality: critical
owner: {json.dumps(HOSTILE)}
depends_on: {{suppliers: [acme], cloud: [{{provider: {json.dumps(HOSTILE)}, region: eu-1}}]}}
---
apiVersion: resilint/v1
kind: InsurancePolicy
id: cyber
insurer: {json.dumps(HOSTILE)}
period: {{start: 2026-01-01, end: 2027-01-31}}
conditions:
  - {{id: mfa, statement: {json.dumps(HOSTILE)}, control_categories: [mfa_email]}}
panel: {{forensics: [{json.dumps(HOSTILE)}]}}
""",
        encoding="utf-8",
    )
    text, page = _report(cli, repo, tmp_path)
    assert "<img" not in text and "onerror=alert" not in text.replace("onerror=alert(1)&gt;", "")
    assert text.count("</script>") == 3  # the two data blocks' and the script's own
    assert "<!-- " not in text
    assert not {"\u2028", "\u2029", "\u202e"} & set(text)
    assert "\\u202e" in text  # shown, as every output shows it
    block = next(b for _, a, b in page.blocks if a.get("type") == "application/json")
    json.loads(block)


def test_previous_report_or_check_json(cli, tmp_path: Path) -> None:
    repo = EXAMPLES / "defects"
    first, page = _report(cli, repo, tmp_path)
    block = next(b for _, a, b in page.blocks if a.get("type") == "application/json")
    data = json.loads(block)
    check = cli("check", str(repo), "--format", "json", cwd=REPO).json()
    keys = [k for level in data["active"].values() for k in level] + data["suppressed"]
    assert sorted(keys) == sorted(f["fingerprint"][:16] for f in check["findings"])
    previous = tmp_path / "previous.html"
    previous.write_text(first, encoding="utf-8")
    text, _ = _report(cli, repo, tmp_path, "--previous", str(previous))
    assert "<strong>0 new</strong>, <strong>0 resolved</strong>" in text
    # From check JSON with three findings fewer and one that is gone since.
    check["findings"] = [
        *check["findings"][3:],
        {"fingerprint": "0" * 32, "level": "error", "suppressed": False},
    ]
    older = tmp_path / "older.json"
    older.write_text(json.dumps(check), encoding="utf-8")
    text, _ = _report(cli, repo, tmp_path, "--previous", str(older))
    assert "<strong>3 new</strong>, <strong>1 resolved</strong>" in text
    assert "check --format json" in text


def _with_previous(cli, tmp_path: Path, previous: Path):
    """A report of northwind to ``tmp_path/r.html`` compared with ``previous``."""
    out = str(tmp_path / "r.html")
    return cli(
        "report", str(EXAMPLES / "northwind"), "-o", out, "--previous", str(previous), cwd=REPO
    )


def test_previous_must_be_a_report_or_check_json(cli, tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.html"
    bogus.write_text("<html>nothing</html>")
    run = _with_previous(cli, tmp_path, bogus)
    assert run.exit_code == 2 and "neither a resilint report" in run.stderr
    assert not (tmp_path / "r.html").exists()


@pytest.mark.parametrize("earlier", ["report", "check json"])
def test_previous_with_a_key_twice_is_refused_at_its_line(cli, tmp_path: Path, earlier) -> None:
    """Python's json keeps the last of two equal keys, a reader of the file sees the first:
    an earlier report or check output holding one twice is refused where it is, in the file."""
    repo = EXAMPLES / "northwind"
    if earlier == "report":
        text, _ = _report(cli, repo, tmp_path)
        block = text.index('id="resilint-report-data">{') + len('id="resilint-report-data">')
        doubled = text[:block] + '{"as_of":"2099-01-01",' + text[block + 1 :]
        line = text.count("\n", 0, block) + 1  # the data block is one line
    else:
        text = cli("check", str(repo), "--format", "json", cwd=REPO).stdout
        doubled = text.replace("{\n", '{\n  "findings": [],\n', 1)
        line = text.count("\n", 0, text.index('\n  "findings": [')) + 3
    previous = tmp_path / "previous.txt"
    previous.write_text(doubled, encoding="utf-8")
    run = cli("report", str(repo), "-o", str(tmp_path / "r.html"), "--previous", str(previous))
    assert run.exit_code == 2, run.stderr
    assert run.stderr.startswith(f"resilint: {previous}:{line}:"), run.stderr
    assert "is given twice in one object" in run.stderr
    assert not (tmp_path / "r.html").exists()


@pytest.mark.slow
def test_under_two_megabytes_at_a_thousand_suppliers(cli, tmp_path: Path) -> None:
    """The synthetic repository of benchmarks/generate.py at 1,000 suppliers (about 4,700
    documents): BENCHMARKS.md gives the figure this guards."""
    repo = tmp_path / "bench"
    subprocess.run(
        [
            sys.executable,
            str(REPO / "benchmarks" / "generate.py"),
            str(repo),
            "--suppliers",
            "1000",
        ],
        check=True,
        capture_output=True,
    )
    target = tmp_path / "report.html"
    run = cli(
        "report", str(repo), "-o", str(target), "--as-of", "2026-11-26", "--no-cache", cwd=REPO
    )
    assert run.exit_code in (0, 2), run.stderr
    size = target.stat().st_size
    assert size < 2 * 1024 * 1024, size
    text = target.read_text(encoding="utf-8")
    assert re.search(r'<svg[^>]*class="graph"', text)


def test_the_report_counts_findings_as_check_does(cli, tmp_path: Path) -> None:
    """What the report says it wrote agrees with check's summary: suppressed findings are
    counted apart, not as findings."""
    northwind = EXAMPLES / "northwind"
    summary = cli("check", str(northwind), "--format", "json", "--no-cache", cwd=REPO).json()
    counts = summary["summary"]
    assert counts["suppressed"] >= 1  # the example's accepted risk
    run = cli("report", str(northwind), "-o", str(tmp_path / "r.html"), cwd=REPO)
    noun = "finding" if counts["findings"] == 1 else "findings"
    said = f"{counts['findings']} {noun} ({counts['suppressed']} suppressed),"
    assert said in run.stderr, run.stderr


TOWER = """apiVersion: resilint/v1
kind: Entity
id: co
---
apiVersion: resilint/v1
kind: InsurancePolicy
id: primary
insurer: First Insurer
insured_entities: [co]
period: {start: 2026-01-01, end: 2027-01-01}
notice: {incident_notice_wording: as_soon_as_practicable, contact: {email: n@first.example}}
panel: {breach_counsel: [Counsel LLP]}
---
apiVersion: resilint/v1
kind: InsurancePolicy
id: excess
insurer: Second Insurer
insured_entities: [co]
period: {start: 2026-01-01, end: 2027-01-01}
layer: {position: excess, sits_over: primary, follows_form: true}
"""


def test_an_excess_layer_following_form_shows_the_forms_terms(cli, tmp_path: Path) -> None:
    """The report speaks as a person would: a notice 'as soon as practicable', not the field's
    value; a layer that follows the primary's form has its notice terms and panel, not 'not
    recorded'."""
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "tower.yaml").write_text(TOWER, encoding="utf-8")
    text, _ = _report(cli, repo, tmp_path, "--as-of", "2026-06-01", "--no-cache")
    primary = text[
        text.index('id="pol-primary"') : text.index("</article>", text.index('id="pol-primary"'))
    ]
    excess = text[
        text.index('id="pol-excess"') : text.index("</article>", text.index('id="pol-excess"'))
    ]
    assert "as soon as practicable from discovery" in primary
    assert "as_soon_as_practicable" not in primary
    assert "Counsel LLP" in primary
    assert "<dd>as in primary, whose form it follows</dd>" in excess
    assert "the panel of primary, whose form it follows" in excess
    # its notice goes to its own insurer: the primary's contact is another insurer's
    assert "n@first.example" not in excess
    assert "notify this layer&#x27;s insurer itself" in excess or (
        "notify this layer's insurer itself" in excess
    )
    assert "not recorded" not in excess and "No panel firms recorded" not in excess


STALE = """apiVersion: resilint/v1
kind: Entity
id: co
---
apiVersion: resilint/v1
kind: InsurancePolicy
id: cyber
insured_entities: [co]
period: {start: 2026-01-01, end: 2027-01-01}
conditions:
  - {id: edr-everywhere, control_categories: [edr]}
---
apiVersion: resilint/v1
kind: Control
id: edr
category: edr
status: implemented
coverage_percent: 100
evidence: {reference: edr.pdf, last_verified: VERIFIED}
"""


@pytest.mark.parametrize("verified,verdict", [("2026-05-20", "✔ met"), ("2025-11-01", "≈ met")])
def test_a_condition_met_with_stale_evidence_says_so(
    cli, tmp_path: Path, verified: str, verdict: str
) -> None:
    """The controls meet the insurer's condition as recorded, but INS-02 finds their evidence
    out of date: the verdict says so rather than a plain 'met'."""
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "p.yaml").write_text(STALE.replace("VERIFIED", verified), encoding="utf-8")
    text, _ = _report(cli, repo, tmp_path, "--as-of", "2026-06-01", "--no-cache")
    row = text[text.index('<th scope="row">edr-everywhere') :]
    row = row[: row.index("</tr>")]
    assert verdict in row
    assert ("evidence out of date" in row) == (verdict != "✔ met")


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        ('{"version": 1,\n "findings": [\n  {"fingerprint": "ab",}\n ]}', 3, 24, "Expecting"),
        ('{"version": 1, "findings": []} trailing', 1, 32, "Extra data"),
        ('{"version": 2,\n "findings": []}', 1, 2, "another version of its format (2"),
        ('\ufeff{"version": 1, "findings": [}', 1, 30, "Expecting value"),
    ],
    ids=["a comma too many", "trailing data", "a later version", "a BOM, then broken JSON"],
)
def test_previous_is_refused_at_the_line_and_column_with_the_reason(
    cli, tmp_path: Path, text: str, line: int, column: int, words: str
) -> None:
    """An earlier check's JSON that cannot be read is refused as a baseline is: at its line and
    column, with why (not one message for every case), and one of another version of the
    format is not read as this one."""
    previous = tmp_path / "previous.json"
    previous.write_text(text, encoding="utf-8")
    run = _with_previous(cli, tmp_path, previous)
    assert run.exit_code == 2
    assert f"previous.json:{line}:{column}: --previous: " in run.stderr, run.stderr
    assert words in run.stderr
    assert not (tmp_path / "r.html").exists()


def test_each_rules_why_leads_with_a_few_sentences_and_folds_the_rest(cli, tmp_path: Path) -> None:
    """The rules behind the findings: a committee reads each rule's first sentences; the rest of
    its rationale (a page for some) is folded beneath, whole, in a <details> of the page."""
    import html as html_module

    from resilint.report.findings import LEAD

    text, _ = _report(cli, EXAMPLES / "defects", tmp_path, "--as-of", "2026-11-26")
    articles = re.findall(r'<article id="rule-[^"]+">(.*?)</article>', text, flags=re.S)
    assert articles
    folded = 0
    for article in articles:
        lead = re.search(r"</h4><p>(.*?)</p>", article, flags=re.S)
        assert lead is not None, article
        rest = re.search(r"<details><summary>Why, in full</summary><p>(.*?)</p>", article)
        # at most the lead's length, or one sentence longer than it (never cut mid-sentence)
        said = html_module.unescape(lead.group(1))
        assert said.endswith((".", ")", "!", "?", ":")) or rest is None, said
        if rest is not None:
            folded += 1
            assert len(said) <= 3 * LEAD, said
    assert folded, "no rationale of the defects' rules is long enough to fold"


def test_the_report_is_titled_with_whose_programme_it_is(cli, tmp_path: Path) -> None:
    """The committee reads the company's name, not the repository's folder: the one entity's,
    or the group's head (the entity others name as their parent)."""
    text, _ = _report(cli, EXAMPLES / "northwind", tmp_path, "--as-of", "2026-11-26")
    head = next(e for e in _documents(EXAMPLES / "northwind", "Entity") if not e.get("parent"))
    assert f"<h1>{head['name']}: resilience posture</h1>" in text
    assert "<h1>northwind:" not in text
