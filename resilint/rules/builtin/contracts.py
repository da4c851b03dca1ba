"""Python checks for the contracts rules (see rules/*.yaml for their documentation)."""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from resilint.findings import Finding, JsonPath
from resilint.model import Document
from resilint.rules.builtin.readers import number, show_number, strings, value_at
from resilint.rules.model import RuleContext, RuleInfo
from resilint.rules.python import PythonCheck
from resilint.rules.runtime import as_date

_CLOSED_CONTRACT = ("ended", "terminated")

# Entity clocks counted from the moment we become aware of an incident. The intermediate report
# and the final report run from the initial notification, so they never bind the supplier's notice.
_ENTITY_CLOCKS: tuple[tuple[str, str], ...] = (
    ("regulator_early_warning_hours", "early-warning deadline to the regulator"),
    ("regulator_initial_hours", "initial incident notification deadline to the regulator"),
    ("data_protection_authority_hours", "breach notice deadline to the data protection authority"),
)


def point_at(data: Any, *path: str | int) -> JsonPath:
    """``path`` if it exists, else its longest existing parent, else the document's id."""
    for end in range(len(path), 0, -1):
        if value_at(data, *path[:end]) is not None:
            return path[:end]
    return ("id",)


def with_discriminator(problem: Finding, discriminator: str) -> Finding:
    """Tell apart findings of one rule at one place, so their fingerprints stay stable."""
    return dataclasses.replace(problem, discriminator=discriminator)


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


def _policy_in_force(policy: Document, as_of: datetime.date) -> bool:
    # An expired policy no longer binds us; a policy without dates is assumed in force.
    end = as_date(value_at(policy.data, "period", "end"))
    return end is None or end >= as_of


def _insurer_clocks(context: RuleContext, entity_ids: list[str]) -> Iterator[Clock]:
    for policy in context.index.of_kind("InsurancePolicy"):
        insured = strings(policy.data.get("insured_entities"))
        if entity_ids and not set(insured) & set(entity_ids):
            continue
        limit = number(value_at(policy.data, "notice", "incident_notice_hours"))
        if limit is not None and _policy_in_force(policy, context.as_of):
            yield Clock(
                limit,
                "incident notice deadline",
                policy,
                ("notice", "incident_notice_hours"),
                "a policy condition: late notice can put cover at risk; market practice, not law",
            )


def _entity_clocks(entity: Document) -> Iterator[Clock]:
    clocks = value_at(entity.data, "reporting_clocks")
    for key, what in _ENTITY_CLOCKS:
        limit = number(value_at(clocks, key))
        if limit is not None:
            yield Clock(limit, what, entity, ("reporting_clocks", key))
    others = value_at(clocks, "other_clocks")
    for position, other in enumerate(others if isinstance(others, list) else []):
        limit = number(value_at(other, "hours"))
        if limit is None:
            continue
        name = value_at(other, "name")
        source = value_at(other, "source")
        what = f"'{name}' deadline" if isinstance(name, str) else "reporting deadline"
        if isinstance(source, str):
            what += f" ({source})"
        yield Clock(limit, what, entity, ("reporting_clocks", "other_clocks", position, "hours"))


def _clocks(context: RuleContext, contract: Document) -> list[Clock]:
    """Every clock the contract's entities are bound by (all policies' when it names none)."""
    entity_ids = strings(contract.data.get("entities"))
    clocks = list(_insurer_clocks(context, entity_ids))
    for entity_id in dict.fromkeys(entity_ids):
        entity = context.index.get("Entity", entity_id)
        if entity is not None:
            clocks.extend(_entity_clocks(entity))
    return clocks


def check_notice_window_fits_clocks(context: RuleContext, info: RuleInfo) -> Iterator[Finding]:
    """CTR-04: the supplier's notice window plus our triage buffer fits our tightest clock."""
    buffer = number(context.params.get("triage_buffer_hours")) or 0.0
    for contract in context.index.of_kind("Contract"):
        if contract.data.get("status") in _CLOSED_CONTRACT:
            continue
        window = number(value_at(contract.data, "incident_notification", "window_hours"))
        if window is None:
            continue  # CTR-03 reports a missing window
        needed = window + buffer
        broken = sorted(
            (c for c in _clocks(context, contract) if c.hours < needed), key=lambda c: c.hours
        )
        if broken:
            yield _notice_problem(context, info, contract, window, buffer, broken)


def _notice_problem(
    context: RuleContext,
    info: RuleInfo,
    contract: Document,
    window: float,
    buffer: float,
    broken: list[Clock],
) -> Finding:
    tightest = broken[0]
    supplier = contract.data.get("supplier")
    message = (
        f"contract {contract.id} lets supplier {supplier} take {show_number(window)} hours to "
        f"notify us of an incident; with our {show_number(buffer)}-hour triage buffer that is "
        f"{show_number(window + buffer)} hours, past {tightest.description}: negotiate a notice "
        f"window of at most {show_number(max(tightest.hours - buffer, 0.0))} hours"
    )
    others = len(broken) - 1
    if others:
        message += (
            f" (it also misses {others} other deadline{'s' if others > 1 else ''}, listed below)"
        )
    related = tuple(
        context.related(clock.document, clock.json_path, clock.description) for clock in broken
    )
    at = ("incident_notification", "window_hours")
    return context.finding(info, contract, at, message, related)


CHECKS: dict[str, PythonCheck] = {
    "notice-window-fits-clocks": check_notice_window_fits_clocks,
}
