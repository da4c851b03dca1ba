"""The reporting deadlines the law sets, by regime, each with its citation, checked against the
texts (docs/impact.md): DORA's under Commission Delegated Regulation (EU) 2025/301 Art. 5(1),
NIS2's under Directive (EU) 2022/2555 Art. 23(4), NYDFS's under 23 NYCRR 500.17(a)(1), and the
GDPR's Art. 33(1). Each names the Entity's ``reporting_clocks`` field that records it, so a
recorded clock can be compared with the law's."""

from __future__ import annotations

from dataclasses import dataclass

AWARENESS = "our awareness of the incident"


@dataclass(frozen=True)
class Statute:
    """A reporting deadline set by law, and the reporting_clocks field that records it."""

    what: str
    to: str
    hours: float | None
    deadline: str
    starts: str
    basis: str
    condition: str
    recorded: str = ""
    """The Entity's reporting_clocks field for it (hours, or days for a final report)."""


_DORA = "Commission Delegated Regulation (EU) 2025/301 Art. 5(1)"
_NIS2 = "Directive (EU) 2022/2555 (NIS2) Art. 23(4)"


_MAJOR = "if the incident is classified as a major ICT-related incident"
_SIGNIFICANT = "if the incident is significant (Art. 23(3))"
STATUTES: dict[str, tuple[Statute, ...]] = {
    "dora": (
        Statute(
            "initial notification",
            "competent authority",
            4,
            "4 hours",
            "classification of the incident as major",
            f"{_DORA}(a)",
            _MAJOR,
        ),
        Statute(
            "initial notification, at the latest",
            "competent authority",
            24,
            "24 hours",
            AWARENESS,
            f"{_DORA}(a)",
            _MAJOR,
            "regulator_initial_hours",
        ),
        Statute(
            "intermediate report",
            "competent authority",
            72,
            "72 hours",
            "submission of the initial notification",
            f"{_DORA}(b)",
            _MAJOR,
            "regulator_intermediate_hours",
        ),
        Statute(
            "final report",
            "competent authority",
            None,
            "one month",
            "submission of the (latest updated) intermediate report",
            f"{_DORA}(c)",
            _MAJOR,
            "regulator_final_days",
        ),
    ),
    "nis2": (
        Statute(
            "early warning",
            "CSIRT or competent authority",
            24,
            "24 hours",
            AWARENESS,
            f"{_NIS2}(a)",
            _SIGNIFICANT,
            "regulator_early_warning_hours",
        ),
        Statute(
            "incident notification",
            "CSIRT or competent authority",
            72,
            "72 hours",
            AWARENESS,
            f"{_NIS2}(b)",
            _SIGNIFICANT,
            "regulator_initial_hours",
        ),
        Statute(
            "final report",
            "CSIRT or competent authority",
            None,
            "one month",
            "submission of the incident notification",
            f"{_NIS2}(d)",
            _SIGNIFICANT,
            "regulator_final_days",
        ),
    ),
    "nydfs": (
        Statute(
            "notice of cybersecurity incident",
            "NYDFS superintendent",
            72,
            "72 hours",
            "determining that a cybersecurity incident occurred (at us, an affiliate or a "
            "third-party service provider)",
            "23 NYCRR 500.17(a)(1)",
            "if a cybersecurity incident has occurred",
            "regulator_initial_hours",
        ),
    ),
}
GDPR = Statute(
    "personal data breach notification",
    "data protection supervisory authority",
    72,
    "72 hours",
    "our awareness of the personal data breach",
    "GDPR Art. 33(1)",
    "if personal data is breached, unless the breach is unlikely to result in a risk to people",
    "data_protection_authority_hours",
)
