"""resilint impact and report: an excess layer that follows form takes the notice terms of the
policy it sits over, but its notice still goes to its own insurer. Where the layer records no
notice contact of its own, the contact of the policy below (another insurer's) is never offered
in its place: the notice says to send it to the layer's insurer at the address its policy gives
(whether notice to the insurer below counts for the layer depends on its wording)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.conftest import Run
from tests.test_impact_excess_own_deadline import TOWER

AS_OF = "2026-11-26"
PROGRAMME = TOWER + "OWN"


def notices(cli: Run, write: Any, tmp_path: Path, own: str) -> dict[str, dict[str, Any]]:
    write("resilint.yaml", "{}\n")
    write("programme.yaml", PROGRAMME.replace("OWN", own))
    result = cli("impact", "--function", "ops", "--format", "json", "--as-of", AS_OF, cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    return {
        f"{n['document']}/{n['kind']}": n
        for n in result.json()["notices"]
        if n["kind"] in ("insurer", "claim")
    }


def test_a_layer_without_a_contact_of_its_own_is_not_given_the_primarys(
    cli: Run, write: Any, tmp_path: Path
) -> None:
    found = notices(cli, write, tmp_path, "")
    for kind in ("insurer", "claim"):
        excess = found[f"excess/{kind}"]
        assert excess["to"] == "Excess SE"
        assert "c@primary.example" not in excess["contact"], excess
        assert excess["contact"] == ""
        assert (
            "policy excess records no notice contact of its own (notice.contact)"
            in (excess["note"])
        )
        assert "send the notice to Excess SE at the address its policy gives" in excess["note"]
        # the primary's own notice keeps its contact
        assert "c@primary.example" in found[f"primary/{kind}"]["contact"]
    assert found["excess/insurer"]["deadline_hours"] == 48  # the form's terms still hold
    text = cli("impact", "--function", "ops", "--as-of", AS_OF, cwd=tmp_path).stdout
    after = text.split("incident notice to Excess SE", 1)[1]
    assert "c@primary.example" not in after.split("claim or proof of loss", 1)[0], text


def test_a_layer_with_its_own_contact_is_sent_there_without_a_note(
    cli: Run, write: Any, tmp_path: Path
) -> None:
    found = notices(cli, write, tmp_path, "notice: {contact: {email: c@excess.example}}\n")
    for kind in ("insurer", "claim"):
        assert "c@excess.example" in found[f"excess/{kind}"]["contact"]
        assert found[f"excess/{kind}"]["note"] == ""


def test_the_report_does_not_show_the_primarys_contact_for_the_layer(
    cli: Run, write: Any, tmp_path: Path
) -> None:
    write("resilint.yaml", "{}\n")
    write("programme.yaml", PROGRAMME.replace("OWN", ""))
    out = tmp_path / "report.html"
    result = cli("report", "--as-of", AS_OF, "-o", str(out), cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    html = out.read_text(encoding="utf-8")
    start = html.index('id="pol-excess"')
    excess = html[start : html.index("</article>", start)]
    assert "c@primary.example" not in excess
    assert "notify this layer" in excess and "the contact of primary is another insurer" in excess
