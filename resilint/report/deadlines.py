"""The deadlines of the next N days, from the checked model: contract ends and notice dates,
automatic renewals, policy renewals, waiver expiries, and the assessments and exercises that
fall due. The report's deadlines section and ``resilint calendar`` both list these.

The intervals are the rules' own (SUP-04's ``max_age_days`` by tier, EXR-01's
``max_age_days``), as configured, so an assessment is due here exactly when SUP-04 would start
to report it. What is in force is the domain model's (``facts.contract(...).lifecycle``,
``facts.supplier(...)``, ``facts.critical_functions()``), never judged again here.
"""

from __future__ import annotations

import calendar
import datetime
import hashlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from resilint.domain import Facts
from resilint.domain.lifecycle import ENGAGED, IN_FORCE, completed_exercises, shift
from resilint.domain.readers import as_date, dicts, integer, text_of, value_at
from resilint.findings import JsonPath, format_json_path
from resilint.model import Document

DEFAULT_DAYS = 180
CATEGORIES = {
    "contract-end": "contract ends",
    "notice": "notice deadline",
    "auto-renewal": "auto-renewal",
    "policy-renewal": "policy renewal",
    "waiver-expiry": "waiver expires",
    "assessment": "assessment due",
    "exercise": "exercise due",
    "exercise-planned": "exercise planned",
    "exercise-finding": "exercise finding due",
}
"""Each kind of deadline and how it reads."""


@dataclass(frozen=True)
class Intervals:
    """How long an assessment and an exercise stay current: the rules' parameters."""

    assessment_days: Mapping[int, int] = field(default_factory=lambda: {1: 365, 2: 730, 3: 1095})
    """SUP-04 ``max_age_days``, by tier in effect."""
    exercise_days: int = 365
    """EXR-01 ``max_age_days``."""

    @classmethod
    def from_params(cls, params: Mapping[str, Mapping[str, Any]]) -> Intervals:
        """From the rules' parameters by code (rule defaults merged with the configuration)."""
        default = cls()
        ages = params.get("SUP-04", {}).get("max_age_days")
        assessment = dict(default.assessment_days)
        if isinstance(ages, Mapping):
            for tier, days in ages.items():
                if str(tier).isdigit() and integer(days) is not None:
                    assessment[int(tier)] = int(days)
        exercise = integer(params.get("EXR-01", {}).get("max_age_days"))
        return cls(assessment, exercise if exercise is not None else default.exercise_days)


@dataclass(frozen=True)
class Deadline:
    day: datetime.date | None
    """None when nothing was ever recorded (never assessed, never exercised): due now."""
    category: str
    title: str
    detail: str
    document: Document
    json_path: JsonPath
    """The field the date comes from (or would)."""
    owner: str | None = None

    def overdue(self, as_of: datetime.date) -> bool:
        return self.day is None or self.day < as_of

    @property
    def uid(self) -> str:
        """Stable across runs and date changes: what the deadline is, not when it falls."""
        key = "\x1f".join(
            [
                self.category,
                self.document.kind,
                str(self.document.id or self.document.path),
                format_json_path(self.json_path),
            ]
        )
        return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def upcoming(facts: Facts, intervals: Intervals, days: int = DEFAULT_DAYS) -> list[Deadline]:
    """Every deadline up to ``days`` after the as-of date, overdue ones first, then by date."""
    as_of = facts.as_of
    horizon = shift(as_of, days)
    found = [
        *_contracts(facts),
        *_policies(facts),
        *_waivers(facts),
        *_assessments(facts, intervals),
        *_exercises(facts, intervals),
    ]
    kept = [d for d in found if d.day is None or d.day <= horizon]
    return sorted(
        kept,
        key=lambda d: (
            not d.overdue(as_of),
            d.day or datetime.date.min,
            d.category,
            d.document.path,
            d.document.index,
        ),
    )


# -- contracts --------------------------------------------------------------------------------
def _contracts(facts: Facts) -> Iterator[Deadline]:
    for contract in facts.index.of_kind("Contract"):
        if facts.contract(contract).lifecycle != IN_FORCE:
            continue
        end = as_date(contract.data.get("end_date"))
        if end is None:
            continue
        yield from _contract_dates(facts, contract, end)


def _contract_dates(facts: Facts, contract: Document, end: datetime.date) -> Iterator[Deadline]:
    data = contract.data
    who = f"contract {contract.id} with supplier {text_of(data.get('supplier')) or '?'}"
    owner = text_of(data.get("owner"))
    renews = data.get("auto_renew") is True
    months = integer(data.get("renewal_term_months"))
    if renews and end < facts.as_of:
        if months is None or months <= 0:
            yield Deadline(
                end,
                "auto-renewal",
                f"{who} renewed automatically",
                "its end date has passed and no renewal_term_months is recorded: "
                "record the new end date",
                contract,
                ("end_date",),
                owner,
            )
            return
        while end < facts.as_of:
            end = add_months(end, months)
    if renews:
        term = f" for {months} months" if months else ""
        yield Deadline(
            end,
            "auto-renewal",
            f"{who} renews automatically{term}",
            "unless notice is given by the notice deadline",
            contract,
            ("end_date",),
            owner,
        )
    else:
        passed = " (its end date has passed, yet it is recorded as in force)"
        yield Deadline(
            end,
            "contract-end",
            f"{who} ends",
            "renew, replace or exit" + (passed if end < facts.as_of else ""),
            contract,
            ("end_date",),
            owner,
        )
    notice = integer(data.get("our_notice_period_days"))
    if notice is not None and notice >= 0:
        action = "stop the automatic renewal" if renews else "end or renegotiate it"
        yield Deadline(
            shift(end, -notice),
            "notice",
            f"last day to give notice on {who}",
            f"{notice} days before {end.isoformat()}: give notice to {action}",
            contract,
            ("our_notice_period_days",),
            owner,
        )


def add_months(day: datetime.date, months: int) -> datetime.date:
    """``day`` moved by whole months, on the last day of a shorter month; saturating."""
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    if not datetime.MINYEAR <= year <= datetime.MAXYEAR:
        return datetime.date.max
    last = calendar.monthrange(year, month + 1)[1]
    return datetime.date(year, month + 1, min(day.day, last))


# -- insurance and waivers ------------------------------------------------------------------------
def _policies(facts: Facts) -> Iterator[Deadline]:
    for policy in facts.index.of_kind("InsurancePolicy"):
        end = as_date(value_at(policy.data, "period", "end"))
        if end is None or end < facts.as_of:
            continue
        insurer = text_of(policy.data.get("insurer"))
        title = f"insurance policy {policy.id}" + (f" ({insurer})" if insurer else "")
        yield Deadline(
            end,
            "policy-renewal",
            f"{title}: cover ends",
            "renew it, with conditions our controls meet",
            policy,
            ("period", "end"),
            text_of(policy.data.get("owner")),
        )


def _waivers(facts: Facts) -> Iterator[Deadline]:
    for waiver in facts.index.of_kind("Waiver"):
        expires = as_date(waiver.data.get("expires"))
        if expires is None:
            continue
        rule = text_of(waiver.data.get("rule")) or "?"
        detail = (
            "it has expired and no longer suppresses anything"
            if expires < facts.as_of
            else "review the risk: renew the waiver with a new approval, or close the gap"
        )
        yield Deadline(
            expires,
            "waiver-expiry",
            f"waiver {waiver.id} of {rule} expires",
            detail,
            waiver,
            ("expires",),
            text_of(waiver.data.get("risk_owner")),
        )


# -- assessments and exercises --------------------------------------------------------------------
def _assessments(facts: Facts, intervals: Intervals) -> Iterator[Deadline]:
    for supplier in facts.index.of_kind("Supplier"):
        fact = facts.supplier(supplier)
        tier = fact.effective_tier
        if fact.lifecycle != ENGAGED or tier is None or tier not in intervals.assessment_days:
            continue
        every = intervals.assessment_days[tier]
        last = as_date(value_at(supplier.data, "last_assessment", "date"))
        title = f"assessment of supplier {supplier.id} (tier {tier} in effect)"
        owner = text_of(supplier.data.get("owner"))
        if last is None:
            yield Deadline(
                None,
                "assessment",
                title,
                "no assessment is recorded",
                supplier,
                ("last_assessment",),
                owner,
            )
        else:
            detail = f"last assessed {last.isoformat()}; due every {every} days"
            yield Deadline(
                shift(last, every),
                "assessment",
                title,
                detail,
                supplier,
                ("last_assessment", "date"),
                owner,
            )


def _exercises(facts: Facts, intervals: Intervals) -> Iterator[Deadline]:
    done = completed_exercises(facts.index, facts.as_of)
    every = intervals.exercise_days
    for function in facts.critical_functions():
        last = done.latest("functions", str(function.id))
        title = f"exercise of critical function {function.id}"
        owner = text_of(function.data.get("owner"))
        if last is None:
            yield Deadline(
                None, "exercise", title, "no completed exercise lists it", function, ("id",), owner
            )
        else:
            detail = f"last exercised {last.isoformat()}; due every {every} days"
            yield Deadline(shift(last, every), "exercise", title, detail, function, ("id",), owner)
    for playbook in facts.index.of_kind("Playbook"):
        if not facts.playbook(playbook).required:
            continue
        own = as_date(playbook.data.get("last_exercised"))
        found = done.latest("playbooks", str(playbook.id))
        last = max((d for d in (own, found) if d is not None), default=None)
        title = f"exercise of joint playbook {playbook.id}"
        owner = text_of(playbook.data.get("owner"))
        detail = (
            f"last exercised {last.isoformat()}; due every {every} days"
            if last
            else "it records no exercise"
        )
        yield Deadline(
            shift(last, every) if last else None,
            "exercise",
            title,
            detail,
            playbook,
            ("last_exercised",),
            owner,
        )
    yield from _planned_and_findings(facts)


def _planned_and_findings(facts: Facts) -> Iterator[Deadline]:
    for exercise in facts.index.of_kind("Exercise"):
        data = exercise.data
        day = as_date(data.get("date"))
        owner = text_of(data.get("owner"))
        if data.get("status") == "planned" and day is not None and day >= facts.as_of:
            kind = text_of(data.get("type")) or "exercise"
            yield Deadline(
                day,
                "exercise-planned",
                f"{kind} {exercise.id}",
                "planned",
                exercise,
                ("date",),
                owner,
            )
        for i, item in dicts(data.get("findings")):
            due = as_date(item.get("due_date"))
            if due is None or item.get("status") == "closed":
                continue
            what = text_of(item.get("description")) or text_of(item.get("id")) or f"#{i + 1}"
            yield Deadline(
                due,
                "exercise-finding",
                f"finding of exercise {exercise.id}",
                what,
                exercise,
                ("findings", i, "due_date"),
                text_of(item.get("owner")) or owner,
            )
