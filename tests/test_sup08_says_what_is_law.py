"""SUP-08's findings say what DORA asks of an exit plan (Art. 28(8): sufficiently tested and
reviewed periodically) and that the 12-month interval is this programme's policy: a procurement
manager reading "more than 365 days ago" took the year for the law's. Through the CLI, as of
2026-11-26."""

from __future__ import annotations

from one_file import check, doc, line, repo

ENTITY = doc("Entity", "pi", "country: IE\nregimes: [dora]\nentity_type: payment_institution\n")
CONTRACT = doc(
    "Contract",
    "ctr-bureau",
    "supplier: bureau\nentities: [pi]\nstatus: active\nstart_date: 2021-04-01\n"
    "services: [swift-bureau]\ncovers_ict_services: true\n",
)


def supplier(exit_plan: str) -> str:
    return doc(
        "Supplier",
        "bureau",
        "provides_ict_services: true\nservices:\n"
        "  - name: swift-bureau\n    supports_critical_function: true\n"
        f"    exit_plan: {{reference: grc/exit/bureau.pdf, {exit_plan}}}\n",
    )


def test_a_stale_test_and_review_say_the_article_and_the_policy_interval(cli, write) -> None:
    text = repo(ENTITY, CONTRACT, supplier("last_tested: 2025-06-12, last_reviewed: 2025-06-30"))
    (finding,) = check(cli, write, text, ["SUP-08"])
    message = finding["message"]
    basis = (
        "(DORA Art. 28(8) asks exit plans sufficiently tested and reviewed periodically; the "
        "365-day interval is this programme's policy)"
    )
    assert f"last tested on 2025-06-12, more than 365 days ago {basis}" in message
    assert f"last reviewed on 2025-06-30, more than 365 days ago {basis}" in message
    assert "test it again (for example a tabletop or a data-export trial)" in message
    assert finding["line"] == line(text, "exit_plan:")


def test_the_interval_said_is_the_configured_one(cli, write) -> None:
    text = repo(ENTITY, CONTRACT, supplier("last_tested: 2026-02-01, last_reviewed: 2026-10-30"))
    extra = {"rules": {"SUP-08": {"params": {"max_age_days": 180}}}}
    (finding,) = check(cli, write, text, ["SUP-08"], extra)
    assert "more than 180 days ago" in finding["message"]
    assert "the 180-day interval is this programme's policy" in finding["message"]


def test_a_plan_never_tested_says_what_the_article_asks(cli, write) -> None:
    (finding,) = check(
        cli, write, repo(ENTITY, CONTRACT, supplier("last_reviewed: 2026-10-30")), ["SUP-08"]
    )
    assert (
        "has never been tested (no exit_plan.last_tested), and DORA Art. 28(8) asks exit plans "
        "sufficiently tested: test it" in finding["message"]
    )
