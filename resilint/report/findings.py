"""Every finding, searchable and filterable, and the explanation of each rule that found one.

The table is complete without JavaScript; the filter form is shown only when the script runs
(it filters rows in place by text, level, area, rule and status).
"""

from __future__ import annotations

from resilint.findings import Finding
from resilint.patterns import kept
from resilint.report.markup import h, slug
from resilint.report.posture import Posture

_HEAD = ("level", "rule", "where", "finding", "suppressed by")
_LEVEL_SIGN = {"error": "✘", "warning": "▲", "info": "ℹ"}  # noqa: RUF001 (the information sign)


def render(posture: Posture) -> str:
    findings = posture.findings
    head = "".join(f'<th scope="col">{c}</th>' for c in _HEAD)
    rows = "".join(_row(posture, f) for f in findings) or (
        f'<tr><td colspan="{len(_HEAD)}">No findings.</td></tr>'
    )
    return (
        '<section id="findings" aria-labelledby="findings-h"><h2 id="findings-h">Findings</h2>'
        f"{_filter(posture)}"
        '<div class="scroll"><table id="findings-table" class="findings">'
        f"<caption>All {len(findings)} findings, suppressed ones included (a rule's code "
        "links to why it matters and how to fix it)</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>"
        f"{_explanations(posture)}</section>"
    )


def _filter(posture: Posture) -> str:
    areas = sorted({posture.area(f.code) for f in posture.findings}, key=str.casefold)
    codes = sorted({f.code for f in posture.findings})
    return (
        '<form id="filter" class="filter" hidden role="search" aria-label="Filter findings">'
        '<label>Search <input type="search" id="filter-text" name="text" '
        'placeholder="text, id, file…"></label>'
        + _select("level", ["error", "warning", "info"])
        + _select("area", areas)
        + _select("rule", codes)
        + _select("status", ["active", "suppressed"])
        + '<output id="filter-count" aria-live="polite"></output></form>'
    )


def _select(name: str, values: list[str]) -> str:
    options = "".join(f'<option value="{h(v)}">{h(v)}</option>' for v in values)
    return (
        f'<label>{name.capitalize()} <select id="filter-{name}" name="{name}">'
        f'<option value="">all</option>{options}</select></label>'
    )


def _row(posture: Posture, f: Finding) -> str:
    """One finding, in as few bytes as it reads well: a report of thousands of findings must
    stay small (the level's colour, the area and the rule for the filter come from the row's
    data attributes and the page's data block, not from repeated markup)."""
    level = f.level.label
    related = "".join(
        f"<li>{h(posture.where(r.path))}:{r.line}:{r.column} {h(r.message)}</li>" for r in f.related
    )
    shown = h(f.message) + (f"<ul>{related}</ul>" if related else "")
    rule = h(f.code)
    if f.code in posture.rules:
        rule = f'<a href="#rule-{slug(f.code)}">{rule}</a>'
    status, status_cell = "", ""  # active: the default, said by the empty cell's header
    if f.suppression is not None:
        s = f.suppression
        status = ' data-status="suppressed"'
        status_cell = f"≈ {h(s.kind)}: {h(s.justification)} ({h(s.source)})"
    return (
        f'<tr id="{posture.anchor(f)}" data-level="{level}"{status}>'
        f"<td>{_LEVEL_SIGN[level]} {level}</td><td>{rule}</td>"
        f"<td>{h(posture.where(f.path))}:{f.line}:{f.column}</td><td>{shown}</td>"
        f"<td>{status_cell}</td></tr>"
    )


LEAD = 320
"""Characters of a rule's rationale a committee reads first (whole sentences, at least one); the
rest, which can run to a page (CTR-04's clocks by regime), is folded beneath."""
_SENTENCE_END = kept(r"(?<=[.!?])\s+(?=[A-Z])")


def _why(rationale: str) -> str:
    """The rationale's first sentences, and the rest of it folded in a ``<details>`` (the page
    keeps all of it, for a reader who opens it or searches it, without a wall of text for
    each rule)."""
    sentences = _SENTENCE_END.split(" ".join(rationale.split()))
    lead: list[str] = []
    while sentences:
        longer = len(" ".join([*lead, sentences[0]]))
        # a first sentence that only frames the rule ("A programme-policy check.") takes the
        # next one with it, unless that one is a page of its own
        if lead and longer > (2 * LEAD if len(" ".join(lead)) < LEAD // 3 else LEAD):
            break
        lead.append(sentences.pop(0))
    rest = " ".join(sentences)
    folded = f"<details><summary>Why, in full</summary><p>{h(rest)}</p></details>" if rest else ""
    return f"<p>{h(' '.join(lead))}</p>{folded}"


_CITED = {
    "dora": ("DORA", kept(r"\bDORA\b|Regulation \(EU\) 2022/2554")),
    "nis2": ("NIS2", kept(r"\bNIS2\b|Directive \(EU\) 2022/2555|\(EU\) 2024/2690")),
    "nydfs": ("NYDFS Part 500", kept(r"\bNYDFS\b|\bNYCRR\b")),
}
"""Each regime a rationale may cite, as a note names it, and how its citations read."""
_GDPR = kept(r"\bGDPR\b")


def _here(posture: Posture, rationale: str) -> str:
    """What the laws a rule's rationale cites are to this programme, where none of its entities
    is under them: a rationale is written for every programme (CTR-04 weighs DORA's, NIS2's and
    NYDFS's clocks), and a US company's procurement manager reading it must not take EU law for
    their own duty. Said once under the rule's lead: the law is the source of the rule's
    reasoning, what it asks on that ground is the programme's policy here. The GDPR is no regime
    an entity records: said of it only where every entity is recorded as established outside the
    EEA and the United Kingdom, and then that it may still reach them by whom they serve (Art.
    3(2))."""
    under = posture.facts.regimes.everywhere
    absent = [
        name for r, (name, cites) in _CITED.items() if r not in under and cites.search(rationale)
    ]
    gdpr = _GDPR.search(rationale) is not None and _outside_eu(posture)
    if not absent and not gdpr:
        return ""
    said = []
    if absent:
        one = len(absent) == 1
        said.append(
            f"{_either(absent)} {'binds' if one else 'bind'} no entity of this programme: "
            f"where this explanation cites {'it' if one else 'them'}, it says what "
            f"{'that law asks' if one else 'those laws ask'} of the entities "
            f"{'it binds' if one else 'they bind'}, the source of the rule's reasoning; here "
            "what the rule asks on that ground is this programme's policy."
        )
    if gdpr:
        said.append(
            "The GDPR it cites binds an organisation established outside the EU only where it "
            "offers goods or services to people in the EU or monitors their behaviour there "
            "(GDPR Art. 3(2)): every entity of this programme is recorded as established "
            "outside the EEA and the United Kingdom."
        )
    return f'<p class="sub here">{h(" ".join(said))}</p>'


def _either(names: list[str]) -> str:
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " or " + names[-1]


def _outside_eu(posture: Posture) -> bool:
    """Every entity is recorded as established outside the EEA and the United Kingdom (one
    recording no country may be in it)."""
    from resilint.domain.statutes import EEA_COUNTRIES

    entities = posture.facts.index.of_kind("Entity")
    countries = [e.data.get("country") for e in entities]
    return bool(countries) and all(
        isinstance(c, str) and c and c != "GB" and c not in EEA_COUNTRIES for c in countries
    )


def _explanations(posture: Posture) -> str:
    codes = sorted({f.code for f in posture.findings})
    items = []
    for code in codes:
        doc = posture.rules.get(code)
        if doc is None:
            continue
        items.append(
            f'<article id="rule-{slug(code)}"><h4>{h(code)} {h(doc.name)}: {h(doc.title)}</h4>'
            + _why(doc.rationale)
            + _here(posture, doc.rationale)
            + f"<p><strong>How to fix it.</strong> {h(' '.join(doc.remediation.split()))}</p>"
            + (
                f'<p class="sub">Reference: <a href="{h(posture.help_url(code))}">'
                f"{h(code)} in docs/rules.md</a></p>"
                if doc.documented
                else ""
            )
            + "</article>"
        )
    if not items:
        return ""
    return (
        f'<div class="explanations"><h3>The rules behind these findings</h3>{"".join(items)}</div>'
    )
