"""What to write instead of a value written as people write it in a document or a spreadsheet,
where the schema asks a plain number or an ISO date: a figure with its unit ('72h', '3 Tage'),
a percent sign, thousands separators ('2.000.000', where 1,500 reads two ways), a scale and a
currency ('EUR 2m'), a quarter ('Q1 2027') or a date with slashes, which Europe reads day first
and the US month first. SCH-01 adds it to the message of a wrong type or form; each answer
starts with '; ', or is empty where nothing can be said."""

from __future__ import annotations

import re
from typing import NamedTuple

from resilint.patterns import kept

_PERCENT = kept(r"([0-9]+(?:[.,][0-9]+)?) ?%\Z")
_LEADING_ZERO = kept(r"([-+]?)0+([0-9]+)\Z")
"""``03``, ``010``: text in YAML 1.2 as resilint reads it, since YAML 1.1 reads ``010`` as
the octal 8 and YAML 1.2's core schema as 10."""
_SEPARATED = kept(r"[0-9]{1,3}(?:([.,' ])[0-9]{3})(?:\1[0-9]{3})*\Z")
_SCALED = kept(
    r"(?:(?:EUR|USD|GBP|CHF|€|\$|£) ?)?([0-9]+(?:[.,][0-9]+)?) ?(k|m|mn|mio|million|bn)\.?"
    r"(?: ?(?:EUR|USD|GBP|CHF|€|\$|£))?\Z",
    re.IGNORECASE,
)
_SCALES = {"k": 1_000, "m": 1_000_000, "mn": 1_000_000, "mio": 1_000_000, "million": 1_000_000}
_SCALES["bn"] = 1_000_000_000
_DURATION = kept(
    r"([0-9]+(?:[.,][0-9]+)?) ?(h|hrs?|hours?|stunden|std|d|days?|tage?n?|weeks?|wochen?|"
    r"months?|monate?n?|years?|jahre?n?|min|minutes?|minuten)\.?\Z",
    re.IGNORECASE,
)
_BUSINESS_DAYS = kept(
    r"([0-9]+) ?(?:business|working|bank|banking)[ -]?days?\.?\Z|"
    r"([0-9]+) ?(?:werktage?n?|arbeitstage?n?|geschäftstage?n?|bankarbeitstage?n?)\.?\Z",
    re.IGNORECASE,
)
_IN_HOURS: dict[str, float | None] = {
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours", "std", "stunde", "stunden"), 1),
    **dict.fromkeys(("d", "day", "days", "tag", "tage", "tagen"), 24),
    **dict.fromkeys(("week", "weeks", "woche", "wochen"), 168),
    **dict.fromkeys(("min", "minute", "minutes", "minuten"), 1 / 60),
    **dict.fromkeys(("month", "months", "monat", "monate", "monaten"), None),
    **dict.fromkeys(("year", "years", "jahr", "jahre", "jahren"), None),
}
"""Hours in a unit as people write it, in English or German; None for a month or a year, which
has no fixed length."""
_IN_MONTHS = {
    **dict.fromkeys(("month", "months", "monat", "monate", "monaten"), 1),
    **dict.fromkeys(("year", "years", "jahr", "jahre", "jahren"), 12),
}
"""Months in a unit as people write it, for a field in months (an exit plan's transition)."""


class Reading(NamedTuple):
    """How a value written with its unit, sign, separators or scale reads in the field."""

    hint: str
    """What SCH-01 adds to its message ('; ...'), or nothing."""
    figure: str | None = None
    """The number to write instead, where one follows from the value alone."""
    same: bool = False
    """Whether the figure says what the value says, in the field's own unit (``90 days`` in a
    field in days): ``resilint fix`` may write it. A figure converted from another unit
    (``3 days`` in a field in hours), or an amount whose currency is dropped, asks a person
    to confirm (an unsafe fix)."""


def as_number(text: str, field: str) -> str:
    """What to write instead of a number written with its unit, a percent sign, thousands
    separators or a scale ('72h', '3 days', '100%', '2.000.000', 'EUR 2m'), or nothing."""
    return reading(text, field).hint


def reading(text: str, field: str) -> Reading:
    """:func:`as_number`'s hint with the figure it names, for ``resilint fix``."""
    if match := _PERCENT.match(text):
        number = match[1].replace(",", ".")
        percent = field == "percent" or field.endswith("_percent")
        return Reading(f"; write the number without the % sign: {number}", number, percent)
    if match := _SEPARATED.match(text):
        digits = re.sub(r"[^0-9]", "", text)
        if match[1] == "," and text.count(",") == 1:  # 1,500: 1500 in English, 1.5 in German
            decimal = f"{float(text.replace(',', '.')):g}"
            return Reading(
                f"; write it without separators: {digits}, or {decimal} for a decimal comma"
            )
        single = text.count(match[1]) == 1 and match[1] in ".,"  # 1.500: 1.5 in English
        return Reading(f"; write the number without separators: {digits}", digits, not single)
    if match := _LEADING_ZERO.match(text):
        figure = f"{match[1].lstrip('+')}{match[2]}"
        return Reading(f"; write it without the leading zero: {figure}", figure)
    if match := _SCALED.match(text):
        amount = float(match[1].replace(",", ".")) * _SCALES[match[2].lower()]
        if amount.is_integer():
            return Reading(
                f"; write the amount as a plain number, without currency or scale "
                f"(the currency is the policy's): {int(amount)}",
                str(int(amount)),
            )
    if match := _BUSINESS_DAYS.match(text):
        return Reading(_business_days(int(match[1] or match[2]), field))
    if match := _DURATION.match(text):
        return _duration(match[1].replace(",", "."), match[2].lower(), field)
    return Reading("")


def _duration(written: str, unit: str, field: str) -> Reading:
    """The figure in the field's unit where it converts exactly, else what to write."""
    number = float(written)
    if field.endswith("_months"):
        months = _IN_MONTHS.get(unit)
        if months is None or not (number * months).is_integer():
            return Reading("; the field is in months: write the number of months alone")
        count = str(int(number * months))
        return Reading(f"; the field is in months: write {count}", count, months == 1)
    wanted = "hours" if field.endswith("_hours") else "days" if field.endswith("_days") else ""
    if not wanted or unit not in _IN_HOURS:
        return Reading("")
    hours = _IN_HOURS[unit]
    if hours is None:
        what = "a year" if unit in _IN_MONTHS and _IN_MONTHS[unit] == 12 else "a month"
        return Reading(
            f"; the field is in {wanted} and {what} has no fixed number of them: write the "
            f"number of {wanted} the document gives"
        )
    figure = number * hours / (1 if wanted == "hours" else 24)
    if not figure.is_integer():
        return Reading(f"; the field is in {wanted}: write the number of {wanted} alone")
    same = hours == (1 if wanted == "hours" else 24)
    return Reading(f"; the field is in {wanted}: write {int(figure)}", str(int(figure)), same)


def _business_days(count: int, field: str) -> str:
    """A period in business days ('2 business days', '10 Werktage'): how long it runs depends on
    the day it starts and the public holidays in it, so no figure converts it. Without a
    holiday it runs longest when it starts before a weekend: the count and two days for each
    week begun (2 business days from a Friday end on the Tuesday, 4 days or 96 hours)."""
    wanted = "hours" if field.endswith("_hours") else "days" if field.endswith("_days") else ""
    if not wanted:
        return ""
    days = count + 2 * -(-count // 5)
    longest = days * 24 if wanted == "hours" else days
    days_last, span = ("days last", "they span") if count != 1 else ("day lasts", "it spans")
    return (
        f"; the field is in {wanted}, and business days have no fixed length: {count} business "
        f"{days_last} up to {longest} {wanted} when {span} a weekend (longer over a "
        f"public holiday); write the longest the period can run, {longest} where no holiday "
        "falls in it"
    )


_QUARTER = kept(r"(?:Q([1-4])|([1-4])\. ?Quartal) ?([0-9]{4})\Z", re.IGNORECASE)
_QUARTER_ENDS = {"1": "03-31", "2": "06-30", "3": "09-30", "4": "12-31"}
_SLASHED = kept(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})\Z")


def as_date(text: str) -> str:
    """What to write for a date given as a quarter (``Q1 2027``) or with slashes, which
    Europe and the US read day first and month first (``01/12/2026``)."""
    text = text.strip()
    if match := _QUARTER.match(text):
        quarter, year = match[1] or match[2], match[3]
        return (
            f"; a quarter is not a day: write the day it falls due, {year}-"
            f"{_QUARTER_ENDS[quarter]} if it is the quarter's last"
        )
    match = _SLASHED.match(text)
    if match is None:
        return ""
    first, second, year = int(match[1]), int(match[2]), match[3]
    if first <= 12 and second <= 12 and first != second:
        return (
            f"; {text} is {year}-{second:02}-{first:02} read day first (as in Europe) and "
            f"{year}-{first:02}-{second:02} read month first (as in the US): write the one meant"
        )
    return ""
