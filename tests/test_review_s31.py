"""Review of round 31, through the CLI on real files, as of 2026-11-26.

- A rule parameter counted in days given with a fraction (``max_age_days: 180.5``) was
  accepted by the configuration, and EXR-01, which counts whole days, read it as no value and
  judged by its default of 365 days: a function last exercised 226 days ago passed a 180-day
  policy. The configuration now refuses it at the value's line and column.
"""

from __future__ import annotations

import pytest
from one_file import AS_OF, doc, evidence_package, repo

FUNCTION = doc("BusinessFunction", "claims", "criticality: critical\n")
APRIL = doc(
    "Exercise",
    "tabletop-2026-04",
    "date: 2026-04-14\nstatus: completed\ntype: tabletop\nfunctions: [claims]\n",
)


def _configured(write, params: str) -> None:
    write(
        "resilint.yaml",
        f"profiles: []\nselect: [EXR-01]\nrules:\n  EXR-01:\n    params:\n{params}",
    )
    write("repo.yaml", repo(FUNCTION, APRIL))


@pytest.mark.parametrize("value", ["180.5", "179.9"])
def test_a_count_of_days_with_a_fraction_is_refused_at_its_value(cli, write, value) -> None:
    _configured(write, f"      max_age_days: {value}\n")
    run = cli("check", "repo.yaml", "--no-cache", "--as-of", AS_OF)
    assert run.exit_code == 2, run.stdout + run.stderr
    assert "resilint.yaml:6:21: " in run.stderr
    assert f"a count of days is a whole number of 0 or more, got {value}" in run.stderr
    assert "Traceback" not in run.stderr


@pytest.mark.parametrize("value", ["180", "180.0"])
def test_a_whole_count_of_days_judges_by_it(cli, write, value) -> None:
    # 226 days since the exercise: past a 180-day policy, within the default 365 days
    _configured(write, f"      max_age_days: {value}\n")
    run = cli("check", "repo.yaml", "--no-cache", "--format", "json", "--as-of", AS_OF)
    assert run.exit_code == 1, run.stdout + run.stderr
    (finding,) = [f for f in run.json()["findings"] if f["code"] == "EXR-01"]
    assert "has not been exercised in the last 180 days" in finding["message"]


def test_a_table_of_days_by_tier_with_a_fraction_is_refused_at_its_entry(cli, write) -> None:
    write(
        "resilint.yaml",
        "profiles: []\nselect: [SUP-04]\nrules:\n  SUP-04:\n    params:\n"
        '      max_age_days: {"1": 365, "2": 364.5, "3": 1095}\n',
    )
    write("repo.yaml", repo(FUNCTION))
    run = cli("check", "repo.yaml", "--no-cache", "--as-of", AS_OF)
    assert run.exit_code == 2, run.stdout + run.stderr
    assert "rules.SUP-04.params.max_age_days.2: " in run.stderr
    assert "got 364.5" in run.stderr


SIMPLIFIED = doc(
    "Entity",
    "firm",
    "country: DE\nregimes: [dora]\ndora_simplified_framework: true\n",
)
NEW_YORK = doc(
    "Entity",
    "firm-ny",
    "country: US\nregimes: [nydfs]\nbranch_of: {entity: firm, code: NY1}\n",
)


def _trading(entities: str) -> str:
    return doc(
        "BusinessFunction",
        "trading",
        f"criticality: critical\nentities: [{entities}]\nowner: head-of-trading\n"
        "last_criticality_assessment: 2025-06-01\n",
    )


@pytest.mark.parametrize("entities", ["firm", "firm-ny", "firm, firm-ny"])
def test_a_branch_is_on_its_head_offices_simplified_framework(cli, write, entities) -> None:
    # a function the New York branch of a firm on DORA's simplified framework performs falls
    # under DORA through the head office, and under its framework: no yearly criticality review
    # (Delegated Regulation 2024/1774 Art. 30(1): as needed), and plan tests asked by its
    # Art. 40(1), not DORA Art. 8(1) and 11(6)(a), from which Art. 16(1) exempts the firm
    text = repo(SIMPLIFIED, NEW_YORK, _trading(entities))
    write("resilint.yaml", "profiles: [baseline, dora, nydfs]\n")
    write("repo.yaml", text)
    run = cli("check", "repo.yaml", "--no-cache", "--format", "json", "--as-of", AS_OF)
    found = run.json()["findings"]
    assert [f for f in found if f["code"] == "BCM-02"] == []
    (exercise,) = [f for f in found if f["code"] == "EXR-01"]
    assert "Delegated Regulation (EU) 2024/1774 Art. 40(1)" in exercise["message"]
    assert "DORA Art. 11(6)(a)" not in exercise["message"]


def test_a_branch_of_a_head_office_on_the_full_framework_is_asked_the_yearly_review(
    cli, write
) -> None:
    full = doc("Entity", "firm", "country: DE\nregimes: [dora]\n")
    write("resilint.yaml", "profiles: [baseline, dora, nydfs]\n")
    write("repo.yaml", repo(full, NEW_YORK, _trading("firm-ny")))
    run = cli("check", "repo.yaml", "--no-cache", "--format", "json", "--as-of", AS_OF)
    (review,) = [f for f in run.json()["findings"] if f["code"] == "BCM-02"]
    assert "DORA Art. 8(1) asks the classification reviewed at least yearly" in review["message"]


def _running_in(sid: str, name: str, role: str) -> str:
    """A supplier running in nimbo fra-1 as ``role``; one with a standby there runs elsewhere."""
    cloud = f"    - {{provider: nimbo, region: fra-1, role: {role}}}\n"
    if role != "primary":
        cloud += "    - {provider: ownsite, region: dc-1, role: primary}\n"
    body = (
        f"name: {name}\ntier: 1\nsupports_critical_function: true\n"
        "provides_ict_services: true\nshared_dependencies:\n  cloud:\n" + cloud
    )
    return doc("Supplier", sid, body)


@pytest.mark.parametrize(
    ("sid", "name", "down"),
    [
        ("nimbostratus", "Nimbostratus Systems GmbH", False),  # another firm, same letters
        ("nimbo-cloud", "Nimbo Cloud GmbH", True),  # the region's provider itself
        ("eu-hosting", "Nimbo Cloud GmbH", True),
    ],
)
def test_impact_of_a_region_takes_down_its_provider_not_a_name_alike(
    cli, write, sid, name, down
) -> None:
    function = f"criticality: critical\nrto_hours: 4\ndepends_on: {{suppliers: [wallets, {sid}]}}\n"
    text = repo(
        _running_in("wallets", "Wallets GmbH", "primary"),
        _running_in(sid, name, "standby"),
        doc("BusinessFunction", "custody", function),
    )
    write("repo.yaml", text)
    run = cli(
        "impact", "repo.yaml", "--region", "nimbo/fra-1", "--format", "json", "--as-of", AS_OF
    )
    assert run.exit_code in (0, 1), run.stdout + run.stderr
    ids = [s["id"] for s in run.json()["suppliers"]]
    assert ids == (["wallets", sid] if down else ["wallets"]), ids


LIVING_OTHER = "{type: other, location: vault/other, owner: risk, last_updated: 2026-10-01}"
"""A living item of type other, current."""


def test_a_record_of_an_earlier_incident_with_no_owner_is_reported_beside_a_sound_item(
    cli, write
) -> None:
    # a current item of type other is not the claim file of 2025: the record's missing owner
    # is its own finding, which asks where it is kept and who keeps it, not an update
    record = "{type: other, description: claim file 2025, location: vault/x, kept_current: false}"
    write("resilint.yaml", "profiles: []\nselect: [EVD-01]\n")
    write("repo.yaml", evidence_package(LIVING_OTHER, record))
    run = cli("check", "repo.yaml", "--no-cache", "--format", "json", "--as-of", AS_OF)
    (finding,) = [f for f in run.json()["findings"] if f["code"] == "EVD-01"]
    assert finding["json_path"] == "items[8]"
    assert (
        "has no owner: record where it is kept (location) and who keeps it" in (finding["message"])
    )
    assert "bring it up to date" not in finding["message"]
    # with its owner recorded, nothing is asked of it
    write("repo.yaml", evidence_package(LIVING_OTHER, record.replace("}", ", owner: risk}")))
    run = cli("check", "repo.yaml", "--no-cache", "--format", "json", "--as-of", AS_OF)
    assert [f for f in run.json()["findings"] if f["code"] == "EVD-01"] == []


def test_impact_says_a_plan_test_dated_after_the_date_checked_is_no_test_by_then(
    cli, write
) -> None:
    # as the report and EXR-01 do: a last_tested after the as-of date shows no test by then
    supplier = doc("Supplier", "acme", "name: Acme\ntier: 1\nsupports_critical_function: true\n")
    function = "criticality: critical\nrto_hours: 4\ndepends_on: {suppliers: [acme]}\n"
    plan = "function: claims\nowner: claims-lead\nlast_tested: 2027-02-01\n"
    text = repo(
        supplier,
        doc("BusinessFunction", "claims", function),
        doc("ContinuityPlan", "claims-degraded", plan),
    )
    write("repo.yaml", text)
    for as_of, said, after in (
        (AS_OF, "plan tested 2027-02-01, after the date checked", True),
        ("2027-03-01", "plan tested 2027-02-01", False),
    ):
        run = cli("impact", "repo.yaml", "--supplier", "acme", "--as-of", as_of)
        assert said in run.stdout, run.stdout + run.stderr
        assert ("after the date checked" in run.stdout) is after
        answer = cli(
            "impact", "repo.yaml", "--supplier", "acme", "--as-of", as_of, "--format", "json"
        ).json()
        assert answer["functions"][0]["fallback"]["after_checked"] is after
