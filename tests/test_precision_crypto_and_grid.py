"""A crypto-asset service provider under MiCA and DORA, and an electricity distribution system
operator under NIS2, through the CLI on real YAML.

A CASP that outsources the review of its transaction-monitoring alerts to a compliance firm (no
ICT service: the firm's analysts work in our tenant of the analytics provider) was asked no
access or audit rights of the firm: CTR-16 followed the outsourcing law of insurers, banks,
payment and e-money institutions, fund managers and IORPs only. MiCA Art. 73(1) asks it of the
CASP itself: direct access to the relevant information on the outsourced services (point (f)),
and the provider's cooperation with the competent authority, whose supervision, on-site access
included, the outsourcing may not hinder (point (d)). Its sub-outsourcing terms (SUP-12) are
policy, as for a UCITS management company or an IORP.

The grid operator's generator-fuel supplier (no ICT service, no access, no data of ours, but the
control centre's emergency power rests on it) was told it "has no 24x7 security contact": a
procurement manager asks what security contact a diesel supplier should have. SUP-03 asks it a
contact answering around the clock all the same, and now says why: its supply can stop at any
hour, a cyber attack on it included, and we must reach it then. A supplier whose compromise can
reach us is still asked for its security contact in those words.

`resilint impact` on the CASP's HSM and wallet-signing vendor (software we license and run in
our own cages) said its dependent business-interruption cover responds, "the cover includes IT
providers", beside our own business-interruption cover, which it said answers because the
vendor's software runs on our own systems and its own outage stops nothing of ours. Two covers
paying for one outage: dependent cover, written for the outage of a provider's systems, has
nothing to answer for it, whatever its scope, unless the policy names the vendor."""

from __future__ import annotations

from one_file import AS_OF, check, doc, line, messages, repo

CODES = ["CTR-16", "SUP-12"]
MICA = "MiCA Art. 73(1)(f)"


def alert_review(entity_type: str = "crypto_asset_service_provider", audit: str = "{}") -> str:
    """Our entity of ``entity_type``, an important AML function resting on a compliance firm's
    outsourced alert review (no ICT service), and the outsourcing agreement with ``audit``."""
    return repo(
        doc("Entity", "casp", f"entity_type: {entity_type}\nregimes: [dora]\n"),
        doc(
            "Supplier",
            "compliance-firm",
            "provides_ict_services: false\ndata_sensitivity: confidential\n"
            "services:\n  - name: alert-review\n"
            "    description: Outsourced first-level review of transaction-monitoring alerts.\n"
            "    supports_critical_function: true\n",
        ),
        doc(
            "BusinessFunction",
            "aml-monitoring",
            "criticality: important\nentities: [casp]\n"
            "depends_on:\n  services: [{supplier: compliance-firm, service: alert-review}]\n",
        ),
        doc(
            "Contract",
            "ctr-alert-review",
            "supplier: compliance-firm\nentities: [casp]\nstatus: active\n"
            f"covers_ict_services: false\noutsources_function: true\naudit: {audit}\n",
        ),
    )


def test_a_casps_outsourcing_is_asked_access_and_audit_rights_citing_mica(cli, write) -> None:
    text = alert_review()
    found = check(cli, write, text, CODES)
    access = [f for f in found if f["code"] == "CTR-16"]
    assert len(access) == 1, found
    assert access[0]["line"] == line(text, "audit: {}")
    said = access[0]["message"]
    assert MICA in said, said
    assert "direct access to the relevant information" in said, said
    assert "the competent authority access" in said, said
    assert "policy" not in said and "EBA" not in said, said


def test_its_sub_outsourcing_terms_are_asked_as_policy(cli, write) -> None:
    said = messages(check(cli, write, alert_review(), CODES), "SUP-12")
    assert "policy" in said, said
    assert "law asks" not in said, said


def test_rights_granted_to_us_and_the_authority_satisfy_it(cli, write) -> None:
    text = alert_review(audit="{rights: true, includes_competent_authority: true}")
    assert not messages(check(cli, write, text, CODES), "CTR-16")


def test_a_firm_of_another_type_keeps_its_own_basis(cli, write) -> None:
    # an insurer's outsourcing is still told its own law, never MiCA's
    said = messages(check(cli, write, alert_review("insurance_undertaking"), CODES), "CTR-16")
    assert "the sector's outsourcing law asks" in said, said
    assert MICA not in said, said


# -- the grid operator: a critical supplier whose compromise reaches nothing of ours -------------


def fuel_supplier(body: str = "provides_ict_services: false\ndata_sensitivity: public\n") -> str:
    """A grid operator under NIS2 whose control centre rests on a supplier with ``body``, that
    has an account manager and no contact answering around the clock."""
    return repo(
        doc(
            "Entity", "dso", "regimes: [nis2]\nnis2_category: essential\nnis2_entity_type: other\n"
        ),
        doc(
            "Supplier",
            "fuel",
            f"tier: 2\n{body}highest_access_level: none\n"
            'contacts:\n  account_manager: {name: Dispatch, phone: "+49 351 5550 3300"}\n'
            "services:\n"
            "  - {name: generator-fuel, service_type: fuel delivery, stores_data: false}\n",
        ),
        doc(
            "BusinessFunction",
            "grid-operations",
            "criticality: critical\nentities: [dso]\n"
            "depends_on:\n  services: [{supplier: fuel, service: generator-fuel}]\n",
        ),
    )


def test_a_critical_fuel_supplier_is_asked_a_round_the_clock_contact_for_its_supply(
    cli, write
) -> None:
    text = fuel_supplier()
    found = [f for f in check(cli, write, text, ["SUP-03"]) if f["code"] == "SUP-03"]
    assert len(found) == 1, found
    assert found[0]["line"] == line(text, "contacts:")
    said = found[0]["message"]
    assert "no contact that answers around the clock" in said, said
    assert "when its supply or service is disrupted" in said, said
    assert "security contact" not in said, said


def test_a_critical_supplier_whose_compromise_reaches_us_is_asked_its_security_contact(
    cli, write
) -> None:
    said = messages(
        check(cli, write, fuel_supplier("provides_ict_services: true\n"), ["SUP-03"]), "SUP-03"
    )
    assert "has no 24x7 security contact" in said, said
    assert "when its supply or service is disrupted" not in said, said


# -- impact: a vendor of software we run ourselves under dependent cover of IT providers ----------


def signing_vendor(dependent_bi: str) -> str:
    """A CASP whose custody rests on HSM signing software it licenses and runs itself, insured by
    a cyber policy with business-interruption and dependent cover of ``dependent_bi``."""
    return repo(
        doc("Entity", "casp", "entity_type: crypto_asset_service_provider\nregimes: [dora]\n"),
        doc(
            "Supplier",
            "hsm-vendor",
            "tier: 1\nprovides_ict_services: true\n"
            "services:\n  - {name: custody-signing, ict_service_type: S13, stores_data: false}\n",
        ),
        doc(
            "BusinessFunction",
            "custody",
            "criticality: critical\nentities: [casp]\nrto_hours: 4\nmtpd_hours: 12\n"
            "depends_on:\n  suppliers: [hsm-vendor]\n",
        ),
        doc(
            "InsurancePolicy",
            "cyber",
            "insurer: Some Insurer\ninsured_entities: [casp]\n"
            "period: {start: 2026-04-01, end: 2027-03-31}\n"
            "coverages:\n  business_interruption: {included: true}\n"
            "  dependent_business_interruption: {included: true}\n"
            f"business_interruption: {{waiting_period_hours: 8}}\ndependent_bi: {dependent_bi}\n",
        ),
    )


def covers(cli, write, text: str) -> dict[str, dict[str, object]]:
    write("resilint.yaml", "profiles: []\n")
    write("repo.yaml", text)
    result = cli(
        "impact",
        "repo.yaml",
        "--supplier",
        "hsm-vendor",
        "--hours",
        "12",
        "--as-of",
        AS_OF,
        "--format",
        "json",
    )
    return {c["cover"]: c for c in result.json()["insurance"][0]["covers"]}


def test_dependent_cover_of_it_providers_does_not_answer_for_software_we_run(cli, write) -> None:
    for scope in ("{scope: it_providers}", "{scope: all_suppliers}"):
        found = covers(cli, write, signing_vendor(scope))
        dependent = found["dependent_business_interruption"]
        assert dependent["responds"] == "no", dependent
        assert "runs on our own systems" in str(dependent["why"]), dependent
        assert found["business_interruption"]["responds"] == "yes", found


def test_a_policy_naming_the_vendor_is_read_as_written(cli, write) -> None:
    found = covers(cli, write, signing_vendor("{scope: named, named_providers: [hsm-vendor]}"))
    dependent = found["dependent_business_interruption"]
    assert dependent["responds"] == "yes", dependent
    assert "named in the dependent cover" in str(dependent["why"]), dependent
