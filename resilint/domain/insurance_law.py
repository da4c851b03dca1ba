"""The law governing an insurance policy, and what that law says an inaccurate answer to the
insurer's questions on the risk costs: a condition attested on the proposal form (MFA, EDR,
backups) that the controls do not meet is such an answer. INS-01 says it in the governing law's
own provisions where resilint knows them (France, Germany, the United Kingdom, the Netherlands),
and otherwise that the consequences depend on that law, with a US case as an illustration only.

The governing law is the policy's ``governing_law_country``, else the country every entity it
insures is recorded in, where the risk is situated. That is a default, not a rule of law: a
policy covering a large risk is governed by the law its parties chose, else by that of the
insurer's habitual residence (Regulation (EC) No 593/2008, Rome I, Art. 7(2)), and another
may choose among the laws Art. 7(3) allows; a policy whose wording states its law records it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from resilint.domain.readers import text_of
from resilint.model import Document, Index


@dataclass(frozen=True)
class DisclosureLaw:
    """What an inaccurate answer to the insurer's questions on the risk costs under one law, in
    words that follow "we attested this condition to the insurer, and"."""

    consequence: str
    corrected: str
    """What the broker is asked to correct: the declaration, the presentation of the risk."""


FRENCH = DisclosureLaw(
    "under French insurance law an inexact declaration of the risk voids the policy where it "
    "was intentional (Code des assurances Art. L113-8) and otherwise reduces any indemnity in "
    "the ratio of the premium paid to the premium that would have been due (Art. L113-9)",
    "declaration",
)
"""The Code des assurances: the attestation is the declaration of the risk the insurer asked
for (Art. L113-2, 2°)."""

GERMAN = DisclosureLaw(
    "under German insurance contract law an inaccurate answer to a question on the risk the "
    "insurer asked in text form (Versicherungsvertragsgesetz § 19(1)) lets it rescind the "
    "policy (§ 19(2)) and, rescinding after a loss, refuse the claim unless the misstated "
    "circumstance played no part in it (§ 21(2)); where we were neither intentional nor "
    "grossly negligent it may only terminate the policy on a month's notice (§ 19(3)), and "
    "where it would have written the policy on other terms it may, rather than rescind for "
    "gross negligence or terminate, only make those terms part of it (§ 19(4)); an answer "
    "given to deceive lets it avoid the policy for fraud (§ 22 VVG with § 123 BGB)",
    "declaration",
)
"""The Versicherungsvertragsgesetz (VVG): the attestation answers the insurer's questions in
text form on the risk circumstances (§ 19(1)). A policy covering a large risk may agree other
consequences (§ 210(1))."""

BRITISH = DisclosureLaw(
    "under the UK Insurance Act 2015 we owed the insurer a fair presentation of the risk, its "
    "representations of fact substantially correct (s. 3); where the insurer would not have "
    "written the policy, or not on the same terms, had the presentation been fair (s. 8), it "
    "may avoid the policy, refuse all claims and keep the premium if the breach was "
    "deliberate or reckless (Sch. 1 para. 2), and otherwise avoid it and return the premium "
    "if it would not have written it at all (para. 4), treat it as written on the terms it "
    "would have required (para. 5), or pay a claim only in the proportion the premium charged "
    "bears to the premium it would have charged (para. 6)",
    "presentation of the risk",
)
"""The Insurance Act 2015, which extends to the whole United Kingdom: a business policy's duty
of fair presentation and the insurer's remedies for a qualifying breach. A business policy may
contract out of them, subject to the transparency requirements (ss. 16-17)."""

DUTCH = DisclosureLaw(
    "under Dutch insurance law we had to tell the insurer the facts we knew or ought to have "
    "known on which its decision whether, and on what terms, to insure us depends (Burgerlijk "
    "Wetboek art. 7:928(1)); it may terminate the policy where it would not have insured us "
    "had it known them (art. 7:929(2)), and pays a claim in full only where they do not "
    "matter to the loss (art. 7:930(2)), otherwise only as though on the terms it would have "
    "set, or in proportion to the premium it would have charged (art. 7:930(3)), and not at "
    "all where it would not have insured us (art. 7:930(4)) or where we meant to mislead it "
    "(art. 7:930(5))",
    "declaration",
)
"""Burgerlijk Wetboek Book 7, Title 17: the duty to tell the insurer the facts on the risk
(art. 7:928) and what the insurer may do where it was not met (art. 7:929 and 7:930)."""

LAWS: dict[str, DisclosureLaw] = {"FR": FRENCH, "DE": GERMAN, "GB": BRITISH, "NL": DUTCH}
"""The laws resilint cites provisions of, by the country code of the policy's governing law
(GB: any part of the United Kingdom). Ireland has none here: its Consumer Insurance Contracts
Act 2019 governs consumers, businesses with an annual turnover under EUR 3 million among them,
and a business policy beyond them rests on the common law."""

_TRAVELERS = (
    "for example, a US court rescinded by consent judgment a cyber policy whose application "
    "attested MFA that protected only the firewall (Travelers v. International Control "
    "Services, C.D. Ill. 2022)"
)

ELSEWHERE = DisclosureLaw(
    "what an inaccurate attestation costs depends on the law governing the policy, and can "
    f"reach the whole cover: {_TRAVELERS}",
    "attestation",
)
"""A policy governed by a law resilint cites no provisions of: the US case illustrates the
stake, it is not the law."""

UNTOLD = DisclosureLaw(
    "what an inaccurate attestation costs depends on the law governing the policy, which "
    "neither its governing_law_country nor its insured entities' countries tell, and can "
    f"reach the whole cover: {_TRAVELERS}",
    "attestation",
)
"""A policy whose governing law cannot be told: it records none, and the entities it insures
are recorded in more than one country, or one records none."""


def governing_law(policy: Document, insured: Iterable[str], index: Index) -> str | None:
    """The country code of the law governing ``policy``: its ``governing_law_country``, else
    the country every entity of ``insured`` (its insured entities' ids) is recorded in; None
    when neither tells."""
    chosen = text_of(policy.data.get("governing_law_country"))
    if chosen is not None:
        return chosen
    entities = [index.get("Entity", e) for e in insured]
    countries = {text_of(e.data.get("country")) if e is not None else None for e in entities}
    return next(iter(countries)) if len(countries) == 1 else None


def disclosure_law(country: str | None) -> DisclosureLaw:
    """What an inaccurate attestation costs under the law of ``country`` (None: untold)."""
    if country is None:
        return UNTOLD
    return LAWS.get(country, ELSEWHERE)
