"""INS-05 asks a policy in force whose insurer our plans' and playbooks' insurer templates must
reach to record its notice contact: an excess layer that follows form takes the primary's terms,
not its address, and its insurer is given notice itself. Until it records one, no template can be
checked to reach it (resilint impact said so; resilint check did not). Through the CLI."""

from __future__ import annotations

from typing import Any

from one_file import doc, line, repo

AS_OF = "2026-12-07"

PRIMARY_CONTACT = "  contact: {name: Claims, email: claims@primary.example}\n"


def tower(excess_notice: str = "", primary_contact: str = PRIMARY_CONTACT, line_: str = "") -> str:
    return repo(
        doc("Entity", "acme", "regimes: []\n"),
        doc(
            "InsurancePolicy",
            "primary",
            f"insurer: Primary Mutual\n{line_}period: {{start: 2026-07-01, end: 2027-06-30}}\n"
            "insured_entities: [acme]\nnotice:\n  incident_notice_hours: 72\n" + primary_contact,
        ),
        doc(
            "InsurancePolicy",
            "excess",
            "insurer: Excess Indemnity Co\nperiod: {start: 2026-07-01, end: 2027-06-30}\n"
            "insured_entities: [acme]\n"
            "layer: {position: excess, sits_over: primary, attaches_at: 5000000,"
            " follows_form: true}\n" + excess_notice,
        ),
        doc("BusinessFunction", "platform", "entities: [acme]\ncriticality: critical\n"),
        doc(
            "ContinuityPlan",
            "platform-plan",
            "function: platform\ncomms_templates:\n  insurer:\n"
            "    reference: templates/insurer.md\n"
            "    recipients: [claims@primary.example, notices@excess.example]\n",
        ),
    )


def ins05(cli: Any, write: Any, text: str) -> list[dict[str, Any]]:
    write("resilint.yaml", "profiles: []\nselect: [INS-05]\n")
    write("programme/repo.yaml", text)
    result = cli("check", "programme", "--no-cache", "--format", "json", "--as-of", AS_OF)
    assert result.exit_code in (0, 1), result.stderr
    return result.json()["findings"]


def test_an_excess_layer_without_a_notice_contact_is_reported(cli, write) -> None:
    text = tower(excess_notice="notice: {incident_notice_hours: 72}\n")
    (finding,) = ins05(cli, write, text)
    assert finding["level"] == "warning" and finding["id"] == "excess"
    assert finding["line"] == line(text, "notice: {incident_notice_hours: 72}")
    said = finding["message"]
    assert said.startswith(
        "insurance policy excess (Excess Indemnity Co) records no notice contact (notice.contact"
    ), said
    assert "as an excess layer following the form of primary its insurer is still given" in said
    assert "counts for it only where the layer's wording says so" in said
    assert "the insurer message template of continuity plan platform-plan" in said
    assert "insurer market practice" in said
    assert [r["line"] for r in finding["related"]] == [line(text, "  insurer:")]


def test_a_layer_with_its_own_contact_is_not_reported(cli, write) -> None:
    text = tower(excess_notice="notice:\n  contact: {email: notices@excess.example}\n")
    assert ins05(cli, write, text) == []
    portal = "notice:\n  contact: {url: 'https://claims.excess.example'}\n"
    assert ins05(cli, write, tower(excess_notice=portal)) == []


def test_a_primary_without_a_contact_is_reported_without_the_layer_words(cli, write) -> None:
    text = tower(
        excess_notice="notice:\n  contact: {email: notices@excess.example}\n", primary_contact=""
    )
    (finding,) = ins05(cli, write, text)
    assert finding["id"] == "primary" and finding["level"] == "error"
    assert "excess layer" not in finding["message"]


def test_nothing_is_asked_without_an_insurer_template(cli, write) -> None:
    text = tower().replace(
        "comms_templates:\n  insurer:\n    reference: templates/insurer.md\n"
        "    recipients: [claims@primary.example, notices@excess.example]\n",
        "",
    )
    assert ins05(cli, write, text) == []


def test_a_policy_of_line_other_is_not_asked(cli, write) -> None:
    text = tower(
        excess_notice="notice:\n  contact: {email: notices@excess.example}\n",
        primary_contact="",
        line_="line: other\n",
    )
    assert [f["id"] for f in ins05(cli, write, text)] == []
