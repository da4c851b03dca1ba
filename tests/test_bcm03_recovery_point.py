"""BCM-03 compares a supplier's contracted recovery point (contracted_rpo_hours: the data it may
lose) with the recovery point objective of the critical function resting on the service: no
manual procedure recreates lost data. A function may record, on its entry for a service, the
recovery point it needs of that service's data where it differs from its own (mail behind a
lending function whose records live in the core banking system); a service that stores none of
our data loses none. Through the CLI on real files."""

from __future__ import annotations

from typing import Any

from one_file import doc, line, repo

AS_OF = "2026-12-07"


def programme(service: str, entry: str = "{supplier: dbco, service: db}", status: str = "") -> str:
    return repo(
        doc(
            "Supplier",
            "dbco",
            f"tier: 1\nsupports_critical_function: true\n{status}services:\n{service}",
        ),
        doc(
            "BusinessFunction",
            "platform",
            "criticality: critical\nrto_hours: 4\nrpo_hours: 1\nmtpd_hours: 24\n"
            f"depends_on:\n  services:\n    - {entry}\n",
        ),
        doc(
            "ContinuityPlan",
            "platform-plan",
            "function: platform\nowner: cto\n"
            "manual_procedure: {description: Read-only mode, max_degraded_hours: 24}\n",
        ),
    )


def findings(cli: Any, write: Any, text: str) -> list[dict[str, Any]]:
    write("resilint.yaml", "profiles: []\nselect: [BCM-03]\n")
    write("programme/repo.yaml", text)
    result = cli("check", "programme", "--no-cache", "--format", "json", "--as-of", AS_OF)
    assert result.exit_code in (0, 1), result.stderr
    return result.json()["findings"]


DB = "  - {name: db, stores_data: true, contracted_rto_hours: 4, contracted_rpo_hours: 24}\n"


def test_a_recovery_point_longer_than_the_functions_rpo_is_reported(cli, write) -> None:
    text = programme(DB)
    (finding,) = findings(cli, write, text)
    assert finding["code"] == "BCM-03" and finding["level"] == "error"
    assert finding["path"].endswith("repo.yaml")
    assert finding["line"] == line(text, "{supplier: dbco, service: db}")
    said = finding["message"]
    assert said.startswith(
        "critical function platform may lose at most 1 hour of data (rpo_hours), but the "
        "contract of supplier dbco lets it lose up to 24 hours of the data of service 'db' "
        "(contracted_rpo_hours)"
    ), said
    assert "Negotiate a recovery point of at most 1 hour" in said
    assert "(market practice, not a legal requirement)" in said
    # the related place is the supplier's contracted recovery point
    assert any(r["line"] == line(text, "contracted_rpo_hours") for r in finding["related"])


def test_a_recovery_point_within_the_rpo_is_not_reported(cli, write) -> None:
    assert findings(cli, write, programme(DB.replace("rpo_hours: 24", "rpo_hours: 1"))) == []
    assert findings(cli, write, programme(DB.replace("rpo_hours: 24", "rpo_hours: 0.5"))) == []


def test_no_recovery_point_agreed_is_not_asked(cli, write) -> None:
    assert findings(cli, write, programme(DB.replace(", contracted_rpo_hours: 24", ""))) == []


def test_a_service_that_stores_none_of_our_data_loses_none(cli, write) -> None:
    text = programme(DB.replace("stores_data: true", "stores_data: false"))
    assert findings(cli, write, text) == []


def test_the_functions_own_need_of_a_service_is_read_from_its_entry(cli, write) -> None:
    within = "{supplier: dbco, service: db, rpo_hours: 24}"
    assert findings(cli, write, programme(DB, entry=within)) == []
    tighter = "{supplier: dbco, service: db, rpo_hours: 12}"
    (finding,) = findings(cli, write, programme(DB, entry=tighter))
    assert finding["message"].startswith(
        "critical function platform may lose at most 12 hours of data (rpo_hours of its entry "
        "for the service)"
    ), finding["message"]


def test_a_prospective_suppliers_service_is_not_compared(cli, write) -> None:
    assert findings(cli, write, programme(DB, status="status: prospective\n")) == []
