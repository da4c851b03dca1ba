"""CTR-04 judges a supplier's notice window against the clocks the law of the entity's regimes
sets, whether or not the entity records them in reporting_clocks, as ``resilint impact`` counts
them: a laboratory under NIS2 that records only the 72-hour incident notification still owes the
24-hour early warning (Directive (EU) 2022/2555 Art. 23(4)(a)), and a supplier's 36-hour window
does not fit it. A clock the entity records is judged as recorded, at its line."""

from __future__ import annotations

from one_file import check, doc, repo

SUPPLIER = doc(
    "Supplier",
    "lis-vendor",
    "tier: 2\nprovides_ict_services: true\ndata_sensitivity: confidential\n",
)
CONTRACT = doc(
    "Contract",
    "ctr-lis",
    "supplier: lis-vendor\nentities: [lab]\nstatus: active\n"
    "incident_notification: {window_hours: 36, trigger: suspected}\n",
)


def _lab(clocks: str) -> str:
    return doc("Entity", "lab", f"regimes: [nis2]\nnis2_entity_type: other\n{clocks}")


def test_an_unrecorded_nis2_early_warning_is_the_laws_24_hours(cli, write) -> None:
    text = repo(_lab("reporting_clocks: {regulator_initial_hours: 72}\n"), SUPPLIER, CONTRACT)
    [finding] = check(cli, write, text, ["CTR-04"])
    message = finding["message"]
    assert finding["id"] == "ctr-lis"
    assert "24-hour early-warning deadline to the regulator of entity lab" in message
    assert (
        "the law's deadline, owed to the CSIRT or competent authority under Directive (EU) "
        "2022/2555 (NIS2) Art. 23(4)(a)" in message
    )
    # the entity is named: with several entities' clocks listed, which one records none is clear
    assert "entity lab records none in reporting_clocks" in message


def test_a_recorded_clock_is_judged_as_recorded(cli, write) -> None:
    recorded = (
        "reporting_clocks: {regulator_early_warning_hours: 24, regulator_initial_hours: 72}\n"
    )
    [finding] = check(cli, write, repo(_lab(recorded), SUPPLIER, CONTRACT), ["CTR-04"])
    assert "24-hour early-warning deadline to the regulator of entity lab" in finding["message"]
    assert "the law's deadline" not in finding["message"]
    [place] = [r for r in finding["related"] if "early-warning" in r["message"]]
    assert place["line"] == 6  # reporting_clocks of the entity, where the clock is recorded


def test_an_entity_under_no_regime_has_no_statutory_clock(cli, write) -> None:
    plain = doc("Entity", "lab", "regimes: []\n")
    assert check(cli, write, repo(plain, SUPPLIER, CONTRACT), ["CTR-04"]) == []


def test_an_unrecorded_nydfs_notice_is_the_laws_72_hours(cli, write) -> None:
    # 23 NYCRR 500.17(a)(1) runs from determining that an incident occurred, not from
    # "awareness": it is the law's clock all the same (the rationale lists NYDFS's 72 hours)
    ny = doc("Entity", "ny", "regimes: [nydfs]\n")
    slow = CONTRACT.replace("ctr-lis", "ctr-ny").replace("[lab]", "[ny]")
    slow = slow.replace("window_hours: 36", "window_hours: 100")
    [finding] = check(cli, write, repo(ny, SUPPLIER, slow), ["CTR-04"])
    assert (
        "72-hour initial incident notification deadline to the regulator of entity ny"
        in (finding["message"])
    )
    assert (
        "the law's deadline, owed to the NYDFS superintendent under 23 NYCRR 500.17(a)(1)"
        in finding["message"]
    )
