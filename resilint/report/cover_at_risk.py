"""What an insurance or claims-evidence gap exposes, for the report's "what to fix first".

A supplier's gap exposes the functions its outage stops; an insurance gap stops no function,
yet it may leave their losses unpaid. Such a gap puts the cover of a policy at risk, and the
cover pays for the losses of the entities the policy insures: the gap exposes their critical
and important functions, in one of two degrees, by the document it is found on (a finding of an
insurance or claims-evidence rule, as the report's areas name them):

- The cover may not pay (the policy's own terms): a finding on an insurance policy in force, a
  condition the controls do not meet (INS-01: the insurer may refuse a claim, or rescind the
  policy over an attested condition), an exclusion the controls do not keep at bay (INS-07),
  key terms unknown (INS-03), a renewal not in sight (INS-06). A layer's finding puts its own
  cover at risk, for the entities of the policy whose terms it has. A finding on a policy that
  names a business function is about that function's cover alone (a waiting period longer than
  the function can bear, dependent cover leaving out the supplier it rests on, INS-04), and
  exposes what the function's and the supplier's findings do. One of our entities that no
  policy in force insures (INS-06) has no cover to lose: its own functions are exposed.
- A claim may be disputed (the proof of a claim): a finding on a control that a condition of a
  policy in force relies on (it names the control's category, or names the control among its
  controls: INS-02's stale evidence), for the functions of the entities the control runs on; a
  claims-evidence finding (EVD-01) on a policy in force (it has no package) or on the package
  of one. The cover stands, but the insurer may contest a claim until the proof is there.

What to fix first ranks the first degree as a supplier's outage (the functions it exposes), and
the second after every gap exposing a function so: by the functions it exposes, among those
exposing none in the first. A finding on another document that names a place in a policy (a
plan's forensics firm not on the panel, a supplier's data an exclusion reaches) exposes what
its own document does: the functions the supplier's outage stops, or the function a continuity
plan keeps running. Every one names the policy whose cover it puts at risk, with the layers
that follow its form.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from resilint.domain.controls import entities_of
from resilint.domain.readers import dicts, strings, text_of
from resilint.domain.tower import insured_by, named_controls, own_terms, terms_of
from resilint.findings import Finding
from resilint.model import Document
from resilint.report.posture import Posture

if TYPE_CHECKING:
    from resilint.domain import Facts

PROOF = "claims evidence"
"""The area of the rules on the proof of a claim."""
AREAS = ("insurance", PROOF)
"""The report's areas (:data:`resilint.report.posture.AREAS`) of the rules whose gaps put a
policy's cover at risk."""


class AtRisk(NamedTuple):
    """By ``id(finding)``: what each insurance or claims-evidence finding exposes."""

    unpaid: dict[int, set[str]]
    """The critical and important functions whose losses the cover may not pay."""
    disputed: dict[int, set[str]]
    """Those whose claims the insurer may dispute, the proof of the claim being short."""
    policies: dict[int, list[str]]
    """The ids of the policies whose cover the finding puts at risk: a policy, then the layers
    that follow its form."""


def at_risk(posture: Posture) -> AtRisk:
    """What each insurance or claims-evidence finding exposes (new mappings, the caller's to
    add to)."""
    facts = posture.facts
    index = facts.index
    critical = [(str(f.id), set(facts.function(f).entities)) for f in facts.critical_functions()]
    everyone = set(facts.regimes.all_entities)

    def performed_by(entities: set[str]) -> set[str]:
        # a function naming no entity, where the repository records none, is everyone's
        return {fid for fid, own in critical if not own or own & entities}

    in_force = [p for p in index.of_kind("InsurancePolicy") if facts.policy(p).in_force]
    insured = {id(p): (insured_by(facts, p) & everyone) or everyone for p in in_force}
    naming_a_function = {
        id(f)
        for function in index.of_kind("BusinessFunction")
        for f in posture.concerning(function)
    }
    unpaid: dict[int, set[str]] = defaultdict(set)
    disputed: dict[int, set[str]] = defaultdict(set)
    covers: dict[int, dict[str, None]] = defaultdict(dict)

    def cover(finding: Finding, policy: Document) -> None:
        covers[id(finding)].update(
            dict.fromkeys(str(p.id) for p in _tower(facts, policy, in_force))
        )

    def risk(finding: Finding, policy: Document, entities: set[str], proof: bool) -> None:
        (disputed if proof else unpaid)[id(finding)].update(performed_by(entities))
        cover(finding, policy)

    for policy in in_force:
        located = {id(f) for f in posture.about(policy)}
        for finding in _ours(posture, posture.concerning(policy)):
            if id(finding) in located and id(finding) not in naming_a_function:
                proof = posture.area(finding.code) == PROOF
                risk(finding, policy, insured[id(policy)], proof=proof)
            else:  # about one function's cover, or found elsewhere: it exposes what that does
                cover(finding, policy)
    for package in index.of_kind("EvidencePackage"):
        named = text_of(package.data.get("policy"))
        supported = index.get("InsurancePolicy", named) if named else None
        if supported is not None and id(supported) in insured:
            for finding in _ours(posture, posture.about(package)):
                risk(finding, supported, insured[id(supported)], proof=True)
    for control in index.of_kind("Control"):
        found = _ours(posture, posture.about(control))
        if not found:
            continue
        runs_on = entities_of(control)
        for policy in _relying_on(posture, control, in_force):
            entities = insured[id(policy)] & runs_on if runs_on else insured[id(policy)]
            for finding in found:
                risk(finding, policy, entities, proof=True)
    for entity in index.of_kind("Entity"):
        for finding in _ours(posture, posture.about(entity)):
            unpaid[id(finding)].update(performed_by({str(entity.id)}))
    critical_ids = {fid for fid, _ in critical}
    for plan in index.of_kind("ContinuityPlan"):
        function = text_of(plan.data.get("function"))
        if function in critical_ids:
            for finding in _ours(posture, posture.about(plan)):
                unpaid[id(finding)].add(str(function))
    return AtRisk(unpaid, disputed, {key: list(named) for key, named in covers.items()})


def _tower(facts: Facts, policy: Document, in_force: list[Document]) -> list[Document]:
    """The policy, and where it has terms of its own the layers in force that follow its form:
    what bars a claim under it bars one under them."""
    if not own_terms(facts, policy):
        return [policy]
    return [policy] + [p for p in in_force if p is not policy and terms_of(facts, p) is policy]


def _ours(posture: Posture, found: Iterable[Finding]) -> list[Finding]:
    """The findings of the insurance and claims-evidence rules."""
    return [f for f in found if posture.area(f.code) in AREAS]


def _relying_on(posture: Posture, control: Document, in_force: list[Document]) -> list[Document]:
    """The policies in force with terms of their own a condition of which relies on the control:
    it names the control's category, or names the control among its controls."""
    category = text_of(control.data.get("category"))
    relying = []
    for policy in in_force:
        if not own_terms(posture.facts, policy):
            continue
        for _, condition in dicts(policy.data.get("conditions")):
            if not named_controls(condition, [control]):
                continue
            named = strings(condition.get("controls"))
            if named or category in strings(condition.get("control_categories")):
                relying.append(policy)
                break
    return relying
