"""Cell values as the xBRL-CSV package writes them: dates ``yyyy-mm-dd``, amounts as plain
decimals with a point and no thousands separator, closed lists as ``eba_*`` QNames."""

from __future__ import annotations

import datetime
import math
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from resilint.domain.readers import as_date, text_of
from resilint.load.shared import shared_text


def day(value: Any) -> str:
    found = as_date(value)
    return found.isoformat() if isinstance(found, datetime.date) else ""


def amount(value: Any) -> str:
    """A plain decimal: ``1250000``, ``1250.5``; empty for anything that is not a number."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return ""
    return format((Decimal(str(value)) + 0).normalize(), "f")  # + 0: -0.0 is written 0


def coded(value: Any, qname: Callable[[str], str]) -> str:
    """A closed-list value as its QName (``DE`` -> ``eba_GA:DE``); empty when absent."""
    text = text_of(value)
    return shared_text(qname(text)) if text else ""  # one object for every row naming it


def service_type(service: dict[str, Any]) -> str:
    """A service's type of ICT services as every template keys it (B_02.02.0060, B_05.02.0020,
    B_07.01.0040): ``eba_TA:S19``; empty when not recorded."""
    return coded(service.get("ict_service_type"), lambda s: f"eba_TA:{s}")


def whole_hours(value: Any) -> str:
    """Hours as the register's natural number (B_06.01.0080 and 0090): an objective under one
    hour, zero included, is reported as 1, as Implementing Regulation (EU) 2024/2956, Annex I
    asks (0 there means no objective is set); another fraction rounds up, to the first whole hour
    within which the objective is met. The export says where this is not the value recorded."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return ""
    return str(max(1, math.ceil(Decimal(str(value)))))
