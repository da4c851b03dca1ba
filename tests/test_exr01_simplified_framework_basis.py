"""EXR-01 says what the law asks of a critical function's continuity plan as the law asks it.
An entity on DORA's simplified ICT risk-management framework (DORA Art. 16(1): a small and
non-interconnected investment firm) is not bound by DORA Art. 11(6)(a); Delegated Regulation
(EU) 2024/1774 Art. 40(1) asks it to test its business continuity plans at least once a year
for the back-up and restore procedures, or upon every major change of the plan. The finding
said the Regulation asked the whole function "tested at least yearly"; it now says what the
article asks and that the yearly exercise of the whole plan is policy. Through the CLI on a
firm's files, as of 2026-11-26."""

from __future__ import annotations

from one_file import check, doc, repo

FUNCTION = doc(
    "BusinessFunction",
    "orders",
    "criticality: critical\nentities: [{entities}]\nowner: head-of-dealing\n",
)
PLAN = doc("ContinuityPlan", "orders-by-phone", "function: orders\nlast_tested: 2025-05-20\n")
FIRM = doc(
    "Entity",
    "firm",
    "country: FR\nentity_type: investment_firm\nregimes: [dora]\ndora_simplified_framework: true\n",
)
BANK = doc("Entity", "bank", "country: FR\nentity_type: credit_institution\nregimes: [dora]\n")
NEW_YORK = doc(
    "Entity",
    "firm-ny",
    "country: US\nregimes: [nydfs]\nbranch_of: {entity: firm, code: NY1}\n",
)


def _message(cli, write, entities: str, *others: str) -> str:
    text = repo(*others, FUNCTION.replace("{entities}", entities), PLAN)
    extra = {"profiles": ["baseline", "dora", "nydfs"]}
    (finding,) = check(cli, write, text, ["EXR-01"], extra)
    assert finding["id"] == "orders"
    message: str = finding["message"]
    return message


def test_a_simplified_framework_firm_is_told_what_article_40_asks(cli, write) -> None:
    message = _message(cli, write, "firm", FIRM)
    assert (
        "(Delegated Regulation (EU) 2024/1774 Art. 40(1) asks the back-up and restore "
        "procedures of its business continuity plan tested at least yearly, and the plan upon "
        "every major change of it; its yearly exercise as a whole is policy)"
    ) in message
    assert "DORA Art. 11(6)(a)" not in message
    assert "its continuity plan orders-by-phone was last tested on 2025-05-20" in message
    assert "schedule a tabletop or switch-over exercise" in message


def test_a_function_shared_with_a_full_framework_entity_is_asked_article_11(cli, write) -> None:
    message = _message(cli, write, "firm, bank", FIRM, BANK)
    assert "(DORA Art. 11(6)(a) asks it tested at least yearly)" in message
    assert "2024/1774" not in message and "policy" not in message


def test_nydfs_asks_the_whole_plan_yearly_beside_article_40(cli, write) -> None:
    message = _message(cli, write, "firm, firm-ny", FIRM, NEW_YORK)
    assert (
        "(23 NYCRR 500.16(d)(1) asks it tested at least yearly, and Delegated Regulation (EU) "
        "2024/1774 Art. 40(1) the back-up and restore procedures of its business continuity "
        "plan)"
    ) in message
    assert "DORA Art. 11(6)(a)" not in message and "is policy" not in message
