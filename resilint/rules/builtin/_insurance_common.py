"""Readers and the finding builder shared by the insurance checks (see insurance.py)."""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Iterable

from resilint.findings import Finding, JsonPath, Level, Related
from resilint.model import Document
from resilint.rules.builtin.readers import strings, value_at
from resilint.rules.model import RuleContext, RuleInfo
from resilint.rules.runtime import as_date


def implemented(control: Document) -> bool:
    return control.data.get("status") == "implemented"


def control_status(control: Document) -> str:
    status = control.data.get("status")
    return (
        f"control {control.id} is {status}"
        if isinstance(status, str)
        else (f"control {control.id} has no status")
    )


def in_force(policy: Document, as_of: datetime.date) -> bool:
    """Cover applies today: started (or no start recorded) and not yet ended."""
    start = as_date(value_at(policy.data, "period", "start"))
    end = as_date(value_at(policy.data, "period", "end"))
    return (start is None or start <= as_of) and (end is None or end >= as_of)


def may_insure(entities: list[str], policy: Document) -> bool:
    """Whether the policy may insure a document of these entities (unknown counts as yes)."""
    insured = strings(policy.data.get("insured_entities"))
    return not entities or not insured or bool(set(entities) & set(insured))


def insurance_problem(
    context: RuleContext,
    info: RuleInfo,
    document: Document,
    where: JsonPath,
    message: str,
    related: Iterable[Related] = (),
    discriminator: str = "",
    level: Level | None = None,
) -> Finding:
    problem = context.finding(info, document, where, message, tuple(related))
    # A part the catalogue rates lower keeps that level unless the configuration set one.
    if level is not None and context.level == info.level:
        problem = dataclasses.replace(problem, level=level)
    return dataclasses.replace(problem, discriminator=discriminator)


def as_of_note(context: RuleContext) -> str:
    return f" (as of {context.as_of.isoformat()})"
