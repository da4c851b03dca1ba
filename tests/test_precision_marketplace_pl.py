"""The audit of a Polish online marketplace operator (an important entity under NIS2, not a
financial entity), through the CLI on real YAML: a licensed payment institution that processes
the marketplace's checkout payments is a provider dependent business-interruption cover is
written for, so a policy whose dependent cover names only some providers is found to leave it
out (it went unreported, read as a bank holding our accounts); a bank keeping our accounts is
still not asked. A supplier contract lacking a point 5.1.4 clause is told which Regulation asks
it and what to do. The programme itself (tests/data/programmes/marketplace-pl) reports its
planted gaps and nothing a risk manager would not act on."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from one_file import check, doc, repo

NAMED_ONLY = doc(
    "InsurancePolicy",
    "cyber",
    "period: {start: 2026-04-01, end: 2027-03-31}\n"
    "business_interruption: {waiting_period_hours: 8}\n"
    "coverages: {dependent_business_interruption: {included: true}}\n"
    "dependent_bi: {scope: named, named_providers: [hyperscaler], waiting_period_hours: 12}\n",
)

HYPERSCALER = doc(
    "Supplier",
    "hyperscaler",
    "name: Cloud Provider Ltd\ntier: 1\nprovides_ict_services: true\n",
)


def payment_institution(service: str) -> str:
    return doc(
        "Supplier",
        "psp",
        "name: Payments S.A.\n"
        "description: Licensed payment institution authorised by the national supervisor.\n"
        "tier: 1\nsupports_critical_function: true\n"
        f"services:\n  - {{name: payments, {service}, stores_data: true}}\n",
    )


CHECKOUT = doc(
    "BusinessFunction",
    "checkout",
    "criticality: critical\nrto_hours: 4\nmtpd_hours: 24\n"
    "depends_on: {suppliers: [hyperscaler, psp]}\n",
)


def test_ins04_finds_the_payment_processor_left_out_of_named_dependent_cover(
    cli, write, tmp_path
) -> None:
    psp = payment_institution(
        "service_type: payment processing, description: Payment gateway and card acquiring"
    )
    found = check(cli, write, repo(NAMED_ONLY, HYPERSCALER, psp, CHECKOUT), ["INS-04"])
    (left_out,) = [f for f in found if "leaves out" in f["message"]]
    assert "leaves out critical supplier psp" in left_out["message"]
    assert "Ask the broker to name the supplier" in left_out["message"]
    # impact agrees: the cover does not respond because it is not named, not because no cover
    # is written for a payment processor
    args = ("impact", "--supplier", "psp", "--format", "json", "--as-of", "2026-11-26")
    (policy,) = cli(*args, cwd=tmp_path).json()["insurance"]
    (dependent,) = [c for c in policy["covers"] if c["cover"] == "dependent_business_interruption"]
    assert dependent["responds"] == "no"
    assert "not named" in dependent["why"]
    assert "not written for a regulated bank" not in dependent["why"]


def test_ins04_named_payment_processor_or_a_bank_account_is_no_gap(cli, write) -> None:
    named = NAMED_ONLY.replace("[hyperscaler]", "[hyperscaler, psp]")
    psp = payment_institution("service_type: payment processing")
    found = check(cli, write, repo(named, HYPERSCALER, psp, CHECKOUT), ["INS-04"])
    assert not [f for f in found if "leaves out" in f["message"]]
    # a bank that keeps our accounts, payouts from them included, is still not asked
    bank = doc(
        "Supplier",
        "psp",
        "name: Harbour Bank AG\ndescription: Credit institution keeping our operating accounts.\n"
        "tier: 1\nsupports_critical_function: true\nprovides_ict_services: false\n"
        "services:\n  - {name: accounts, service_type: current accounts and SEPA payouts,"
        " stores_data: false}\n",
    )
    found = check(cli, write, repo(NAMED_ONLY, HYPERSCALER, bank, CHECKOUT), ["INS-04"])
    assert not [f for f in found if "leaves out" in f["message"]]


# -- CTR-12: the message names the Regulation and says what to do ---------------------------

MARKETPLACE = doc(
    "Entity",
    "market",
    "country: PL\nregimes: [nis2]\nnis2_category: important\n"
    "nis2_entity_type: online_marketplace_provider\n",
)

SUPPORT_CENTRE = doc(
    "Supplier",
    "bpo",
    "name: Support Centre Lda\ntier: 2\nprovides_ict_services: false\n"
    "personal_data: true\nhighest_access_level: write\n",
)


def test_ctr12_names_the_regulation_and_what_to_do(cli, write) -> None:
    contract = doc(
        "Contract",
        "ctr-bpo",
        "supplier: bpo\nentities: [market]\nstatus: active\n"
        "clauses:\n  nis2.5.1.4.h: {present: false}\n",
    )
    found = check(cli, write, repo(MARKETPLACE, SUPPORT_CENTRE, contract), ["CTR-12"])
    (finding,) = [f for f in found if "5.1.4(h)" in f["message"]]
    message = finding["message"]
    assert (
        "point 5.1.4(h) of the Annex to Commission Implementing Regulation (EU) 2024/2690"
        in message
    )
    assert "negotiate the clause into the contract, or record a waiver" in message
    # a contract with no clauses at all: one finding, the Regulation named once
    bare = doc("Contract", "ctr-bpo", "supplier: bpo\nentities: [market]\nstatus: active\n")
    (whole,) = check(cli, write, repo(MARKETPLACE, SUPPORT_CENTRE, bare), ["CTR-12"])
    assert whole["message"].count("2024/2690") == 1
    assert "the whole clauses section is missing" in whole["message"]


# -- the programme as its risk team keeps it (tests/data/programmes/marketplace-pl) -------------

PROGRAMME = Path(__file__).parent / "data" / "programmes" / "marketplace-pl"

FOUND = [
    ("EXR-03", "exercises/2026-05-ransomware-tabletop.yaml", 26),  # gap G9: restore finding overdue
    ("IAM-02", "identities/identities.yaml", 11),  # gap G2: offshore developers' admin, no MFA
    ("IAM-03", "identities/identities.yaml", 25),  # policy: contractors' admin rights, tier 2
    ("IAM-03", "identities/identities.yaml", 62),  # gap G4: exited SMS gateway's key active
    ("EVD-01", "insurance/cyber-2026.yaml", 3),  # no claims evidence package (market practice)
    ("INS-04", "insurance/cyber-2026.yaml", 25),  # info: waiting periods past the 4-hour RTOs
    ("INS-04", "insurance/cyber-2026.yaml", 28),  # the fraud-scoring SaaS is not named either
    ("INS-04", "insurance/cyber-2026.yaml", 28),  # gap G8: the CDN is not named
    ("INS-01", "insurance/cyber-2026.yaml", 38),  # G2 too: the MFA condition attested
    ("INS-01", "insurance/cyber-2026.yaml", 50),  # gap G3: EDR at 88 %, 95 % attested
    ("BCM-04", "plans/region-outage.yaml", 31),  # gap G10: payment plan without a deputy
    ("CTR-12", "suppliers/helpline-bpo.yaml", 52),  # gap G7: no end-of-contract clause (h)
    ("SUP-04", "suppliers/kadra-it.yaml", 22),  # gap G12: staffing agency assessed 2024
    ("CTR-03", "suppliers/postwave-mail.yaml", 56),  # gap G11: 72 h past the insurer's 48 h
    ("CTR-04", "suppliers/postwave-mail.yaml", 56),  # G11 too
    ("SUP-04", "suppliers/recoai.yaml", 3),  # gap G6: prospective vendor never assessed
    ("SUP-04", "suppliers/sentra-fraud.yaml", 22),  # gap G5: assessed in 2023
    ("CTR-03", "suppliers/tarcza-edge.yaml", 62),  # gap G1: 72 h past the 24 h early warning
]


def test_the_marketplaces_findings_are_its_planted_gaps(cli, tmp_path: Path) -> None:
    root = tmp_path / "marketplace-pl"
    shutil.copytree(PROGRAMME, root, ignore=shutil.ignore_patterns(".resilint_cache"))
    result = cli("check", ".", "--format", "json", "--no-cache", cwd=root)
    assert result.exit_code == 1, result.stdout + result.stderr
    findings = [f for f in result.json()["findings"] if not f["suppressed"]]
    found = [(f["code"], Path(f["path"]).as_posix(), f["line"]) for f in findings]
    assert found == FOUND
    gaps = sum(
        line.lstrip().startswith("# gap")
        for path in root.rglob("*.yaml")
        for line in path.read_text(encoding="utf-8").splitlines()
    )
    assert gaps == 12
    # an important entity under NIS2 alone: no DORA rule speaks, and the payment institution,
    # the warehouse and the hyperscaler's waived standard terms are not reported
    assert not [f for f in findings if f["code"].startswith("REG-")]
    quiet = ("platnik-pay", "magazyn-log", "nimbostrat-cloud")
    assert not [f for f in findings if any(q in f["path"] for q in quiet)]
    # the CDN's 72 hours are measured against the NIS2 early warning, cited to the Directive
    (cdn,) = [f for f in findings if "tarcza-edge" in f["path"]]
    assert "24-hour early-warning deadline" in cdn["message"]
    assert "Directive (EU) 2022/2555 (NIS2) Art. 23(4)(a)" in cdn["message"]


# -- IAM-02: just-in-time access is rebutted only where it is recorded -----------------------


def test_iam02_speaks_of_just_in_time_access_only_where_the_account_has_it(cli, write) -> None:
    def developers(jit: str) -> str:
        body = (
            "supplier: devshop\ntype: human_account\naccess_level: privileged\nmfa: false\n"
            f"just_in_time: {jit}\ndisable_procedure: runbook\ntime_to_disable_minutes: 10\n"
        )
        return repo(doc("Supplier", "devshop", "tier: 1\n"), doc("Identity", "deploy", body))

    (plain,) = check(cli, write, developers("false"), ["IAM-02"])
    assert "privileged access but without MFA; require MFA (a break-glass" in plain["message"]
    assert "just-in-time" not in plain["message"]
    (timed,) = check(cli, write, developers("true"), ["IAM-02"])
    assert (
        "require MFA: just-in-time access limits when the account can be used" in (timed["message"])
    )


def test_ctr04_names_the_tier_maximum_as_the_programmes_own(cli, tmp_path: Path) -> None:
    """The email delivery service's 72 hours, against the cyber policy's 48-hour notice: the
    finding says whose maximum the tier's 48 hours are, in words a buyer can place."""
    root = tmp_path / "marketplace-pl"
    shutil.copytree(PROGRAMME, root, ignore=shutil.ignore_patterns(".resilint_cache"))
    result = cli("check", ".", "--format", "json", "--no-cache", cwd=root)
    found = result.json()["findings"]
    (finding,) = [f for f in found if f["code"] == "CTR-04" and "postwave" in f["path"]]
    said = finding["message"]
    assert "even the 48 hours this programme allows its tier (CTR-03), with our 4-hour" in said
    assert "negotiate a notice window of at most 44 hours" in said


def test_impact_reads_the_named_dependent_cover(cli, tmp_path: Path) -> None:
    """The policy's dependent cover names the hyperscaler and the payment institution only: an
    outage of the payment institution is covered, one of the CDN is not, and both say why."""
    root = tmp_path / "marketplace-pl"
    shutil.copytree(PROGRAMME, root, ignore=shutil.ignore_patterns(".resilint_cache"))

    def dependent(supplier: str) -> dict[str, Any]:
        args = ("impact", "--supplier", supplier, "--hours", "30", "--format", "json")
        (policy,) = cli(*args, cwd=root).json()["insurance"]
        (cover,) = [c for c in policy["covers"] if c["cover"] == "dependent_business_interruption"]
        return dict(cover)

    paid = dependent("platnik-pay")
    assert paid["responds"] == "yes" and "platnik-pay is named" in paid["why"]
    unpaid = dependent("tarcza-edge")
    assert unpaid["responds"] == "no" and "tarcza-edge is not named" in unpaid["why"]
