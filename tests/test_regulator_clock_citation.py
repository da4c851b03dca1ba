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
        "(the NYDFS superintendent's, 23 NYCRR 500.17(a)(1))" in said
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
