"""A control runs on the systems of the entities it names (``entities``; every entity when it names
none): in a group, the parent's MFA or backups do not show a subsidiary's. NYDFS MFA (IAM-06),
an insurance policy's conditions for each entity it insures (INS-01) and a critical function's
backups (BCM-06) count a control only for the entities it covers, through the CLI on real YAML."""

from __future__ import annotations

from one_file import check, doc, line, repo

PARENT = doc("Entity", "parent", "country: DE\n")
NEW_YORK = doc("Entity", "ny", "country: US\nregimes: [nydfs]\n")


def control(cid: str, category: str, scope: str, entities: str = "", extra: str = "") -> str:
    body = f"category: {category}\nstatus: implemented\nscope: [{scope}]\n"
    return doc("Control", cid, body + (f"entities: [{entities}]\n" if entities else "") + extra)


def test_the_parents_mfa_does_not_show_the_new_york_subsidiarys(cli, write) -> None:
    parents = control("mfa-parent", "mfa_all_access", "all", "parent")
    (finding,) = check(cli, write, repo(PARENT, NEW_YORK, parents), ["IAM-06"])
    assert finding["id"] == "ny"
    assert "naming it under entities, or naming no entity" in finding["message"]


def test_a_control_naming_the_entity_or_none_meets_nydfs_mfa(cli, write) -> None:
    own = control("mfa-ny", "mfa_all_access", "all", "ny")
    group = control("mfa-group", "mfa_all_access", "all")
    found = check(cli, write, repo(PARENT, NEW_YORK, own), ["IAM-06"])
    # the rule selected by its code applies to every entity: the parent, with no MFA of its own
    assert [f["id"] for f in found] == ["parent"]
    assert check(cli, write, repo(PARENT, NEW_YORK, group), ["IAM-06"]) == []


POLICY = doc(
    "InsurancePolicy",
    "cyber",
    "insured_entities: [parent, ny]\n"
    "conditions:\n"
    "  - id: mfa-email\n"
    "    control_categories: [mfa_email]\n"
    "    scope: [email]\n",
)


def test_an_insurance_condition_binds_every_insured_entity(cli, write) -> None:
    parents = control("mfa-mail-parent", "mfa_email", "email", "parent")
    (finding,) = check(cli, write, repo(PARENT, NEW_YORK, POLICY, parents), ["INS-01"])
    message = finding["message"]
    assert "for entity ny (insured, and counting only controls that run on its systems)" in message
    assert "needs an implemented mfa_email control covering email" in message
    assert "entity parent" not in message


def test_the_finding_names_the_control_recorded_for_another_entity_only(cli, write) -> None:
    """A group's MFA recorded for the parent alone: "the controls inventory has none" reads as
    wrong to whoever sees that control, so the finding names it, where its entities are, and
    what to do either way."""
    parents = control("mfa-mail-parent", "mfa_email", "email", "parent")
    text = repo(PARENT, NEW_YORK, POLICY, parents)
    (finding,) = check(cli, write, text, ["INS-01"])
    message = finding["message"]
    assert (
        "control mfa-mail-parent would meet it but is recorded as running only on the systems "
        "of parent (its entities): if it runs on this entity's systems too, add the entity to "
        "its entities, otherwise the entity needs a control of its own" in message
    )
    (related,) = finding["related"][-1:]
    assert related["line"] == line(text, "entities: [parent]")
    assert related["message"] == "control mfa-mail-parent names only parent"


def test_a_control_of_another_entity_that_would_not_meet_it_is_not_named(cli, write) -> None:
    # scoped to the parent, and for remote access only: it would not meet the email condition
    parents = control("vpn-mfa-parent", "mfa_email", "remote_access", "parent")
    (finding,) = check(cli, write, repo(PARENT, NEW_YORK, POLICY, parents), ["INS-01"])
    assert "would meet it" not in finding["message"]


def test_each_insured_entitys_own_control_meets_the_condition(cli, write) -> None:
    parents = control("mfa-mail-parent", "mfa_email", "email", "parent")
    theirs = control("mfa-mail-ny", "mfa_email", "email", "ny")
    both = control("mfa-mail-both", "mfa_email", "email", "parent, ny")
    assert check(cli, write, repo(PARENT, NEW_YORK, POLICY, parents, theirs), ["INS-01"]) == []
    assert check(cli, write, repo(PARENT, NEW_YORK, POLICY, both), ["INS-01"]) == []


def test_a_policy_insuring_only_the_parent_is_met_by_the_parents_control(cli, write) -> None:
    policy = POLICY.replace("[parent, ny]", "[parent]")
    parents = control("mfa-mail-parent", "mfa_email", "email", "parent")
    assert check(cli, write, repo(PARENT, NEW_YORK, policy, parents), ["INS-01"]) == []


BACKUP = "last_restore_test: {date: 2026-10-01, result: pass}\n"


def test_a_backup_of_the_parents_systems_is_not_the_subsidiarys(cli, write) -> None:
    function = doc("BusinessFunction", "ny-payouts", "criticality: critical\nentities: [ny]\n")
    parents = control("vault-parent", "backup_immutable", "backups", "parent", BACKUP)
    (finding,) = check(cli, write, repo(PARENT, NEW_YORK, function, parents), ["BCM-06"])
    assert finding["id"] == "ny-payouts"
    theirs = control("vault-ny", "backup_immutable", "backups", "ny", BACKUP)
    assert check(cli, write, repo(PARENT, NEW_YORK, function, theirs), ["BCM-06"]) == []


def test_a_logging_control_of_another_entity_does_not_keep_the_suppliers_logs(cli, write) -> None:
    supplier = doc(
        "Supplier",
        "idp",
        "tier: 1\nprovides_ict_services: true\nservice_model: multi_tenant_saas\n"
        "data_sensitivity: confidential\n",
    )
    contract = doc(
        "Contract",
        "ctr-idp",
        "supplier: idp\nstatus: active\nentities: [ny]\nevidence_retention:\n"
        "  preservation_on_request: true\n  access_for: [incident_team]\n",
    )
    siem = "suppliers: [idp]\nretention_days: 400\n"
    parents = control("siem-parent", "logging", "cloud_workloads", "parent", siem)
    (finding,) = check(cli, write, repo(PARENT, NEW_YORK, supplier, contract, parents), ["CTR-06"])
    assert "no logging control of ours names the supplier" in finding["message"]
    theirs = control("siem-ny", "logging", "cloud_workloads", "ny", siem)
    assert check(cli, write, repo(PARENT, NEW_YORK, supplier, contract, theirs), ["CTR-06"]) == []


EXCLUDING = doc(
    "InsurancePolicy",
    "cyber",
    "insured_entities: [parent, ny]\n"
    "exclusions:\n"
    "  - id: unpatched\n"
    "    type: unpatched_systems\n"
    "    mitigating_control_categories: [patching]\n",
)


def test_an_exclusion_reaches_the_insured_whose_systems_no_control_protects(cli, write) -> None:
    parents = control("patching-parent", "patching", "servers", "parent")
    (finding,) = check(cli, write, repo(PARENT, NEW_YORK, EXCLUDING, parents), ["INS-07"])
    assert "none implemented running on the systems of insured entity ny" in finding["message"]
    group = control("patching-group", "patching", "servers")
    assert check(cli, write, repo(PARENT, NEW_YORK, EXCLUDING, parents, group), ["INS-07"]) == []


def test_the_committee_report_says_whose_systems_a_control_runs_on(cli, write, tmp_path) -> None:
    parents = control("mfa-mail-parent", "mfa_email", "email", "parent")
    write("resilint.yaml", "profiles: []\n")
    write("repo.yaml", repo(PARENT, NEW_YORK, POLICY, parents))
    target = tmp_path / "report.html"
    run = cli("report", ".", "-o", str(target), "--as-of", "2026-11-26")
    assert target.exists(), run.stdout + run.stderr
    assert "mfa-mail-parent (mfa_email: implemented, for parent only)" in target.read_text()


UNENCRYPTED = doc(
    "InsurancePolicy",
    "cyber",
    "insured_entities: [parent, ny]\nexclusions:\n  - id: clear-data\n    type: unencrypted_data\n",
)
PAYROLL = doc(
    "Supplier",
    "payroll",
    "tier: 2\ndata_sensitivity: restricted\nprovides_ict_services: true\n",
)


def payroll_contract(entities: str) -> str:
    return doc(
        "Contract", "ctr-payroll", f"supplier: payroll\nstatus: active\nentities: [{entities}]\n"
    )


def test_the_parents_encryption_does_not_protect_what_a_supplier_holds_for_ny(cli, write) -> None:
    parents = control(
        "kms-parent", "encryption_at_rest", "databases", "parent", "suppliers: [payroll]\n"
    )
    serving_ny = repo(PARENT, NEW_YORK, UNENCRYPTED, PAYROLL, payroll_contract("ny"), parents)
    (finding,) = check(cli, write, serving_ny, ["INS-07"])
    assert finding["id"] == "payroll"
    assert "no implemented encryption_at_rest" in finding["message"]
    assert "covers it for insured entity ny" in finding["message"]
    # the parent's own data at the supplier is protected by the parent's control
    serving_parent = repo(
        PARENT, NEW_YORK, UNENCRYPTED, PAYROLL, payroll_contract("parent"), parents
    )
    assert check(cli, write, serving_parent, ["INS-07"]) == []
    theirs = control("kms-ny", "encryption_at_rest", "databases", "ny", "suppliers: [payroll]\n")
    assert (
        check(
            cli,
            write,
            repo(PARENT, NEW_YORK, UNENCRYPTED, PAYROLL, payroll_contract("ny"), parents, theirs),
            ["INS-07"],
        )
        == []
    )
