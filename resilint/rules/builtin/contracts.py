"""Python checks for the contract rules (see rules/contracts.yaml for their documentation).

CTR-04 compares a supplier's notice window with every clock we are bound by, across insurance
policies and entities. To whom it applies (contracts in force or in draft whose supplier the
requirements matrix asks for incident notice) is its ``applies_to``; the engine keeps only the
findings on those contracts.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from resilint.domain.readers import number, show_number, value_at
from resilint.findings import Finding, JsonPath
from resilint.model import Document
from resilint.rules.model import RuleContext, RuleInfo
from resilint.rules.python import PythonCheck

# Entity clocks counted from the moment we become aware of an incident. The intermediate report
# and the final report run from the initial notification, so they never bind the supplier's notice.
_ENTITY_CLOCKS: tuple[tuple[str, str], ...] = (
    ("regulator_early_warning_hours", "early-warning deadline to the regulator"),
    ("regulator_initial_hours", "initial incident notification deadline to the regulator"),
    ("data_protection_authority_hours", "breach notice deadline to the data protection authority"),
)
_POLICY_NOTE = "a policy condition: late notice can put cover at risk; market practice, not law"
_PROGRAMME_POLICY = (
    "; this is programme policy, not a legal requirement: our regulatory and insurer clocks "
    "start when we become aware of an incident, not when the supplier is compromised, but the "
    "supplier's notice is often how we become aware"
)


@dataclass(frozen=True)
class Clock:
    """A deadline we are bound by, counted in hours from the moment we learn of an incident."""

    hours: float
    what: str
    document: Document
    json_path: JsonPath
    note: str = ""

    @property
    def description(self) -> str:
        text = f"the {show_number(self.hours)}-hour {self.what} of {self.document.label}"
        return f"{text} ({self.note})" if self.note else text


def check_notice_window_fits_clocks(context: RuleContext, info: RuleInfo) -> Iterator[Finding]:
    """CTR-04: the supplier's notice window plus our triage buffer fits our tightest clock."""
    buffer = number(context.params.get("triage_buffer_hours")) or 0.0
    for contract in context.index.of_kind("Contract"):
        window = number(value_at(contract.data, "incident_notification", "window_hours"))
        if window is None:
            continue  # CTR-03 reports a missing window
        broken = sorted(
            (c for c in _clocks(context, contract) if c.hours < window + buffer),
            key=lambda c: c.hours,
        )
        if broken:
            yield _notice_finding(context, info, contract, window, buffer, broken)


def _clocks(context: RuleContext, contract: Document) -> list[Clock]:
    """Every clock of the contract's entities (every entity when it names none): the notice
    deadlines of the insurance policies in force that cover one of them and, where the supplier's
    compromise can become an incident of ours (it provides ICT services, holds access to our
    systems or our confidential data), the entities' own reporting clocks."""
    facts = context.facts.contract(contract)
    clocks = list(_insurer_clocks(context, frozenset(facts.entities)))
    if facts.supplier is None or not facts.supplier.exposures:
        return clocks
    for entity_id in facts.entities:
        entity = context.index.get("Entity", entity_id)
        if entity is not None:
            clocks.extend(_entity_clocks(entity))
    return clocks


def _insurer_clocks(context: RuleContext, entities: frozenset[str]) -> Iterator[Clock]:
    for policy in context.index.of_kind("InsurancePolicy"):
        facts = context.facts.policy(policy)
        limit = number(value_at(policy.data, "notice", "incident_notice_hours"))
        if limit is not None and facts.in_force and entities.intersection(facts.entities):
            where = ("notice", "incident_notice_hours")
            yield Clock(limit, "incident notice deadline", policy, where, _POLICY_NOTE)


def _entity_clocks(entity: Document) -> Iterator[Clock]:
    clocks = value_at(entity.data, "reporting_clocks")
    for key, what in _ENTITY_CLOCKS:
        limit = number(value_at(clocks, key))
        if limit is not None:
            yield Clock(limit, what, entity, ("reporting_clocks", key))
    others = value_at(clocks, "other_clocks")
    for position, other in enumerate(others if isinstance(others, list) else []):
        limit = number(value_at(other, "hours"))
        if limit is not None:
            where = ("reporting_clocks", "other_clocks", position, "hours")
            yield Clock(limit, _other_clock_name(other), entity, where)


def _other_clock_name(other: object) -> str:
    name, source = value_at(other, "name"), value_at(other, "source")
    what = f"'{name}' deadline" if isinstance(name, str) else "reporting deadline"
    return f"{what} ({source})" if isinstance(source, str) else what


def _notice_finding(
    context: RuleContext,
    info: RuleInfo,
    contract: Document,
    window: float,
    buffer: float,
    broken: list[Clock],
) -> Finding:
    tightest = broken[0]
    message = (
        f"contract {contract.id} lets supplier {contract.data.get('supplier')} take "
        f"{show_number(window)} hours to notify us of an incident; with our "
        f"{show_number(buffer)}-hour triage buffer that is {show_number(window + buffer)} hours, "
        f"past {tightest.description}: negotiate a notice window of at most "
        f"{show_number(max(tightest.hours - buffer, 0.0))} hours"
    )
    if len(broken) > 1:
        others = len(broken) - 1
        plural = "s" if others > 1 else ""
        message += f" (it also misses {others} other deadline{plural}, listed below)"
    related = tuple(
        context.related(clock.document, clock.json_path, clock.description) for clock in broken
    )
    at = ("incident_notification", "window_hours")
    return context.finding(info, contract, at, message + _PROGRAMME_POLICY, related)


CHECKS: dict[str, PythonCheck] = {
    "notice-window-fits-clocks": check_notice_window_fits_clocks,
}
