"""The twelfth precision audit (a DORA investment-firm group and a NIS2 water and energy utility),
through the CLI on real YAML: access left over from a relationship that is over is to be revoked,
which IAM-03 says once; it neither asks to raise the supplier's tier nor makes the supplier tier 1
in effect (an assessment, an escalation order, a joint playbook of a former consultant). Each false
alarm is gone, and each real gap is still found."""

from __future__ import annotations

from one_file import check, codes, doc, repo

ADMIN = "type: human_account\naccess_level: privileged\nmfa: true\nowner: it-lead\n"
CONTACT = (
    "contacts:\n  security_24x7: {name: Service desk, phone: '+49 6421 555 0300', "
    "available_24x7: true}\n"
)
ENDED = "status: ended\nstart_date: 2025-02-01\nend_date: 2026-06-30\n"
TIER_RULES = ["IAM-03", "SUP-01", "SUP-03", "SUP-04", "SUP-05", "PLB-02"]


def supplier(sid: str, body: str) -> str:
    return doc("Supplier", sid, "provides_ict_services: true\ndata_sensitivity: internal\n" + body)


def admin(iid: str, sid: str) -> str:
    return doc("Identity", iid, f"supplier: {sid}\n{ADMIN}status: active\n")


def contract(cid: str, sid: str, body: str) -> str:
    return doc("Contract", cid, f"supplier: {sid}\n{body}")


def test_iam03_an_exited_suppliers_privileged_account_is_one_finding_to_revoke(cli, write) -> None:
    text = repo(supplier("altsys", "tier: 2\nstatus: exited\n"), admin("altsys-vpn", "altsys"))
    (finding,) = check(cli, write, text, ["IAM-03"])
    assert "has exited, but its identity altsys-vpn is not revoked" in finding["message"]
    assert "record the supplier as tier 1" not in finding["message"]


def test_a_lapsed_consultants_admin_account_is_revoked_not_raised_to_tier_1(cli, write) -> None:
    lapsed = repo(
        supplier("geonetz", "tier: 3\nlast_assessment: {date: 2025-01-20, type: questionnaire}\n")
        + CONTACT,
        contract("ctr-geonetz", "geonetz", ENDED),
        admin("geonetz-gis-admin", "geonetz"),
    )
    (finding,) = check(cli, write, lapsed, TIER_RULES)
    assert finding["code"] == "IAM-03"
    assert "every contract with supplier geonetz has ended" in finding["message"]
    assert "revoke it and set status: revoked" in finding["message"]
    assert "Do not cut its access unplanned" not in finding["message"]


def test_privileged_access_of_a_live_relationship_is_reported_for_the_tier_decision(
    cli, write
) -> None:
    live = repo(
        supplier("regbridge", "tier: 2\n"),
        contract("ctr-regbridge", "regbridge", "status: active\nend_date: 2028-02-29\n"),
        admin("regbridge-dwh", "regbridge"),
    )
    found = check(cli, write, live, ["IAM-03", "SUP-01"])
    # the access is all that would make it tier 1: IAM-03's one finding asks the decision
    assert codes(found) == ["IAM-03"]
    assert (
        "record the supplier as tier 1"
        in next(f for f in found if f["code"] == "IAM-03")["message"]
    )
    no_contract = repo(supplier("helpdesk", "tier: 2\n"), admin("h", "helpdesk"))
    assert codes(check(cli, write, no_contract, ["IAM-03"])) == ["IAM-03"]


def test_restricted_data_alone_is_no_critical_work_to_keep_access_for(cli, write) -> None:
    lapsed = repo(
        supplier("archiv", "tier: 2\n").replace("internal", "restricted"),
        contract("ctr-archiv", "archiv", ENDED),
        doc("Identity", "archiv-sftp", "supplier: archiv\ntype: sftp_user\naccess_level: write\n"),
    )
    (finding,) = check(cli, write, lapsed, ["IAM-03"])
    assert "revoke it and set status: revoked" in finding["message"]
    assert "Do not cut its access unplanned" not in finding["message"]
    # a supplier a critical function rests on still gets the safe advice
    function = doc("BusinessFunction", "archive", "criticality: critical\ndepends_on:\n")
    critical = repo(lapsed, function + "  suppliers: [archiv]\n")
    (finding,) = check(cli, write, critical, ["IAM-03"])
    assert "Do not cut its access unplanned" in finding["message"]


# -- INS-05: a panel firm named without its legal form is the panel firm ---------------------
PANEL = """period: {start: 2026-07-01, end: 2027-06-30}
panel:
  forensics: [Cobalt Forensics S.A.]
  counsel: [Aldgate Hartley LLP, Brandauer Rechtsanwälte PartG mbB]
"""


def plan(forensics: str, counsel: str) -> str:
    contacts = f"{{forensics_firm: {forensics}, outside_counsel: {counsel}}}"
    body = f"function: trading\ncontacts: {contacts}\n"
    return doc("ContinuityPlan", "trading-plan", body)


def panel_repo(forensics: str, counsel: str) -> str:
    return repo(
        doc("BusinessFunction", "trading", "criticality: critical\n"),
        doc("InsurancePolicy", "cyber", PANEL),
        plan(forensics, counsel),
    )


def test_ins05_a_panel_firm_written_without_its_legal_form_is_on_the_panel(cli, write) -> None:
    for forensics, counsel in (
        ("Cobalt Forensics SA", "Aldgate Hartley"),
        ("cobalt forensics", "aldgate hartley llp"),
        ("Cobalt Forensics", "Brandauer Rechtsanwälte"),
    ):
        assert check(cli, write, panel_repo(forensics, counsel), ["INS-05"]) == [], forensics


def test_ins05_a_firm_off_the_panel_is_still_reported(cli, write) -> None:
    text = panel_repo("Kerberos Forensik GmbH", "Aldgate Partners LLP")
    found = check(cli, write, text, ["INS-05"])
    assert [f["json_path"] for f in found] == [
        "contacts.forensics_firm",
        "contacts.outside_counsel",
    ]
    assert "names Kerberos Forensik GmbH as forensics firm" in found[0]["message"]


# -- CON-03: one corporate group, written with and without its legal form ----------------------
def vendor(sid: str, parent: str) -> str:
    body = f"tier: 1\nprovides_ict_services: true\nultimate_parent: {{name: {parent}}}\n"
    return doc("Supplier", sid, body)


def test_con03_a_group_named_with_and_without_its_legal_form_is_one_group(cli, write) -> None:
    text = repo(
        vendor("leitwerk-scada", "Halvorsen Industrial Group AB"),
        vendor("metrix-meter", "Halvorsen Industrial Group"),
    )
    (finding,) = check(cli, write, text, ["CON-03"])
    assert (
        "leitwerk-scada and metrix-meter belong to the same corporate group" in finding["message"]
    )
    other = repo(
        vendor("leitwerk-scada", "Halvorsen Industrial Group AB"),
        vendor("metrix-meter", "Halvorsen Industrial Holdings AB"),
    )
    assert check(cli, write, other, ["CON-03"]) == []
