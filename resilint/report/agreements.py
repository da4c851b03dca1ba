"""Dates the documents record: contract ends, the last day for our notice, automatic renewals,
the end of insurance cover and waiver expiries. What is in force is the domain model's
(``facts.contract(...).lifecycle``), never judged again here."""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Iterator

from resilint.domain import Facts
from resilint.domain.lifecycle import IN_FORCE, SIGNED, shift
from resilint.domain.readers import as_date, integer, text_of, value_at
from resilint.domain.tower import renewal_of
from resilint.domain.waivers import waived_rules
from resilint.model import Document
from resilint.report.deadline import Deadline


def agreement_dates(facts: Facts) -> Iterator[Deadline]:
    yield from _contracts(facts)
    yield from _policies(facts)
    yield from _waivers(facts)


# -- contracts --------------------------------------------------------------------------------
def _contracts(facts: Facts) -> Iterator[Deadline]:
    for contract in facts.index.of_kind("Contract"):
        # a signed contract starting later binds us to its dates already (its notice day)
        if facts.contract(contract).lifecycle not in (IN_FORCE, SIGNED):
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
    supplier = facts.index.get("Supplier", text_of(data.get("supplier")) or "")
    exiting = supplier is not None and supplier.data.get("status") == "exiting"
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
            end = next_term_end(end, months)
    if renews:
        term = (" for 1 month" if months == 1 else f" for {months} months") if months else ""
        yield Deadline(
            end,
            "auto-renewal",
            f"{who} renews automatically{term}",
            _renewal_action(integer(data.get("our_notice_period_days")), end, facts.as_of, months),
            contract,
            ("end_date",),
            owner,
        )
    else:
        passed = " (its end date has passed, yet it is recorded as in force)"
        what = "complete the exit" if exiting else "renew, replace or exit"
        yield Deadline(
            end,
            "contract-end",
            f"{who} ends",
            what + (passed if end < facts.as_of else ""),
            contract,
            ("end_date",),
            owner,
        )
    notice = integer(data.get("our_notice_period_days"))
    if notice is None or notice < 0 or (exiting and not renews):
        return  # a fixed-term contract of a supplier we are leaving ends on its own
    if renews:
        title = f"last day to give notice on {who}"
        action = f"{notice} days before {end.isoformat()}: give notice to stop the renewal"
        action += " (we are leaving the supplier)" if exiting else ""
        if shift(end, -notice) < facts.as_of and not (months and months > 0):
            # the notice day of the current term has passed and the length of the next term is
            # not recorded: nothing is overdue (it renews at its end, as the auto-renewal entry
            # says, asking for renewal_term_months) and the next notice day cannot be dated
            return
        if shift(end, -notice) < facts.as_of and months and months > 0:
            # The notice day of the current term has passed: nothing is overdue, the contract
            # renews at its end (the auto-renewal deadline says so). The decision that can still
            # be taken is the next term's notice, so that is the deadline to show.
            missed = shift(end, -notice)
            # the first term whose notice day is still ahead (a monthly term with 90 days'
            # notice: the third one, not the next, whose notice day has passed too); bounded:
            # at most 36,500 days of notice, and add_months saturates at the last date
            while shift(end, -notice) < facts.as_of and end < datetime.date.max:
                end = next_term_end(end, months)
            action = (
                f"{notice} days before {end.isoformat()}: give notice to stop the renewal then "
                f"(the notice day of the current term, {missed.isoformat()}, has passed)"
            )
            action += " (we are leaving the supplier)" if exiting else ""
    else:  # it ends on its own: the notice period is the time a new term needs
        title = f"last day to settle the renewal of {who}"
        action = (
            f"{notice} days before {end.isoformat()}: decide whether to renew or replace it "
            "(it ends on its own; no notice is needed to let it end)"
        )
    yield Deadline(
        shift(end, -notice), "notice", title, action, contract, ("our_notice_period_days",), owner
    )


def _renewal_action(
    notice: int | None, end: datetime.date, as_of: datetime.date, months: int | None
) -> str:
    """What an automatic renewal still leaves to decide: once the notice day of the term has
    passed, no notice can stop it, and saying "unless notice is given" would invite one; the
    next term's notice day is then the decision left, which needs the term's length."""
    if notice is None or notice < 0 or shift(end, -notice) >= as_of:
        return "unless notice is given by the notice deadline"
    missed = shift(end, -notice).isoformat()
    text = f"its notice day ({missed}) has passed, so it renews then"
    if not (months and months > 0):
        text += (
            "; record the length of the renewal term (renewal_term_months) to date the notice "
            "day of the next term"
        )
    return text


def next_term_end(end: datetime.date, months: int) -> datetime.date:
    """The last day of the renewal term that starts the day after ``end`` and runs ``months``
    months: it ends the day before the same date ``months`` later, or on the last day of a month
    too short to hold that date. Counted from the term's first day, so a monthly term ending on
    31 January runs to 28 February and then 31 March (not 28 March), and a yearly term starting
    on 1 March 2027 ends on 29 February 2028."""
    if end >= datetime.date.max - datetime.timedelta(days=1):
        return datetime.date.max
    start = end + datetime.timedelta(days=1)
    after = add_months(start, months)
    if after == datetime.date.max or after.day < start.day:  # saturated, or held at a month end
        return after
    return after - datetime.timedelta(days=1)


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
    policies = facts.index.of_kind("InsurancePolicy")
    for policy in policies:
        end = as_date(value_at(policy.data, "period", "end"))
        if end is None or end < facts.as_of:
            continue
        insurer = text_of(policy.data.get("insurer"))
        title = f"insurance policy {policy.id}" + (f" ({insurer})" if insurer else "")
        renewal = renewal_of(facts, policy, policies)
        begins = as_date(value_at(renewal.data, "period", "start")) if renewal else None
        action = (
            f"renewed: policy {renewal.id} runs on from {begins.isoformat()}"
            if renewal is not None and begins is not None
            else "renew it, with conditions our controls meet"
        )
        yield Deadline(
            end,
            "policy-renewal",
            f"{title}: cover ends",
            action,
            policy,
            ("period", "end"),
            text_of(policy.data.get("owner")),
        )


def _waivers(facts: Facts) -> Iterator[Deadline]:
    for waiver in facts.index.of_kind("Waiver"):
        expires = as_date(waiver.data.get("expires"))
        if expires is None:
            continue
        rule = ", ".join(waived_rules(waiver.data)) or "?"
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
