"""The register's amounts against its one currency: every amount is reported in the currency of
the financial statements, other currencies converted as for accounting (Implementing Regulation
(EU) 2024/2956 Art. 4), and the package states that currency once (``baseCurrency``, the unit of
every monetary fact in the taxonomy). resilint does not convert, so an amount recorded in another
currency would be filed as if it were in the register's: each is a problem at its currency.

The provider's total (B_05.01.0090 and 0100) is the sum of its contracts' amounts, so it is
right once they are."""

from __future__ import annotations

from collections.abc import Iterator

from resilint.register.model import Register
from resilint.register.problems import Problem
from resilint.register.remedies import CURRENCY
from resilint.register.templates import BY_ID

CURRENCY_COLUMNS = (("B_01.02", "c0100", "c0110"), ("B_02.01", "c0040", "c0050"))
"""Each currency column with the amount it qualifies, where a document records both."""


def problems(register: Register) -> Iterator[Problem]:
    base = f"eba_CU:{register.base_currency}"
    for template, currency, amount in CURRENCY_COLUMNS:
        name = BY_ID[template].column(amount).name
        for row in register.rows[template]:
            value = row.values.get(currency, "")
            if value and value != base:
                shown = value.removeprefix("eba_CU:")
                message = (
                    f"{template}.{amount[1:]} ({name}) is in {shown}, and the register reports "
                    f"every amount in {register.base_currency} (baseCurrency)"
                )
                yield Problem(template, currency, row.place(currency), message, CURRENCY, shown)
