"""`resilint impact --supplier X` for a prospective supplier with nothing of ours yet (no business
function rests on it, no active identity of it opens our systems): its outage or compromise today
is no incident of ours, so no regulator, data protection or insurer clock is listed as running;
the clocks it would start once engaged are listed apart (JSON ``notices_once_engaged``). Once
something of ours is with it (an identity into our systems), its clocks run as for any supplier.
Through the CLI on the New York insurer's and the e-money institution's programmes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.programmes import copy_programme

ACCESS = """apiVersion: resilint/v1
kind: Identity
id: bankbridge-pilot-key
supplier: bankbridge
integration: Bankbridge pilot posts payment initiation results to our wallet adapter
type: api_key
systems: [ledger-adapter]
access_level: write
owner: head-of-engineering
status: active
time_to_disable_minutes: 10
"""


def test_a_prospective_supplier_starts_no_clock_today(cli: Any, tmp_path: Path) -> None:
    root = copy_programme("insurer-ny", tmp_path)
    result = cli("impact", "--supplier", "underlight", cwd=root)
    assert result.exit_code == 0, result.stdout + result.stderr
    clocks, engaged = result.stdout.split("Notice clocks, soonest first\n")[1].split(
        "Once engaged, its compromise would start these clocks\n"
    )
    assert clocks.strip() == (
        "none: the supplier is prospective and nothing of ours is with it yet"
    )
    engaged = engaged.split("Identities to disable")[0]
    assert "NYDFS superintendent (tappan-bay-casualty)" in engaged
    assert "incident notice to Harrowgate Specialty Insurance Company" in engaged
    assert "underlight is prospective: no business function of ours rests on it" in result.stdout


def test_json_moves_the_clocks_apart(cli: Any, tmp_path: Path) -> None:
    root = copy_programme("emoney-ie", tmp_path)
    found = cli("impact", "--supplier", "bankbridge", "--format", "json", cwd=root).json()
    assert found["notices"] == []
    kinds = [n["kind"] for n in found["notices_once_engaged"]]
    assert "insurer" in kinds and "data_protection_authority" in kinds
    text = cli("impact", "--supplier", "bankbridge", "--format", "markdown", cwd=root).stdout
    assert "## Once engaged, its compromise would start these clocks" in text
    # an engaged supplier's clocks run as before
    found = cli("impact", "--supplier", "karta-processing", "--format", "json", cwd=root).json()
    assert found["notices"] and found["notices_once_engaged"] == []


def test_a_prospective_supplier_with_access_to_our_systems_starts_its_clocks(
    cli: Any, tmp_path: Path
) -> None:
    root = copy_programme("emoney-ie", tmp_path)
    (root / "identities" / "bankbridge-pilot.yaml").write_text(ACCESS, encoding="utf-8")
    found = cli("impact", "--supplier", "bankbridge", "--format", "json", cwd=root).json()
    assert [s["lifecycle"] for s in found["suppliers"]] == ["prospective"]
    assert "insurer" in [n["kind"] for n in found["notices"]]
    assert found["notices_once_engaged"] == []
    assert not any("is prospective" in note for note in found["notes"])


def _covers(found: dict[str, Any]) -> list[dict[str, Any]]:
    return [c for policy in found["insurance"] for c in policy["covers"]]


def test_a_prospective_suppliers_outage_is_no_loss_for_the_covers(cli: Any, tmp_path: Path) -> None:
    """No business of ours rests on it yet: no business-interruption cover has a loss to answer
    today, whatever its scope; what it would answer once the supplier is engaged is said after."""
    root = copy_programme("emoney-ie", tmp_path)
    found = cli("impact", "--supplier", "bankbridge", "--format", "json", cwd=root).json()
    covers = _covers(found)
    assert covers, found["insurance"]
    for cover in covers:
        assert cover["responds"] == "no", cover
        assert cover["why"].startswith(
            "bankbridge is prospective: no business function of ours rests on it yet, so its "
            "outage interrupts nothing of ours and leaves no loss to claim; once it is engaged, "
        ), cover
    text = cli("impact", "--supplier", "bankbridge", cwd=root).stdout
    insurance = text.split("\nInsurance\n")[1].split("\n\n")[0]
    assert ": YES" not in insurance and ": MAYBE" not in insurance, insurance
    # with an identity of it into our systems, its outage is ours: the covers answer as usual
    (root / "identities" / "bankbridge-pilot.yaml").write_text(ACCESS, encoding="utf-8")
    found = cli("impact", "--supplier", "bankbridge", "--format", "json", cwd=root).json()
    assert not any("is prospective" in c["why"] for c in _covers(found))
    assert any(c["responds"] != "no" for c in _covers(found))


def test_cover_of_every_suppliers_outage_is_said_for_once_engaged(cli: Any, tmp_path: Path) -> None:
    """Lindenau's cyber policy covers every supplier's outage: for its prospective treasury
    software vendor, that is what the cover would answer once engaged, not a YES today."""
    import shutil

    root = tmp_path / "lindenau"
    shutil.copytree(Path(__file__).parent.parent / "examples" / "lindenau", root)
    text = cli("impact", "--supplier", "kontorix-tms", cwd=root).stdout
    assert (
        "dependent business interruption for kontorix-tms: NO: kontorix-tms is prospective: "
        "no business function of ours rests on it yet, so its outage interrupts nothing of ours "
        "and leaves no loss to claim; once it is engaged, yes: the cover includes every "
        "supplier's outage"
    ) in text, text
