"""CTR-03 and CTR-04 name the authority and the law behind a regulator's clock the entity records
at the law's own hours: a New York money transmitter's 72 hours are 23 NYCRR 500.17(a)(1)'s
notice to the NYDFS superintendent, not only "the regulator" (found by an audit of a New York
programme, whose supplier's 96-hour window was reported against "the regulator of entity
er-ny"). A figure the entity sets itself, tighter than the law's, cites no law. Checked through
the CLI on a programme of real files."""

from __future__ import annotations

from one_file import doc, repo

SUPPLIER = doc(
    "Supplier",
    "stratus",
    "tier: 1\nprovides_ict_services: true\nservice_model: iaas_paas\n"
    "data_sensitivity: restricted\nsupports_critical_function: true\n",
)
CONTRACT = doc(
    "Contract",
    "ctr-stratus",
    "supplier: stratus\nentities: [co]\nstatus: active\n"
    "incident_notification: {window_hours: 96, trigger: suspected}\n",
)


def messages(cli, write, entity: str) -> dict[str, str]:
    write("resilint.yaml", "fail_on: error\n")
    write("entities.yaml", entity)
    write("suppliers.yaml", repo(SUPPLIER, CONTRACT))
    result = cli("check", ".", "--format", "json", "--no-cache", "--as-of", "2026-12-01")
    return {
        f["code"]: f["message"]
        for f in result.json()["findings"]
        if f["code"] in ("CTR-03", "CTR-04")
    }


def test_a_new_york_entitys_72_hours_cite_500_17(cli, write) -> None:
    ny = doc("Entity", "co", "regimes: [nydfs]\nreporting_clocks: {regulator_initial_hours: 72}\n")
    said = messages(cli, write, ny)["CTR-03"]
    assert (
        "the 72-hour initial incident notification deadline to the regulator of entity co "
        "(owed to the NYDFS superintendent under 23 NYCRR 500.17(a)(1))" in said
    )


def test_a_dora_entitys_24_hours_cite_the_delegated_regulation(cli, write) -> None:
    eu = doc("Entity", "co", "regimes: [dora]\nreporting_clocks: {regulator_initial_hours: 24}\n")
    said = messages(cli, write, eu)["CTR-03"]
    assert "Commission Delegated Regulation (EU) 2025/301 Art. 5(1)(a)" in said
    assert "NYCRR" not in said


def test_a_figure_of_the_entitys_own_cites_no_law(cli, write) -> None:
    own = doc("Entity", "co", "regimes: [nydfs]\nreporting_clocks: {regulator_initial_hours: 48}\n")
    said = messages(cli, write, own)["CTR-03"]
    assert "48-hour initial incident notification deadline to the regulator of entity co" in said
    assert "500.17" not in said


def test_a_recorded_competent_authority_is_named(cli, write) -> None:
    """Where the entity records its competent authority, the report is owed to it by name."""
    eu = doc(
        "Entity",
        "co",
        "regimes: [dora]\ncompetent_authority: Central Bank of Ireland\n"
        "reporting_clocks: {regulator_initial_hours: 24}\n",
    )
    said = messages(cli, write, eu)["CTR-03"]
    assert (
        "(owed to the competent authority, Central Bank of Ireland under Commission Delegated "
        "Regulation (EU) 2025/301 Art. 5(1)(a))" in said
    )
    # none recorded: the role the regulation names
    unnamed = eu.replace("competent_authority: Central Bank of Ireland\n", "")
    assert "(owed to the competent authority under" in messages(cli, write, unnamed)["CTR-03"]


def test_a_nis2_entity_names_the_recipient_its_state_sets(cli, write) -> None:
    """NIS2 Art. 23(1) leaves it to the state whether its CSIRT or its competent authority is
    notified: Belgium's NIS2 law has the CCB notified, Germany's § 32(1) BSIG the reporting
    office of the BSI and the BBK; elsewhere a recorded authority is named beside the roles."""
    clocks = "regimes: [nis2]\nnis2_category: essential\n"
    clocks += "reporting_clocks: {regulator_early_warning_hours: 24}\n"
    for country, words in (
        ("BE", "owed to the national CSIRT (the CCB, Centre for Cybersecurity Belgium) under"),
        ("DE", "owed to the joint reporting office of the BSI and the BBK under"),
        ("AT", "owed to the CSIRT or competent authority under"),
    ):
        entity = doc("Entity", "co", f"country: {country}\n{clocks}")
        assert words in messages(cli, write, entity)["CTR-03"], country
    named = doc("Entity", "co", f"country: NL\ncompetent_authority: ILT\n{clocks}")
    said = messages(cli, write, named)["CTR-03"]
    assert "(owed to the CSIRT or the competent authority, ILT under Directive" in said
    # and a deadline it does not record, which the law sets, is owed to the same
    assert "the law's deadline, owed to the CSIRT or the competent authority, ILT under" in said


def test_impact_names_the_recorded_authority(cli, write) -> None:
    entity = doc(
        "Entity",
        "co",
        "regimes: [dora]\ncountry: IE\ncompetent_authority: Central Bank of Ireland\n",
    )
    write("repo.yaml", repo(entity, SUPPLIER, CONTRACT))
    result = cli("impact", "repo.yaml", "--supplier", "stratus", "--as-of", "2026-12-01")
    assert result.exit_code == 0, result.stderr
    assert "to the competent authority, Central Bank of Ireland" in result.stdout
    assert "to competent authority (co)" not in result.stdout
