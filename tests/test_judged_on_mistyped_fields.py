"""A programme imported from spreadsheets, through the CLI on real files: where a field holds
free text (``start_date: 01.04.2024``, ``our_notice_period_days: 3 months``, ``window_hours:
72h``), the schema error says so once. A rule that judges another field against the mistyped one
makes no finding from it (an end date "not after its start date 01.04.2024", a renewal decision
due "3 months days" before the end), and a gap folded with it (the notice trigger beside a
mistyped window) is still said."""

from __future__ import annotations

import json

from one_file import AS_OF, doc, repo

ENTITY = doc(
    "Entity",
    "kranich",
    "name: Kranich Logistik GmbH\ncountry: DE\nregimes: [nis2]\nnis2_category: important\n",
)
SUPPLIER = doc(
    "Supplier",
    "connexa",
    "name: Connexa EDI Services SAS\ntier: 1\nprovides_ict_services: true\n",
)


def contract(body: str) -> str:
    return doc(
        "Contract",
        "ctr-connexa",
        "supplier: connexa\nentities: [kranich]\nstatus: active\ncovers_ict_services: true\n"
        + body,
    )


def findings(cli, write, text: str, config: str = "") -> list[dict]:
    write("resilint.yaml", config or "fail_on: error\n")
    write("repo.yaml", text)
    result = cli("check", "repo.yaml", "--format", "json", "--no-cache", "--as-of", AS_OF)
    return json.loads(result.stdout)["findings"]


def said(found: list[dict], code: str) -> list[str]:
    return [f"{f['json_path']}: {f['message']}" for f in found if f["code"] == code]


def test_an_end_date_is_not_judged_against_a_mistyped_start_date(cli, write) -> None:
    text = repo(ENTITY, SUPPLIER, contract("start_date: 01.04.2024\nend_date: 2027-03-31\n"))
    found = findings(cli, write, text)
    assert any("start_date must be a date" in m for m in said(found, "SCH-01"))
    assert [m for m in said(found, "CTR-13") if "start date" in m] == []
    # where the schema error is suppressed, it stands for nothing: the rule judges again
    ignored = findings(cli, write, text, 'per_file_ignores:\n  "repo.yaml": [SCH-01]\n')
    assert any("not after its start date 01.04.2024" in m for m in said(ignored, "CTR-13"))


def test_a_renewal_decision_is_not_dated_from_a_mistyped_notice_period(cli, write) -> None:
    text = repo(
        ENTITY,
        SUPPLIER,
        contract(
            "start_date: 2021-01-01\nend_date: 2026-12-31\nauto_renew: false\n"
            "our_notice_period_days: 3 months\nsupplier_notice_period_days: 90\n"
        ),
    )
    found = findings(cli, write, text)
    assert any("our_notice_period_days must be a whole number" in m for m in said(found, "SCH-01"))
    assert said(found, "CTR-14") == []
    assert not any("3 months days" in f["message"] for f in found)


def test_a_gap_folded_with_a_mistyped_field_is_still_said(cli, write) -> None:
    """CTR-03 folds the window and the trigger of one notice section into one finding; the
    mistyped window is the schema's, the trigger that only a confirmed breach sets off is
    still CTR-03's, at the trigger."""
    text = repo(
        ENTITY,
        SUPPLIER,
        contract(
            "start_date: 2025-06-01\nend_date: 2028-05-31\n"
            "incident_notification: {window_hours: 72h, trigger: confirmed}\n"
        ),
    )
    found = findings(cli, write, text)
    assert any("window_hours must be a number" in m for m in said(found, "SCH-01"))
    ctr03 = said(found, "CTR-03")
    assert len(ctr03) == 1, ctr03
    assert ctr03[0].startswith("incident_notification.trigger: ")
    assert (
        "contract ctr-connexa asks supplier connexa to notify us only of a confirmed" in (ctr03[0])
    )
    assert "72h" not in ctr03[0] and "window" not in ctr03[0]


ENDING = "start_date: 2021-01-01\nend_date: 2026-12-31\nauto_renew: false\n"


def ending(cli, write, body: str, config: str = "") -> dict[str, list[str]]:
    found = findings(cli, write, repo(ENTITY, SUPPLIER, contract(ENDING + body)), config)
    return {code: said(found, code) for code in ("CTR-13", "CTR-14")}


def test_an_ending_contract_nobody_reviewed_is_one_finding(cli, write) -> None:
    """A contract ending within 90 days that nobody has reviewed: CTR-14 says the decision is
    due and the review missing, at its end date; CTR-13 does not add 'decide now' there."""
    notice = "our_notice_period_days: 30\nsupplier_notice_period_days: 90\n"
    said_ = ending(cli, write, notice)
    assert [m for m in said_["CTR-14"] if m.startswith("end_date: ")], said_
    assert not any("decide now" in m for m in said_["CTR-13"]), said_
    # reviewed: CTR-14 is satisfied, and CTR-13 still says the decision is near
    reviewed = ending(cli, write, notice + "last_review: 2026-10-01\n")
    assert reviewed["CTR-14"] == []
    assert any("decide now" in m for m in reviewed["CTR-13"])
    # where CTR-14 does not run, CTR-13 says it: no configuration lets the date through
    alone = ending(cli, write, notice, "ignore: [CTR-14]\n")
    assert any("decide now" in m for m in alone["CTR-13"])
    # nor does a notice period CTR-14 cannot read (a schema error hides its finding)
    mistyped = ending(cli, write, "our_notice_period_days: 1 month\n")
    assert mistyped["CTR-14"] == []
    assert any("decide now" in m for m in mistyped["CTR-13"])


def test_a_mistyped_tier_is_not_called_no_tier(cli, write) -> None:
    """A supplier imported with ``tier: 1 - critical`` and privileged access is tier 1 in
    effect; the findings that say why do not claim that no tier was recorded."""
    supplier = doc(
        "Supplier",
        "sortertech",
        "name: Sortertech Automation GmbH\ntier: 1 - critical\nprovides_ict_services: true\n"
        "highest_access_level: privileged\n",
    )
    found = findings(cli, write, repo(ENTITY, supplier))
    assert any("tier must be a whole number" in m for m in said(found, "SCH-01"))
    sup04 = said(found, "SUP-04")
    assert len(sup04) == 1, sup04
    assert "(its recorded tier '1 - critical' is not 1, 2 or 3; tier 1 because" in sup04[0]
    assert not any("no tier recorded" in f["message"] for f in found)
