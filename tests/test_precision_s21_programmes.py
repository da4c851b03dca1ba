"""Findings of the audits of a German hospital group and an unregulated online retailer that a
risk manager would not act on, through the CLI on real YAML: each false alarm gone, the real gap
next to it still found."""

from __future__ import annotations

from one_file import check, doc, repo

CATERER = doc(
    "Supplier",
    "caterer",
    "name: Tellerwerk Klinikverpflegung\ntier: 1\nprovides_ict_services: false\n"
    "data_sensitivity: confidential\nhighest_access_level: none\n",
)
MEALS = doc(
    "BusinessFunction",
    "patient-meals",
    "criticality: important\ndepends_on: {suppliers: [caterer]}\n",
)


def meals_plan(supplier_compromise: bool) -> str:
    threshold = (
        "  - {type: supplier_compromise, description: caterer reports a compromise}\n"
        if supplier_compromise
        else ""
    )
    return doc(
        "ContinuityPlan",
        "meals-plan",
        "function: patient-meals\nowner: head-of-service\ndeputy: catering-manager\n"
        "activation_thresholds:\n"
        "  - {type: supplier_outage, description: no meal service}\n"
        f"{threshold}"
        "manual_procedure: {reference: m.docx, max_degraded_hours: 96}\n"
        "comms_templates:\n"
        "  staff: {reference: t/staff.docx}\n"
        "  customers: {reference: t/patients.docx}\n"
        "stand_down_criteria: [meal service restored]\n",
    )


def test_bcm04_a_function_resting_only_on_a_caterer_needs_no_supplier_compromise_trigger(
    cli, write
) -> None:
    """Patient meals from a caterer that provides no ICT services and holds no access to our
    systems: its breach reaches none of our systems, its outage is what starts the emergency
    stock (hospital audit). A function resting on a supplier with ICT services is still asked."""
    assert check(cli, write, repo(CATERER, MEALS, meals_plan(False)), ["BCM-04"]) == []
    ict = CATERER.replace("provides_ict_services: false", "provides_ict_services: true")
    [finding] = check(cli, write, repo(ict, MEALS, meals_plan(False)), ["BCM-04"])
    assert "suspected supplier compromise" in finding["message"]
    assert check(cli, write, repo(ict, MEALS, meals_plan(True)), ["BCM-04"]) == []


PSP = doc(
    "Supplier",
    "psp",
    "name: Paynetic Payments\ntier: 1\nprovides_ict_services: true\ndata_sensitivity: restricted\n",
)


def test_ctr03_a_contract_without_a_notice_clause_is_one_finding_naming_its_content(
    cli, write
) -> None:
    """A payment provider's contract with no incident notification clause at all is one gap:
    CTR-03 names the hours, the trigger and the content the clause needs, and CTR-05 does not
    report the same missing clause again (online retailer audit). A clause that is there but
    lists too little is still CTR-05's."""
    bare = doc("Contract", "ctr-psp", "supplier: psp\nstatus: active\n")
    found = check(cli, write, repo(PSP, bare), ["CTR-03", "CTR-05"])
    assert [f["code"] for f in found] == ["CTR-03"]
    assert "so trigger, content are missing too" in found[0]["message"]
    thin = doc(
        "Contract",
        "ctr-psp",
        "supplier: psp\nstatus: active\n"
        "incident_notification: {window_hours: 24, trigger: suspected, content: [contact]}\n",
    )
    found = check(cli, write, repo(PSP, thin), ["CTR-03", "CTR-05"])
    assert [f["code"] for f in found] == ["CTR-05"]
    assert "isolation_status" in found[0]["message"]


def backup_function(fid: str) -> str:
    return doc("BusinessFunction", fid, "criticality: critical\n")


def test_bcm06_one_planned_backup_copy_is_one_finding_at_the_control(cli, write) -> None:
    """An online retailer's offline backup, recorded for the whole organisation but only
    planned: its two critical functions have no copy, one gap with one thing to do (online
    retailer audit). A function no recorded copy would cover is still reported at itself."""
    planned = doc(
        "Control",
        "backup-offline",
        "category: backup_offline\nstatus: planned\nscope: [backups]\n",
    )
    text = repo(planned, backup_function("online-sales"), backup_function("fulfilment"))
    [finding] = check(cli, write, text, ["BCM-06"])
    assert finding["id"] == "backup-offline"
    assert "is planned, so critical functions online-sales and fulfilment" in finding["message"]
    alone = repo(backup_function("online-sales"), backup_function("fulfilment"))
    found = check(cli, write, alone, ["BCM-06"])
    assert sorted(f["id"] for f in found) == ["fulfilment", "online-sales"]


MDR = doc(
    "Supplier",
    "mdr",
    "name: Wachturm Cyber Defence\ntier: 1\nprovides_ict_services: true\n"
    "highest_access_level: privileged\n",
)
WARDS = doc(
    "BusinessFunction",
    "inpatient-care",
    "criticality: critical\nrto_hours: 8\nmtpd_hours: 120\n",
)
WARDS_PLAN = doc(
    "ContinuityPlan",
    "wards-plan",
    "function: inpatient-care\nsuppliers: [mdr]\nowner: director-of-nursing\n"
    "manual_procedure: {description: paper charts, max_degraded_hours: 240}\n",
)


def test_the_board_counts_only_the_functions_an_outage_stops(cli, tmp_path) -> None:
    """A managed SOC that a ward's continuity plan lists (the plan covers its failure) stops no
    function: the board's what-if review says so rather than counting the ward as hit
    (hospital audit); the supplier's own scenario still lists it, not stopped."""
    (tmp_path / "repo.yaml").write_text(repo(MDR, WARDS, WARDS_PLAN), encoding="utf-8")
    text = cli("impact", ".", "--all-critical", "--as-of", "2026-12-01", cwd=tmp_path)
    assert text.exit_code == 0, text.stderr
    assert "mdr: 0 functions hit (1 more reached but not stopped)" in text.stdout
    table = cli(
        "impact",
        ".",
        "--all-critical",
        "--format",
        "markdown",
        "--as-of",
        "2026-12-01",
        cwd=tmp_path,
    )
    [row] = [line for line in table.stdout.splitlines() if line.startswith("| mdr")]
    assert row.split(" | ")[1] == "none"
    single = cli("impact", ".", "--supplier", "mdr", "--as-of", "2026-12-01", cwd=tmp_path)
    assert "not stopped" in single.stdout
