"""The twenty-first precision audit's findings on a New York bank under 23 NYCRR Part 500 only,
through the CLI on real YAML: each finding holds for an entity outside DORA and NIS2, and each
real gap is still found."""

from __future__ import annotations

from one_file import check, codes, doc, messages, repo

# -- CTR-05: an IaaS cannot say whether our workloads were isolated or our data left ----------

CLOUD = doc(
    "Supplier",
    "cloud",
    "tier: 1\nprovides_ict_services: true\nservice_model: {model}\n"
    "supports_critical_function: true\ndata_sensitivity: restricted\n"
    "highest_access_level: none\n",
)


def cloud_contract(content: str) -> str:
    return doc(
        "Contract",
        "ctr-cloud",
        "supplier: cloud\nstatus: active\ncovers_ict_services: true\n"
        f"incident_notification:\n  window_hours: 24\n  trigger: suspected\n  content: {content}\n",
    )


def test_an_iaas_notice_is_asked_a_contact_not_isolation_or_exfiltration(cli, write) -> None:
    text = repo(CLOUD.format(model="iaas_paas"), cloud_contract("[contact]"))
    assert check(cli, write, text, ["CTR-05"]) == []


def test_an_iaas_notice_without_a_contact_is_still_reported(cli, write) -> None:
    text = repo(CLOUD.format(model="iaas_paas"), cloud_contract("[]"))
    said = messages(check(cli, write, text, ["CTR-05"]), "CTR-05")
    assert "whom to contact (contact)" in said
    assert "isolation_status" not in said and "exfiltration_indicators" not in said


def test_a_managed_service_holding_our_data_is_still_asked_every_item(cli, write) -> None:
    text = repo(CLOUD.format(model="managed_service"), cloud_contract("[contact]"))
    said = messages(check(cli, write, text, ["CTR-05"]), "CTR-05")
    assert "(isolation_status, contact)" in said and "(exfiltration_indicators)" in said


# -- explain: the rules that reach an entity under NYDFS only cite what binds it --------------


def test_explain_cites_part_500_where_it_asks_the_same(cli) -> None:
    cited = {
        "BCM-06": ["23 NYCRR 500.16(d)(2) and 500.16(e)"],
        "EXR-01": ["23 NYCRR 500.16(a) and 500.16(d)(1)"],
        "BCM-04": ["23 NYCRR 500.16(a)(1)(iv)", "500.17(a)(1)"],
        "IAM-03": ["23 NYCRR 500.7(a)(2), (4) and (6)"],
        "CON-01": ["Policy for an entity outside DORA"],
    }
    for code, wanted in cited.items():
        said = cli("explain", code).stdout
        for text in wanted:
            assert text in said, (code, text)


# -- CTR-04: an entity's own clock recorded without applies_to concerns critical services -----

BANK = doc(
    "Entity",
    "bank",
    "country: US\nregimes: [nydfs]\nreporting_clocks:\n  regulator_initial_hours: 72\n"
    "  other_clocks:\n    - name: FDIC notification incident\n      hours: 36\n"
    "      source: 12 CFR 304.23\n      audience: regulator\n",
)
PAYMENTS = doc("BusinessFunction", "payments", "criticality: critical\n")


def supplier_with_write_seat(sid: str, extra: str = "") -> str:
    return repo(
        doc("Supplier", sid, f"tier: 2\nprovides_ict_services: true\n{extra}"),
        doc(
            "Identity",
            f"{sid}-dev",
            f"supplier: {sid}\ntype: human_account\naccess_level: write\nmfa: true\n",
        ),
        doc(
            "Contract",
            f"ctr-{sid}",
            f"supplier: {sid}\nentities: [bank]\nstatus: active\n"
            "incident_notification: {window_hours: 48, trigger: suspected}\n",
        ),
    )


def test_a_bare_entity_clock_is_not_asked_of_a_supplier_with_only_a_write_seat(cli, write) -> None:
    text = repo(BANK, PAYMENTS, supplier_with_write_seat("devshop"))
    assert check(cli, write, text, ["CTR-04"]) == []


def test_a_bare_entity_clock_is_asked_of_a_supplier_of_a_critical_function(cli, write) -> None:
    function = PAYMENTS + "depends_on:\n  suppliers: [processor]\n"
    text = repo(BANK, function, supplier_with_write_seat("processor"))
    said = messages(check(cli, write, text, ["CTR-04"]), "CTR-04")
    assert "FDIC notification incident" in said and "36" in said


# -- IAM-03: privileged access that alone would make a supplier tier 1 is one finding --------

AGENCY = doc(
    "Supplier",
    "agency",
    "tier: 2\nprovides_ict_services: true\nservice_model: staff_augmentation\n"
    "data_sensitivity: confidential\nhighest_access_level: write\n"
    "last_assessment: {date: 2025-06-01, type: questionnaire}\n",
)
AGENCY_CONTRACT = doc(
    "Contract",
    "ctr-agency",
    "supplier: agency\nstatus: active\ncovers_ict_services: true\n"
    "incident_notification: {window_hours: 24, trigger: suspected, content: [contact]}\n",
)
DBA = doc(
    "Identity",
    "agency-dba",
    "supplier: agency\ntype: human_account\naccess_level: privileged\nmfa: true\n",
)
TIERING = ["IAM-03", "SUP-01", "SUP-04", "CTR-08"]


def test_a_privileged_seat_alone_is_iam03s_one_finding(cli, write) -> None:
    found = check(cli, write, repo(AGENCY, AGENCY_CONTRACT, DBA), TIERING)
    assert [f["code"] for f in found] == ["IAM-03"]
    assert "record the supplier as tier 1" in found[0]["message"]


def test_privileged_access_with_another_reason_is_still_re_tiered(cli, write) -> None:
    restricted = AGENCY.replace("data_sensitivity: confidential", "data_sensitivity: restricted")
    found = check(cli, write, repo(restricted, AGENCY_CONTRACT, DBA), TIERING)
    assert {"IAM-03", "SUP-01", "SUP-04"} <= {f["code"] for f in found}


def test_privileged_access_recorded_without_an_identity_still_re_tiers(cli, write) -> None:
    recorded = AGENCY.replace("highest_access_level: write", "highest_access_level: privileged")
    found = check(cli, write, repo(recorded, AGENCY_CONTRACT), TIERING)
    assert "SUP-01" in {f["code"] for f in found}


# -- CTR-03: a window past the tier's maximum names the entity's clocks it runs past ----------

CORE = doc(
    "Supplier",
    "core",
    "tier: 1\nprovides_ict_services: true\nsupports_critical_function: true\n"
    "data_sensitivity: restricted\n",
)


def core_contract(hours: int) -> str:
    return doc(
        "Contract",
        "ctr-core",
        "supplier: core\nentities: [bank]\nstatus: active\n"
        f"incident_notification: {{window_hours: {hours}, trigger: suspected}}\n",
    )


def test_a_window_past_the_tier_maximum_names_the_entity_clocks_it_breaks(cli, write) -> None:
    (finding,) = check(cli, write, repo(BANK, CORE, core_contract(96)), ["CTR-03"])
    said = finding["message"]
    assert "longer than the 24 hours this programme allows a tier-1 supplier" in said
    assert "its 96 hours also run past the 72-hour initial incident notification deadline" in said
    assert "36-hour 'FDIC notification incident' deadline (12 CFR 304.23)" in said


def test_a_window_past_the_tier_maximum_inside_every_clock_names_none(cli, write) -> None:
    (finding,) = check(cli, write, repo(BANK, CORE, core_contract(30)), ["CTR-03"])
    assert "also run past" not in finding["message"]


# -- IAM-06: 500.12(a) MFA for every individual on every system of an entity under NYDFS ------

NY = doc("Entity", "ny", "country: US\nregimes: [nydfs]\n")
INSURER_MFA = (
    "apiVersion: resilint/v1\nkind: InsurancePolicy\nid: cyber\n"
    "period: {start: 2026-01-01, end: 2026-12-31}\n"
    "conditions:\n  - id: mfa\n    text: MFA on email, remote and privileged access\n"
    "    control_categories: [mfa_email, mfa_remote_access, mfa_privileged]\n"
    "    scope: [email, remote_access, privileged_access]\n"
)


def control(cid: str, category: str, extra: str = "") -> str:
    return doc("Control", cid, f"category: {category}\nstatus: implemented\n{extra}")


AREA_MFA = repo(
    control("mfa-email", "mfa_email", "scope: [email]\n"),
    control("mfa-remote", "mfa_remote_access", "scope: [remote_access]\n"),
    control("mfa-privileged", "mfa_privileged", "scope: [privileged_access]\n"),
)
EVERYWHERE = control("mfa-everywhere", "mfa_all_access", "scope: [all]\ncoverage_percent: 100\n")


def test_mfa_recorded_for_some_areas_does_not_show_500_12a(cli, write) -> None:
    (finding,) = check(cli, write, repo(NY, AREA_MFA), ["IAM-06"])
    assert finding["id"] == "ny" and "23 NYCRR 500.12(a)" in finding["message"]
    assert check(cli, write, repo(NY, AREA_MFA, EVERYWHERE), ["IAM-06"]) == []
    partial = EVERYWHERE.replace("coverage_percent: 100", "coverage_percent: 90")
    assert codes(check(cli, write, repo(NY, AREA_MFA, partial), ["IAM-06"])) == ["IAM-06"]


def test_only_an_entity_under_nydfs_is_asked_once_500_12a_is_in_force(cli, write) -> None:
    write("resilint.yaml", "profiles: [baseline]\n")

    def iam_06(entity: str, as_of: str = "2026-12-04") -> list[str]:
        write("p.yaml", repo(entity, AREA_MFA))
        found = cli("check", "p.yaml", "--no-cache", "--format", "json", "--as-of", as_of)
        return [f["id"] for f in found.json()["findings"] if f["code"] == "IAM-06"]

    assert iam_06(NY) == ["ny"]
    assert iam_06(NY, "2025-10-31") == []  # before the amended 500.12(a) was in force
    assert iam_06(doc("Entity", "eu", "country: DE\nregimes: [dora]\n")) == []


def test_mfa_for_every_sign_in_meets_an_insurers_mfa_condition(cli, write) -> None:
    assert codes(check(cli, write, repo(INSURER_MFA), ["INS-01"])) == ["INS-01"] * 3
    assert check(cli, write, repo(INSURER_MFA, EVERYWHERE), ["INS-01"]) == []
