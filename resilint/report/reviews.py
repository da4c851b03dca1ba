"""Reviews, rotations and updates the rules ask on a cycle: a contract's review before its
renewal decision (CTR-14), a supplier credential's rotation and a certificate's expiry
(IAM-02), an exit plan's test and review (SUP-08, under DORA), the evidence of a control an
insurance condition relies on (INS-02), the items of a tower's claims evidence package
(EVD-01), a business function's criticality assessment (BCM-02, under DORA). Each is read from
what its rule judges (``Intervals.judged``: the rule's own selection, confined to its regimes;
EVD-01's towers from :mod:`resilint.domain.evidence`) with the rule's parameters, so that an
entry is due on the last day its rule is silent and overdue on the day it starts to report. A
rule that does not run lists nothing; a date the rule asks for that is not recorded is due
now."""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping
from typing import Any

from resilint.domain import Facts
from resilint.domain.evidence import item_max_age, judged_tower, kept_current, packages_by_tower
from resilint.domain.lifecycle import shift
from resilint.domain.readers import as_date, dicts, in_order, integer, strings, text_of, value_at
from resilint.findings import JsonPath
from resilint.model import Document
from resilint.report.deadline import Deadline, Intervals

_NO_ROTATION = ("human_account", "certificate", "federated_workload")
"""The identity types IAM-02 asks no rotation of: a person's account, a certificate (renewed
before it expires) and a federated workload (no stored secret)."""
_HELD = ("write", "privileged")


def review_dates(facts: Facts, intervals: Intervals) -> Iterator[Deadline]:
    yield from _contract_reviews(facts, intervals)
    yield from _credentials(facts, intervals)
    yield from _exit_plans(facts, intervals)
    yield from _control_evidence(facts, intervals)
    yield from _claims_evidence(facts, intervals)
    yield from _criticality(facts, intervals)


def _cycle(
    facts: Facts,
    last: datetime.date | None,
    every: int,
    done: str,
    what: str,
) -> tuple[datetime.date | None, str]:
    """The day a dated act falls due again and the words for it: none recorded, or recorded
    after the date checked (which shows none by then, as the rules judge it), is due now."""
    if last is None:
        return None, f"no {what} is recorded"
    if last > facts.as_of:
        return None, f"its {what}, {last.isoformat()}, is after the date checked"
    return shift(last, every), f"last {done} {last.isoformat()}; due every {every} days"


def _owner(document: Document) -> str | None:
    return text_of(document.data.get("owner"))


# -- CTR-14 -----------------------------------------------------------------------------------
def _contract_reviews(facts: Facts, intervals: Intervals) -> Iterator[Deadline]:
    """The review CTR-14 asks: every ``review_max_age_days`` for a contract with a supplier
    that is tier 1 in effect and renews automatically; for another, once the last day to decide
    on its renewal is within ``decision_window_days``, a review no older than
    ``review_max_age_days``, and once that day has passed, one that was no older on that day
    (CTR-14 asks nothing more of a contract whose decision had its review). Due the day before
    the first day the rule would report."""
    window = intervals.days("CTR-14", "decision_window_days", 60)
    age = intervals.days("CTR-14", "review_max_age_days", 365)
    for contract, _ in intervals.judged.get("CTR-14", ()):
        data = contract.data
        supplier = facts.supplier_by_id(data.get("supplier"))
        yearly = data.get("auto_renew") is True and supplier is not None and supplier.critical
        end = as_date(data.get("end_date"))
        notice = integer(data.get("our_notice_period_days"))
        decision = shift(end, -max(notice or 0, 0)) if end is not None else None
        last = as_date(data.get("last_review"))
        title = f"review of contract {contract.id} with supplier {text_of(data.get('supplier'))}"
        if yearly:
            day, detail = _cycle(facts, last, age, "reviewed", "review (last_review)")
            detail += " (a tier-1 supplier's contract that renews automatically)"
        elif end is None or decision is None or end < facts.as_of:
            continue  # no renewal decision ahead: CTR-14 asks nothing
        else:
            opens = shift(decision, -window)  # the first day the rule looks at the review
            fresh = last if last is not None and last <= facts.as_of else None
            first = max(opens, shift(fresh, age + 1)) if fresh else opens
            if first > decision:
                # the review stood on the last day to give notice: the decision had it, and a
                # review after that day could no longer change it
                continue
            day = shift(first, -1)
            if fresh:
                recorded = f"last reviewed {fresh.isoformat()}"
            elif last:
                recorded = f"its last_review, {last.isoformat()}, is after the date checked"
            else:
                recorded = "no review is recorded"
            detail = (
                f"{recorded}; the last day to decide whether to renew or end it is "
                f"{decision.isoformat()}, and from {window} days before it the review must be "
                f"no more than {age} days old"
            )
        yield Deadline(
            day, "contract-review", title, detail, contract, ("last_review",), _owner(contract)
        )


# -- IAM-02 -----------------------------------------------------------------------------------
def _credentials(facts: Facts, intervals: Intervals) -> Iterator[Deadline]:
    """The rotation IAM-02 asks of a write or privileged credential that is not a person's
    account, a certificate or a federated workload (within its own rotation_days of
    last_rotated, or the policy's ``max_rotation_days`` where that is shorter, as IAM-02
    measures an overdue rotation; a mandated platform's own interval where it sets the
    rotation, :func:`_set_by_platform`), and the expiry of such a certificate."""
    for identity, _ in intervals.judged.get("IAM-02", ()):
        data = identity.data
        if data.get("access_level") not in _HELD:
            continue
        kind = data.get("type")
        who = f"identity {identity.id} of supplier {text_of(data.get('supplier'))}"
        if kind == "certificate":
            expires = as_date(data.get("expires"))
            detail = "renew it before then" if expires else "no expiry date (expires) is recorded"
            title = f"certificate of {who}"
            yield Deadline(
                expires, "certificate", title, detail, identity, ("expires",), _owner(identity)
            )
            continue
        if kind in _NO_ROTATION:
            continue
        every = integer(data.get("rotation_days"))
        last = as_date(data.get("last_rotated"))
        machine = facts.identity(identity).machine
        if last is None and not machine:
            continue  # IAM-02 asks the date of a machine credential only
        if every is None and last is not None:
            continue  # no interval is declared: a gap IAM-02 reports, not a date
        most = intervals.days("IAM-02", "max_rotation_days", 90)
        if every is not None and _set_by_platform(facts, identity):
            most = max(most, every)  # the platform's interval: the maximum is not asked of it
        cycle = min(every, most) if every is not None else most
        day, detail = _cycle(facts, last, cycle, "rotated", "rotation (last_rotated)")
        if every is not None and every > most:  # IAM-02 reports the declared interval itself
            detail += f" (the policy's longest interval; its rotation_days, {every}, is longer)"
        title = f"rotation of the credential of {who}"
        yield Deadline(
            day, "rotation", title, detail, identity, ("last_rotated",), _owner(identity)
        )


def _set_by_platform(facts: Facts, identity: Document) -> bool:
    """A credential a mandated platform issues and rotates on its own schedule
    (rotation_set_by_supplier: true, its supplier mandated: true): IAM-02 holds it to the
    interval the platform sets, not to the policy's maximum."""
    if identity.data.get("rotation_set_by_supplier") is not True:
        return False
    supplier = facts.index.get("Supplier", text_of(identity.data.get("supplier")) or "")
    return supplier is not None and supplier.data.get("mandated") is True


# -- SUP-08 -----------------------------------------------------------------------------------
def _exit_plans(facts: Facts, intervals: Intervals) -> Iterator[Deadline]:
    """The test and the review SUP-08 asks of the exit plan of each ICT service supporting a
    critical or important function of an entity under DORA, within ``max_age_days``; the first
    ones within that interval of the start of the supplier's earliest contract."""
    age = intervals.days("SUP-08", "max_age_days", 365)
    for supplier, path in intervals.judged.get("SUP-08", ()):
        service = value_at(supplier.data, *path)
        if not isinstance(service, dict):
            continue
        name = text_of(service.get("name")) or f"#{path[-1]}"
        starts = _contract_starts(facts, supplier)
        for field, done in (("last_tested", "tested"), ("last_reviewed", "reviewed")):
            last = as_date(value_at(service, "exit_plan", field))
            act = "test" if field == "last_tested" else "review"
            day, detail = _cycle(facts, last, age, done, f"{act} (exit_plan.{field})")
            if last is None and starts and _young(facts, starts, age):
                day = shift(min(starts), age)
                detail = (
                    f"no {act} is recorded; the first is due within {age} days of the start of "
                    f"the supplier's earliest contract ({min(starts).isoformat()})"
                )
            title = f"{act} of the exit plan of service {name} of supplier {supplier.id}"
            at: JsonPath = (*path, "exit_plan", field)
            yield Deadline(day, "exit-plan", title, detail, supplier, at, _owner(supplier))


def _contract_starts(facts: Facts, supplier: Document) -> list[datetime.date]:
    contracts = facts.index.having("Contract", "supplier", str(supplier.id))
    return [d for d in (as_date(c.data.get("start_date")) for c in contracts) if d is not None]


def _young(facts: Facts, starts: list[datetime.date], age: int) -> bool:
    """Every contract recording a start began within the interval (SUP-08's guard)."""
    return all(shift(facts.as_of, -age) <= day <= facts.as_of for day in starts)


# -- INS-02 -----------------------------------------------------------------------------------
def _control_evidence(facts: Facts, intervals: Intervals) -> Iterator[Deadline]:
    """The evidence INS-02 asks of each control an insurance condition relies on: a restore
    test within ``restore_test_max_age_days`` for a restore-testing control, the test its
    evidence reports within ``test_max_age_days`` for a tested category, else the evidence
    verified within ``max_age_days``."""
    params: dict[str, Any] = dict(intervals.params.get("INS-02", {}))
    tested = set(strings(params.get("tested_categories", ["ir_plan_tested"])))
    for control, _ in intervals.judged.get("INS-02", ()):
        category = text_of(control.data.get("category")) or "?"
        title = f"evidence of control {control.id} ({category}), relied on by an insurance policy"
        if category == "backup_restore_test":
            every = intervals.days("INS-02", "restore_test_max_age_days", 365)
            last = as_date(value_at(control.data, "last_restore_test", "date"))
            day, detail = _cycle(facts, last, every, "tested", "restore test (last_restore_test)")
            at: JsonPath = ("last_restore_test", "date")
        else:
            name = "test_max_age_days" if category in tested else "max_age_days"
            every = intervals.days("INS-02", name, 365 if category in tested else 90)
            last = as_date(value_at(control.data, "evidence", "last_verified"))
            what = "verification (evidence.last_verified)"
            day, detail = _cycle(facts, last, every, "verified", what)
            at = ("evidence", "last_verified")
        restored = (control,) if category == "backup_restore_test" else ()
        yield Deadline(
            day, "control-evidence", title, detail, control, at, _owner(control), restored
        )


# -- EVD-01 -----------------------------------------------------------------------------------
def _claims_evidence(facts: Facts, intervals: Intervals) -> Iterator[Deadline]:
    """The update EVD-01 asks of each type of item of a tower's claims evidence packages, read
    together: due when the latest item of that type with a location and an owner reaches its
    freshness (:func:`resilint.domain.evidence.item_max_age`), as the rule reports a stale item
    only once no item of its type in the tower is current; due now where none is sound."""
    if "EVD-01" not in intervals.running:
        return
    params = intervals.params.get("EVD-01", {})
    towers = packages_by_tower(facts, intervals.accepted)
    for base in in_order(facts.index.of_kind("InsurancePolicy")):
        packages = towers.get(id(base), [])
        if not packages or not judged_tower(facts, base):
            continue
        by_type: dict[str, list[tuple[datetime.date | None, Document, int]]] = {}
        for package in packages:
            for i, item in dicts(package.data.get("items")):
                if not kept_current(item):
                    continue  # a record of something past falls due for no update
                kept = item.get("location") and item.get("owner")
                updated = as_date(item.get("last_updated")) if kept else None
                by_type.setdefault(str(item.get("type", "untyped")), []).append(
                    (updated, package, i)
                )
        for kind, items in by_type.items():
            found = _claims_item(params, base, kind, items)
            if found is not None:
                yield found


def _claims_item(
    params: Mapping[str, Any],
    base: Document,
    kind: str,
    items: list[tuple[datetime.date | None, Document, int]],
) -> Deadline | None:
    """None where an item of the type is kept and its type has no freshness: never stale."""
    days = item_max_age(params, kind)
    if days is None and any(d is not None for d, _, _ in items):
        return None
    dated = [
        (shift(d, int(days)), d, p, i) for d, p, i in items if d is not None and days is not None
    ]
    title = f"{kind.replace('_', ' ')} item of the claims evidence of policy {base.id}"
    if dated:
        due, updated, package, i = max(dated, key=lambda entry: entry[0])
        detail = f"last updated {updated.isoformat()}; current for {int(days or 0)} days"
    else:
        due, (_, package, i) = None, items[0]
        detail = "no item of this type records a location, an owner and a last update"
    at: JsonPath = ("items", i, "last_updated")
    # the item's owner keeps it current; the package's owner where the item names none
    item = value_at(package.data, "items", i)
    owner = text_of(item.get("owner")) if isinstance(item, dict) else None
    return Deadline(due, "claims-evidence", title, detail, package, at, owner or _owner(package))


# -- BCM-02 -----------------------------------------------------------------------------------
def _criticality(facts: Facts, intervals: Intervals) -> Iterator[Deadline]:
    """The criticality assessment BCM-02 asks of each business function of an entity under
    DORA, within ``max_age_days``. A function only entities on DORA's simplified ICT
    risk-management framework perform (DORA Art. 16(1)) is asked no yearly review, only the
    date of its last assessment (its framework reviews the classification as needed,
    Delegated Regulation (EU) 2024/1774 Art. 30(1)): once a date stands by the day checked,
    nothing falls due, as BCM-02 then reports nothing."""
    every = intervals.days("BCM-02", "max_age_days", 365)
    for function, _ in intervals.judged.get("BCM-02", ()):
        last = as_date(function.data.get("last_criticality_assessment"))
        if (
            last is not None
            and last <= facts.as_of
            and facts.function(function).dora_simplified_only
        ):
            continue
        what = "assessment (last_criticality_assessment)"
        day, detail = _cycle(facts, last, every, "assessed", what)
        title = f"criticality assessment of business function {function.id}"
        at: JsonPath = ("last_criticality_assessment",)
        yield Deadline(day, "criticality", title, detail, function, at, _owner(function))
