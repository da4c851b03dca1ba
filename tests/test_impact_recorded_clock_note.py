"""A recorded reporting clock shorter than the law resilint knows is not always an internal target:
a sector rule can be stricter (providers of public electronic communications services notify a
personal data breach within 24 hours where feasible, Commission Regulation (EU) No 611/2013
Art. 2(2), against the GDPR's 72 hours). The impact note must not tell such an entity that "the
law allows 72 hours"."""

from __future__ import annotations

import json
from pathlib import Path

from resilint.domain import statutes
from resilint.impact import clocks


def test_a_shorter_recorded_clock_is_not_said_to_be_only_an_internal_target() -> None:
    gdpr = statutes.GDPR
    hours, shown, note = clocks._deadline(gdpr, {"data_protection_authority_hours": 24})
    assert (hours, shown) == (24, "24 hours")
    assert "the law allows" not in note
    assert "shorter than the 72 hours this law allows" in note
    assert "stricter rule for the entity's sector" in note


def test_a_clock_equal_to_the_law_has_no_note() -> None:
    gdpr = statutes.GDPR
    assert clocks._deadline(gdpr, {"data_protection_authority_hours": 72}) == (72, "72 hours", "")


TELECOM = """
apiVersion: resilint/v1
kind: Entity
id: telco
country: DE
regimes: [nis2]
nis2_category: essential
nis2_entity_type: other
electronic_communications_provider: true
reporting_clocks: {data_protection_authority_hours: 24}
---
apiVersion: resilint/v1
kind: Supplier
id: bss
name: Orbitel BSS
tier: 1
provides_ict_services: true
data_sensitivity: restricted
---
apiVersion: resilint/v1
kind: BusinessFunction
id: billing
criticality: critical
entities: [telco]
rto_hours: 8
mtpd_hours: 48
depends_on: {suppliers: [bss]}
"""


def _breach_notice(cli, tmp_path: Path, programme: str) -> dict[str, object]:
    (tmp_path / "resilint.yaml").write_text("{}\n")
    (tmp_path / "programme.yaml").write_text(programme)
    result = cli("impact", "--supplier", "bss", "--format", "json", "--as-of", "2026-12-01")
    assert result.exit_code == 0, result.stderr
    notices = json.loads(result.stdout)["notices"]
    [notice] = [n for n in notices if n["kind"] == "data_protection_authority"]
    return notice


def test_a_telecom_operator_is_given_the_eprivacy_breach_notice_not_gdpr_33(
    cli, tmp_path: Path
) -> None:
    """A provider of publicly available electronic communications services notifies a personal
    data breach under the ePrivacy Directive (GDPR Art. 95): 24 hours from detection, whatever
    the risk; the GDPR's exemption for a breach unlikely to put people at risk is not its law.
    Without the flag, the GDPR's Art. 33(1) as before."""
    notice = _breach_notice(cli, tmp_path, TELECOM)
    assert notice["basis"].startswith("Commission Regulation (EU) No 611/2013 Art. 2(2)")
    assert "2002/58/EC Art. 4(3)" in notice["basis"]
    assert (notice["deadline_hours"], notice["note"]) == (24, "")
    assert "unlikely" not in notice["condition"]
    assert notice["starts"] == "detection of the personal data breach"
    other = _breach_notice(cli, tmp_path, TELECOM.replace("provider: true", "provider: false"))
    assert other["basis"] == "GDPR Art. 33(1)"
    assert "shorter than the 72 hours" in other["note"]


def test_a_telecom_operator_recording_no_breach_clock_still_has_the_laws_24_hours(
    cli, tmp_path: Path
) -> None:
    """The ePrivacy notice binds a telecom operator whether or not it records the clock: impact
    lists it at the law's 24 hours (and CTR-04 fits supplier windows inside it). An entity that
    is no telecom operator and records no breach clock is listed none, as before."""
    bare = TELECOM.replace("reporting_clocks: {data_protection_authority_hours: 24}\n", "")
    notice = _breach_notice(cli, tmp_path, bare)
    assert notice["basis"].startswith("Commission Regulation (EU) No 611/2013 Art. 2(2)")
    assert notice["deadline_hours"] == 24
    habit = TELECOM.replace(
        "data_protection_authority_hours: 24", "data_protection_authority_hours: 72"
    )
    assert _breach_notice(cli, tmp_path, habit)["deadline_hours"] == 24
    (tmp_path / "programme.yaml").write_text(bare.replace("provider: true", "provider: false"))
    result = cli("impact", "--supplier", "bss", "--format", "json", "--as-of", "2026-12-01")
    kinds = [n["kind"] for n in json.loads(result.stdout)["notices"]]
    assert "data_protection_authority" not in kinds
