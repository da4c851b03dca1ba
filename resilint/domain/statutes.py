"""The reporting deadlines the law sets, by regime, each with its citation, checked against the
texts (docs/impact.md): DORA's under Commission Delegated Regulation (EU) 2025/301 Art. 5(1),
NIS2's under Directive (EU) 2022/2555 Art. 23(4), NYDFS's under 23 NYCRR 500.17(a)(1), the
GDPR's Art. 33(1) and, for a telecom operator, Commission Regulation (EU) No 611/2013 Art. 2(2).
Each names the Entity's ``reporting_clocks`` field that records it, so a recorded clock can be
compared with the law's."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any

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
    content: str = ""
    """What the report must contain, where the law says it (DORA's three reports, NIS2's)."""


_DORA = "Commission Delegated Regulation (EU) 2025/301 Art. 5(1)"
_DORA_ITS = "Commission Implementing Regulation (EU) 2025/302"

# What each of DORA's three reports contains: the general information of Delegated Regulation
# (EU) 2025/301 Art. 1 in every one, and the specifics of its Art. 2 (initial notification),
# Art. 3 (intermediate report) or Art. 4 (final report); Implementing Regulation (EU) 2025/302
# Art. 1(1) has all three made on the one template of its Annex I, each completing its own
# fields (points (a) to (c)). Art. 5(1)(b) of the Delegated Regulation also has the
# intermediate report due even where nothing has changed, and updated.
_DORA_INITIAL = (
    "contains the general information of Delegated Regulation (EU) 2025/301 Art. 1 and what "
    "its Art. 2 asks of an initial notification: our reference code for the incident, when it "
    "was detected and classified, a description, the criteria it was classified as major on, "
    "the Member States affected, how it was discovered, its origin where known, whether a "
    f"business continuity plan was activated; on the template of {_DORA_ITS} Annex I, its "
    "initial notification fields completed (Art. 1(1)(a))"
)
_DORA_INTERMEDIATE = (
    "due even where the status or the handling of the incident has not changed, then updated "
    "without undue delay, and in any case once regular activities are recovered (Delegated "
    "Regulation (EU) 2025/301 Art. 5(1)(b)); contains Art. 1's general information and what "
    "Art. 3 asks of an intermediate report: when the incident occurred and when regular "
    "activities were recovered, how the criteria it was classified as major on were met, the "
    "type of incident, the threat actor's techniques, the business processes and "
    "infrastructure affected, the impact on clients' financial interests, reports to other "
    "authorities, the recovery measures taken or planned, indicators of compromise; on the "
    f"same template as the initial notification ({_DORA_ITS} Annex I), its intermediate "
    "report fields completed (Art. 1(1)(b))"
)
_DORA_FINAL = (
    "contains Delegated Regulation (EU) 2025/301 Art. 1's general information and what Art. 4 "
    "asks of a final report: the root causes, when the incident was resolved and the root "
    "causes addressed, how it was resolved, information for resolution authorities where "
    "applicable, the direct and indirect costs and losses and the financial recoveries, "
    "recurring incidents where applicable; on the same template as the initial notification "
    f"({_DORA_ITS} Annex I), its final report fields completed (Art. 1(1)(c))"
)
_NIS2 = "Directive (EU) 2022/2555 (NIS2) Art. 23(4)"


# What each of NIS2's reports contains (Directive (EU) 2022/2555 Art. 23(4)): the early warning
# flags two things, the notification updates them and assesses the incident, the final report
# describes it whole; an intermediate report only where the CSIRT or authority asks (point (c)),
# a progress report where the incident is still ongoing when the final report is due (point (e)).
_NIS2_EARLY = (
    "indicates, where applicable, whether the significant incident is suspected of being "
    "caused by unlawful or malicious acts, and whether it could have a cross-border impact "
    "(Directive (EU) 2022/2555 Art. 23(4)(a))"
)
_NIS2_NOTIFICATION = (
    "updates, where applicable, the early warning's information and gives an initial "
    "assessment of the incident, including its severity and impact, and, where available, the "
    "indicators of compromise (Directive (EU) 2022/2555 Art. 23(4)(b)); an intermediate report "
    "on relevant status updates follows where the CSIRT or the competent authority asks for "
    "one (point (c))"
)
_NIS2_FINAL = (
    "contains a detailed description of the incident, including its severity and impact; the "
    "type of threat or root cause that is likely to have triggered it; the mitigation measures "
    "applied and ongoing; where applicable, its cross-border impact (Directive (EU) 2022/2555 "
    "Art. 23(4)(d)); an incident still ongoing then has a progress report sent at that time and "
    "the final report within one month of its handling (point (e))"
)


_MAJOR = "if the incident is classified as a major ICT-related incident"
PAYMENT_MAJOR = (
    "if the incident is classified as a major ICT-related incident, or as a major operational "
    "or security payment-related incident (DORA Art. 23)"
)
"""DORA's condition for the entities of its Art. 2(1)(a) to (d), whose reporting duties also
cover payment-related incidents, ICT-related or not."""
_SIGNIFICANT = "if the incident is significant (Art. 23(3))"

# For the eleven kinds of entity Commission Implementing Regulation (EU) 2024/2690 binds (Art. 1),
# its Art. 3 says when an incident is significant "for the purposes of Article 23(3)", with the
# criteria of one of its Arts. 5 to 14 for each kind (Art. 3(1)(g)).
_CIR_2690_ARTICLE = {
    "dns_service_provider": 5,
    "tld_name_registry": 6,
    "cloud_computing_service_provider": 7,
    "data_centre_service_provider": 8,
    "content_delivery_network_provider": 9,
    "managed_service_provider": 10,
    "managed_security_service_provider": 10,
    "online_marketplace_provider": 11,
    "online_search_engine_provider": 12,
    "social_networking_platform_provider": 13,
    "trust_service_provider": 14,
}


def nis2_significance(entity_type: object) -> str:
    """The NIS2 clocks' condition for an entity of this nis2_entity_type: the Implementing
    Regulation's articles for the kinds it binds, Art. 23(3) of the Directive for the others."""
    article = _CIR_2690_ARTICLE.get(entity_type) if isinstance(entity_type, str) else None
    if article is None:
        return _SIGNIFICANT
    return (
        "if the incident is significant (Art. 23(3) as Implementing Regulation (EU) 2024/2690 "
        f"Art. 3 and Art. {article} specify it)"
    )


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
            content=_DORA_INITIAL,
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
            _DORA_INITIAL,
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
            _DORA_INTERMEDIATE,
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
            _DORA_FINAL,
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
            _NIS2_EARLY,
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
            _NIS2_NOTIFICATION,
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
            _NIS2_FINAL,
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


NATIONAL: dict[tuple[str, str], tuple[str, dict[str, str]]] = {
    ("nis2", "DE"): (
        "Germany",
        {
            "early warning": "§ 32(1) no. 1 BSIG",
            "incident notification": "§ 32(1) no. 2 BSIG",
            "final report": "§ 32(1) no. 4 BSIG",
        },
    ),
}
"""The member state's provision that sets a directive's deadline for an entity established
there, cited beside the directive's article, by regime and the entity's country: Germany's
BSIG as the NIS2UmsuCG amends it (in force 6 December 2025), whose § 32(1) sets NIS2's early
warning, notification and final report to the joint reporting office of the BSI and the BBK.
Only provisions checked against their text are listed; elsewhere the directive's article
stands alone."""


RECIPIENTS: dict[tuple[str, str], str] = {
    ("nis2", "BE"): "the national CSIRT (the CCB, Centre for Cybersecurity Belgium)",
    ("nis2", "DE"): "the joint reporting office of the BSI and the BBK",
}
"""Whom a member state has an entity established there send a directive's reports, by regime
and country, where the directive leaves the choice to the state (NIS2 Art. 23(1): its CSIRT
or, where applicable, its competent authority): Belgium's NIS2 law of 26 April 2024 has them
notified to the CCB, the national CSIRT; Germany's § 32(1) BSIG to the reporting office the
BSI and the BBK set up together. Only states checked against their law are listed."""

_ROLES = {
    "competent authority": "the competent authority",
    "CSIRT or competent authority": ("the CSIRT or the competent authority"),
}
"""The recipients the directive's and the regulation's words name by role, and how a recorded
authority is named beside the role."""


def statutes_of(
    regimes: Iterable[str], country: object = None, authority: object = None
) -> Iterator[tuple[str, Statute]]:
    """Each deadline the law of these regimes sets, with its regime, regimes in name order; for
    an entity established in ``country``, with that state's provision beside the directive's
    (:data:`NATIONAL`) and the recipient it names (:data:`RECIPIENTS`); else, where the entity
    records its competent authority (``authority``), that authority named beside the role."""
    named = authority.strip() if isinstance(authority, str) else ""
    for regime in sorted(set(regimes) & STATUTES.keys()):
        state, provisions = NATIONAL.get((regime, str(country)), ("", {}))
        recipient = RECIPIENTS.get((regime, str(country)))
        for statute in STATUTES[regime]:
            national = provisions.get(statute.what)
            if national:
                statute = replace(statute, basis=f"{statute.basis}, in {state} {national}")
            if recipient is not None:
                statute = replace(statute, to=recipient)
            elif named and statute.to in _ROLES:
                statute = replace(statute, to=f"{_ROLES[statute.to]}, {named}")
            yield regime, statute


EPRIVACY = Statute(
    "personal data breach notification",
    "competent national authority",
    24,
    "24 hours",
    "detection of the personal data breach",
    "Commission Regulation (EU) No 611/2013 Art. 2(2) (Directive 2002/58/EC Art. 4(3)), where "
    "feasible",
    "if personal data processed in connection with our publicly available electronic "
    "communications services is breached, whatever the risk to people",
    "data_protection_authority_hours",
)
"""The ePrivacy Directive's breach notice, which GDPR Art. 95 leaves in place of GDPR Art. 33 for
a provider of publicly available electronic communications services (a telecom operator)."""

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


EEA_COUNTRIES = frozenset(
    (
        "AT",
        "BE",
        "BG",
        "CY",
        "CZ",
        "DE",
        "DK",
        "EE",
        "ES",
        "FI",
        "FR",
        "GR",
        "HR",
        "HU",
        "IE",
        "IS",
        "IT",
        "LI",
        "LT",
        "LU",
        "LV",
        "MT",
        "NL",
        "NO",
        "PL",
        "PT",
        "RO",
        "SE",
        "SI",
        "SK",
    )
)
"""The states of the European Economic Area, where the GDPR applies (in Iceland, Liechtenstein
and Norway by the EEA Agreement), and the ePrivacy Directive with it."""

OWN_BREACH = Statute(
    "personal data breach notification",
    "the authorities its breach notification laws name",
    None,
    "",
    "our awareness of the personal data breach",
    "",
    "if personal data is breached, as its breach notification laws provide",
    "data_protection_authority_hours",
)
"""The breach notice of an entity established outside the EEA and the United Kingdom (a United
States company under its states' breach notification laws): the deadline it records is its own
reading of the law that binds it, which resilint names no article of."""


def breach_statute(entity: Mapping[str, Any]) -> Statute:
    """The law's personal data breach notice of an entity: GDPR Art. 33(1) (the UK GDPR's for
    one established in the United Kingdom), or, for a provider of publicly available electronic
    communications services, the ePrivacy notice GDPR Art. 95 leaves in its place (24 hours where
    feasible, Commission Regulation (EU) No 611/2013 Art. 2(2)). An entity recorded as established
    outside the EEA and the United Kingdom is not bound by them by where it is established (the
    GDPR may still reach it by whom it serves, Art. 3(2)): the deadline it records stands as its
    own reading of the laws that bind it (:data:`OWN_BREACH`); one recording no country is read
    as the GDPR's."""
    country = entity.get("country")
    if country == "GB":
        return replace(GDPR, basis="UK GDPR Art. 33(1)", to="Information Commissioner")
    if isinstance(country, str) and country and country not in EEA_COUNTRIES:
        return OWN_BREACH
    if entity.get("electronic_communications_provider") is True:
        return EPRIVACY
    return GDPR
