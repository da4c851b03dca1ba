"""resilint impact lists a policy's exclusions only where they may bear on the scenario: the
outage of a supplier that provides no ICT services and holds no access (a caterer) is answered
by none of the cyber policy's business-interruption covers, so the exclusions of unsupported or
unpatched software and of infrastructure failure cannot take anything from it; a claim for the
data it holds of ours may still meet the others. Every format says why the list is short."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.conftest import Run

AS_OF = "2026-11-26"
POLICY = """apiVersion: resilint/v1
kind: Entity
id: co
---
apiVersion: resilint/v1
kind: InsurancePolicy
id: cyber
insurer: Insurer AG
insured_entities: [co]
period: {start: 2026-01-01, end: 2027-01-01}
coverages:
  business_interruption: {included: true}
  dependent_business_interruption: {included: true}
dependent_bi: {scope: it_providers}
business_interruption: {waiting_period_hours: 12}
exclusions:
  - {id: eol, type: eol_software}
  - {id: unpatched, type: unpatched_systems}
  - {id: war, type: war}
  - {id: infrastructure, type: infrastructure_failure}
"""
SUPPLIERS = """---
apiVersion: resilint/v1
kind: Supplier
id: caterer
name: Caterer GmbH
tier: 1
provides_ict_services: false
highest_access_level: none
services: [{name: meals, stores_data: STORES}]
---
apiVersion: resilint/v1
kind: Supplier
id: hosting
name: Hosting GmbH
tier: 1
provides_ict_services: true
highest_access_level: write
"""


def run(cli: Run, write: Any, tmp_path: Path, supplier: str, stores: str, form: str) -> Any:
    write("resilint.yaml", "{}\n")
    write("programme.yaml", POLICY + SUPPLIERS.replace("STORES", stores))
    result = cli("impact", "--supplier", supplier, "--format", form, "--as-of", AS_OF, cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    return result.json() if form == "json" else result.stdout


def ids(found: Any) -> list[str]:
    return [e["id"] for e in found["insurance"][0]["exclusions"]]


def test_a_caterers_outage_lists_no_exclusion_of_software_or_infrastructure(
    cli: Run, write: Any, tmp_path: Path
) -> None:
    found = run(cli, write, tmp_path, "caterer", "false", "json")
    assert [c["responds"] for c in found["insurance"][0]["covers"]] == ["no", "no"]
    assert ids(found) == []
    note = found["insurance"][0]["exclusions_note"]
    assert "none of its business-interruption covers responds" in note
    assert "eol, unpatched, war and infrastructure" in note
    text = run(cli, write, tmp_path, "caterer", "false", "text")
    assert "exclusion eol may apply" not in text and "exclusions: none of its" in text
    markdown = run(cli, write, tmp_path, "caterer", "false", "markdown")
    assert "exclusion eol" not in markdown and "- exclusions: none of its" in markdown


def test_a_caterer_holding_our_data_keeps_the_exclusions_a_data_claim_may_meet(
    cli: Run, write: Any, tmp_path: Path
) -> None:
    found = run(cli, write, tmp_path, "caterer", "true", "json")
    assert ids(found) == ["war"]
    note = found["insurance"][0]["exclusions_note"]
    assert "should our data that caterer holds be exposed" in note
    assert "eol, unpatched and infrastructure cannot bear on it" in note


def test_an_ict_providers_outage_still_lists_every_exclusion(
    cli: Run, write: Any, tmp_path: Path
) -> None:
    found = run(cli, write, tmp_path, "hosting", "false", "json")
    assert ids(found) == ["eol", "unpatched", "war", "infrastructure"]
    assert found["insurance"][0]["exclusions_note"] == ""


def test_an_exclusion_of_another_type_says_when_it_may_apply_in_its_own_words(
    cli: Run, write: Any, tmp_path: Path
) -> None:
    """A trading venue's policy excludes trading losses (type other): impact, as text and
    markdown, says the exclusion may apply if the loss is one its wording excludes, quoting the
    description, never "may apply if read the wording"."""
    own = "  - {id: trading-loss, type: other, description: Trading losses of members.}\n"
    bare = "  - {id: contractual, type: other}\n"
    write("resilint.yaml", "{}\n")
    write("programme.yaml", POLICY + own + bare + SUPPLIERS.replace("STORES", "false"))
    for form in ("text", "markdown"):
        args = ("impact", "--supplier", "hosting", "--format", form, "--as-of", AS_OF)
        result = cli(*args, cwd=tmp_path)
        assert result.exit_code == 0, result.stderr
        assert "may apply if read" not in result.stdout, result.stdout
        assert (
            "trading-loss may apply if the loss is one its wording excludes "
            "(Trading losses of members)" in result.stdout
        ), result.stdout
        assert "contractual may apply if the loss is one its wording excludes (read it)" in (
            result.stdout
        )
