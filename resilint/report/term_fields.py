"""Which term of the requirements matrix a finding reports.

A rule that checks one term alone reports it with every finding. A rule that checks several
terms (CTR-03, CTR-06, CTR-07, CTR-08, SUP-03) or other things besides one (CTR-13's dates)
reports each term at the fields that hold it: :data:`FIELDS` lists them rule by rule, in the
order the rule asks them, and a finding reports the term of the most specific field it is at
(each of the gaps it folds, when it folds several). A finding at none of them reports none of
the terms.

A document that lacks a section altogether gets one finding for it, at the first field the
rule asked there (:mod:`resilint.rules.declarative` folds the other failures into it): it also
reports each term the rule asks later in that section, where the document is asked that term.
"""

from __future__ import annotations

from collections.abc import Mapping

from resilint.findings import Finding, JsonPath
from resilint.model import Document

FIELDS: Mapping[str, tuple[tuple[JsonPath, str], ...]] = {
    # the notice's hours and trigger; its content only where the clause is missing altogether
    # (CTR-05 judges the content of a clause that is there)
    "CTR-03": (
        (("incident_notification",), "incident_notice"),
        (("incident_notification", "window_wording"), "incident_notice"),
        (("incident_notification", "window_hours"), "incident_notice"),
        (("incident_notification", "trigger"), "incident_notice"),
        (("incident_notification", "content"), "notice_content"),
    ),
    "CTR-06": (
        (("evidence_retention",), "evidence_retention"),  # log_days, shown at the section
        (("evidence_retention", "log_days"), "evidence_retention"),
        (("evidence_retention", "forensic_images"), "forensic_images"),
        (("evidence_retention", "preservation_on_request"), "evidence_retention"),
        # our team's and the insurer's access: the evidence_retention term's title says both
        (("evidence_retention", "access_for"), "evidence_retention"),
    ),
    "CTR-07": (
        (("cooperation", "incident_team"), "cooperation"),
        (("cooperation", "outside_counsel"), "claim_cooperation"),
        (("cooperation", "insurer"), "claim_cooperation"),
    ),
    "CTR-08": (
        (("remedies", "step_in_rights"), "step_in_rights"),
        (("remedies", "security_indemnity"), "security_indemnity"),
        (("remedies", "accelerated_termination"), "accelerated_termination"),
    ),
    "CTR-13": ((("id",), "notice_periods"),),  # its other findings are about the dates
    # the notice periods CTR-13 leaves to it where it runs (its other gaps: governing law)
    "REG-04": (
        (("our_notice_period_days",), "notice_periods"),
        (("supplier_notice_period_days",), "notice_periods"),
    ),
    "SUP-03": (
        # the 24x7 contact, and what it lacks: where both terms are asked it is the one
        # contact asked, and a named contact beside it does not make up for it
        (("contacts", "security_24x7"), "security_contact_24x7"),
        (("contacts",), "security_contact"),
        (("contacts", "security"), "security_contact"),
        (("contacts", "escalation"), "escalation_order"),
    ),
}
"""Rule code -> (field, term) in the order the rule asks them, for the rules that check
several terms, or a term and other things."""


FOLDED: Mapping[str, tuple[str, ...]] = {
    "CTR-03": ("notice_content",),
    "REG-04": ("notice_periods",),
}
"""Rule code -> terms of other rules it reports only where the document lacks the section that
holds them: a contract with no notice clause at all is one CTR-03 finding, which names the
content CTR-05 asks of a clause that is there; REG-04 reports the notice periods CTR-13 leaves
to it on a contract it asks them of. The matrix does not list the rule for the term (its
explanation would say the rule asks the term everywhere)."""


def rules_reporting(term: str) -> tuple[str, ...]:
    """The rules whose findings may report ``term`` besides the term's own rules."""
    return tuple(code for code, terms in FOLDED.items() if term in terms)


def reports(finding: Finding, term: str, document: Document, asked: bool) -> bool:
    """Whether ``finding``, on ``document`` (``asked``: the matrix asks the document
    ``term``), reports ``term``."""
    fields = FIELDS.get(finding.code)
    if fields is None:
        return True
    paths = [part.json_path for part in finding.parts] or [finding.json_path]
    return any(_reports_at(fields, path, term, document, asked) for path in paths)


def _reports_at(
    fields: tuple[tuple[JsonPath, str], ...],
    path: JsonPath,
    term: str,
    document: Document,
    asked: bool,
) -> bool:
    """Whether a gap at ``path`` reports ``term``: the term of its field, and, in a section
    the document lacks, each term the rule asks later in that section."""
    at = _entry(fields, path)
    if at is None:
        return False
    if fields[at][1] == term:
        return True
    return (
        asked
        and _lacks_section(document, path)
        and any(name == term and field[0] == path[0] for field, name in fields[at + 1 :])
    )


def _entry(fields: tuple[tuple[JsonPath, str], ...], path: JsonPath) -> int | None:
    """The first of the most specific fields ``path`` is at or within (None: none is)."""
    best: int | None = None
    for number, (field, _) in enumerate(fields):
        within = path[: len(field)] == field
        if within and (best is None or len(field) > len(fields[best][0])):
            best = number
    return best


def _lacks_section(document: Document, path: JsonPath) -> bool:
    """Whether ``path`` lies in a top-level section the document does not have (absent or
    empty, as the rule engine judges it when it folds a missing section's failures)."""
    return bool(path) and isinstance(path[0], str) and document.data.get(path[0]) in _EMPTY


_EMPTY: tuple[object, ...] = (None, {}, [], "")
"""What the rule engine counts as a section the document lacks."""


def term_paths(term: str) -> tuple[JsonPath, ...]:
    """The fields that hold ``term``, by every rule that asks it: not a section that holds
    others (a schema error elsewhere in it says nothing of this term), nor the id a finding
    about the whole document is placed at."""
    every = [path for fields in FIELDS.values() for path, _ in fields]
    sections = {p[: len(q)] for p in every for q in every if len(q) < len(p) and p[: len(q)] == q}
    return tuple(
        path
        for fields in FIELDS.values()
        for path, name in fields
        if name == term and path not in sections and path != ("id",)
    )
