"""An entity established outside the EEA and the United Kingdom (a United States company under
no EU law) that records its breach notification deadline in
reporting_clocks.data_protection_authority_hours was read as under the GDPR: resilint impact
named GDPR Art. 33(1), replaced a recorded 720 hours (a state law's 30 days) with the GDPR's 72
and told the user to "correct the record", and the board's note cited GDPR articles. The deadline
it records now stands as its own, with no article named; an entity in the EEA, or one recording
no country, is read as before. Through the CLI."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.conftest import Run
from tests.test_impact_what_if_not_major import board
from tests.test_impact_what_if_personal_data import PROGRAMME

US = PROGRAMME.replace("country: DE", "country: US").replace(
    "data_protection_authority_hours: 72", "data_protection_authority_hours: 720"
)


def breach_notice(cli: Run, write: Any, tmp_path: Path, text: str) -> dict[str, Any]:
    write("resilint.yaml", "as_of: 2026-12-01\n")
    write("programme.yaml", text)
    run = cli("impact", "--supplier", "erp", "--format", "json", cwd=tmp_path)
    assert run.exit_code == 0, run.stderr
    (notice,) = [n for n in run.json()["notices"] if n["kind"] == "data_protection_authority"]
    return notice


def test_a_us_entitys_recorded_deadline_stands_with_no_gdpr_article(
    cli: Run, write: Any, tmp_path: Path
) -> None:
    notice = breach_notice(cli, write, tmp_path, US)
    assert notice["deadline_hours"] == 720
    assert notice["note"] == ""  # no "longer than the law allows (72 hours)"
    assert "GDPR" not in notice["basis"] and "GDPR" not in notice["condition"]
    assert notice["basis"] == (
        "recorded on entity shop (reporting_clocks.data_protection_authority_hours)"
    )
    assert notice["to"] == "the authorities its breach notification laws name"
    text = cli("impact", "--supplier", "erp", cwd=tmp_path).stdout
    assert "GDPR" not in text and "correct the record" not in text


def test_an_entity_in_the_eea_or_of_no_country_keeps_the_gdprs_72_hours(
    cli: Run, write: Any, tmp_path: Path
) -> None:
    german = US.replace("country: US", "country: DE")
    notice = breach_notice(cli, write, tmp_path, german)
    assert notice["basis"] == "GDPR Art. 33(1)" and notice["deadline_hours"] == 72
    assert "longer than the law allows (72 hours): correct the record" in notice["note"]
    unplaced = breach_notice(cli, write, tmp_path, US.replace("country: US\n", ""))
    assert unplaced["basis"] == "GDPR Art. 33(1)"
    british = breach_notice(cli, write, tmp_path, US.replace("country: US", "country: GB"))
    assert british["basis"] == "UK GDPR Art. 33(1)" and british["deadline_hours"] == 72


def test_a_us_telecom_is_not_given_the_eprivacy_24_hours(
    cli: Run, write: Any, tmp_path: Path
) -> None:
    telecom = US.replace("country: US\n", "country: US\nelectronic_communications_provider: true\n")
    notice = breach_notice(cli, write, tmp_path, telecom)
    assert notice["deadline_hours"] == 720 and "611/2013" not in notice["basis"]


def test_the_boards_note_cites_no_gdpr_article_for_a_us_entity(
    cli: Run, write: Any, tmp_path: Path
) -> None:
    table = board(cli, write, tmp_path, "markdown", US)
    assert "data protection clock not started for shop: may be notifiable: assess" in table
    note = " ".join(table.split("\n\n")[-1].split())
    assert "GDPR" not in note and "EDPB" not in note
    assert "outside the EEA and the United Kingdom" in note
