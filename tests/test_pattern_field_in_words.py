"""A supplier's head-office country written "Germany" was told it "has the wrong form ...,
expected text matching ^[A-Z]{2}$": a procurement manager does not read a regular expression.
A field whose schema names the form it asks is told that form in words; one whose schema does
not still shows the pattern."""

from __future__ import annotations

from one_file import check, doc, messages


def test_a_country_name_is_told_the_code_asked(cli, write) -> None:
    for country in ("Germany", "de"):
        text = doc("Supplier", "portalwerk", f"tier: 2\nhq_country: {country}\n")
        said = messages(check(cli, write, text, ["SCH-01"]), "SCH-01")
        assert f"got '{country}', expected a two-letter ISO 3166-1 country code" in said, said
        assert "(for example DE, GB, US)" in said and "^[A-Z]" not in said, said


def test_a_currency_is_told_in_words_too(cli, write) -> None:
    text = doc(
        "Contract", "ctr", "supplier: portalwerk\nannual_cost: {amount: 5, currency: euro}\n"
    )
    said = messages(check(cli, write, text, ["SCH-01"]), "SCH-01")
    assert "expected a three-letter ISO 4217 currency code in capitals" in said, said
