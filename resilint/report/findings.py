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
