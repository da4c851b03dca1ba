"""The facts the rule language sees as fields of a document (``supplier.critical``,
``contract.requires``): their types, checked when a rule loads like schema fields, and their
meanings, listed in docs/rule-language.md. Each is filled by a fact type's ``fields()``
(:mod:`.facts`)."""

from __future__ import annotations

from typing import Any


def _fact(kind: str, description: str, **schema: Any) -> dict[str, Any]:
    return {"type": kind, "description": description, **schema}


_TEXTS = {"type": "string"}
_TIER_CLASSES = ["critical", "tier_2", "tier_3"]
"""The rows of the requirements matrix (:data:`resilint.domain.requirements.CLASSES`)."""
_SUPPLIER_IDS = {"type": "string", "x-resilint-ref": "Supplier"}
"""Supplier ids: a rule may follow them (``{follow: function.suppliers}``) to the Suppliers."""
FACT_FIELDS: dict[str, dict[str, dict[str, Any]]] = {
    "Supplier": {
        "critical": _fact(
            "boolean",
            "Tier 1 in effect: recorded so, or a critical or important "
            "function rests on it, or it handles restricted data (unless only as ciphertext "
            "without the keys) or holds standing privileged access (not access left over "
            "once every contract with it has ended, nor access an active Identity gives a "
            "supplier recorded as tier 2 or 3 when it is all that would make it tier 1: "
            "IAM-03 asks that decision).",
        ),
        "effective_tier": _fact("integer", "1 when critical, else the recorded tier."),
        "tier_note": _fact(
            "string",
            "Words for a message that holds it to tier 1 though its record does not say tier 1: "
            "' (recorded as tier 2; tier 1 because it holds privileged access to our "
            "systems)'; empty when it is recorded as tier 1 or not critical.",
        ),
        "tier_class": _fact(
            "string",
            "critical, tier_2 or tier_3: the row of the requirements matrix it is judged by.",
            enum=_TIER_CLASSES,
        ),
        "supports_critical": _fact("boolean", "It supports a critical or important function."),
        "supports_through_others_only": _fact(
            "boolean",
            "It supports a critical or important function only through another supplier (as "
            "its subcontractor or shared dependency): no such function rests on it directly, "
            "and neither it nor a service of it is recorded as supporting one. DORA's terms for "
            "a service supporting such a function are then asked only through a contract of "
            "ours with it that supports one (contract.critical).",
        ),
        "relied_on": _fact(
            "boolean",
            "It does work we rely on: it supports a critical or important function, or it is "
            "recorded as tier 1 and neither restricted data nor privileged access explains "
            "that tier.",
        ),
        "critical_functions": _fact(
            "array",
            "Critical or important functions resting on it, or naming it under `supported_by`.",
            items=_TEXTS,
        ),
        "ict": _fact("boolean", "It provides ICT services (recorded, or inferred)."),
        "access_level": _fact(
            "string",
            "Highest access it holds standing: none, read-only, write or "
            "privileged (through an active identity, or recorded unless only identities that "
            "are not active hold that level).",
            enum=["none", "read-only", "write", "privileged"],
        ),
        "exposures": _fact(
            "array",
            "Which of ict, access, operating_access (a person's account or privileged access in "
            "our systems, not only an integration credential) and data apply to it.",
            items=_TEXTS,
        ),
        "exposure_words": _fact(
            "string",
            "Its exposures in words, for a message: 'provides ICT services, has access to our "
            "systems and acts in them (a person's account or privileged rights) and handles our "
            "confidential data' (our restricted data where its data_sensitivity is restricted); "
            "'is taken to provide ICT services (provides_ict_services is not recorded)' where "
            "they are inferred.",
        ),
        "reach_note": _fact(
            "string",
            "Why a term asked of the suppliers whose compromise can reach us is asked of it, in "
            "words to append to a name: ' (tier 3; it handles our confidential data)', ' (tier "
            "1 in effect, see SUP-01; it provides ICT services)'; empty when it has neither a "
            "tier nor an exposure to show.",
        ),
        "model_note": _fact(
            "string",
            "Where the service model of its services is neither recorded nor inferred: words "
            "saying what a term the model decides is asked as of, and to record service_model "
            "(professional_service for an adviser or broker without ICT services); empty "
            "otherwise (append it to such a finding's message: a check lists the models in full "
            "on one finding of each supplier, and its others name that finding).",
        ),
        "adviser_note": _fact(
            "string",
            "model_note where only an adviser's, a bank's or a scheme's model would decide the "
            "term (the supplier has no ICT services and does not operate in our systems), naming "
            "only the models whose record takes its 24x7 security contact and escalation order "
            "off it (an adviser's: a bank owes them); empty otherwise, and where its record says "
            "it holds nothing of ours (no confidential data, no access: a diesel supplier is "
            "not asked whether it is an adviser) or the words of each of its services name a "
            "trade none of them has (a clinical laboratory, a caterer, a freight carrier, "
            "customer support or a contact centre) (a "
            "check says it in full on one finding of each supplier, and its others name that "
            "finding).",
        ),
        "service_models": _fact(
            "array",
            "Service models of its services (managed_service, multi_tenant_saas, iaas_paas, "
            "colocation, network_carrier, data_feed, professional_service, financial_service, "
            "market_infrastructure): recorded, or inferred from the ICT service type, else from "
            "the words of the service (SaaS, infrastructure as a service; a law firm, a bank or "
            "a card scheme for a supplier without ICT services); empty when any is unknown.",
            items=_TEXTS,
        ),
        "holds": _fact(
            "array",
            "What of ours it holds: data (our confidential data, or data_sensitivity not "
            "recorded, unless every service records stores_data: false, or, of a supplier placing "
            "workers with us (staff_augmentation), unless a service records stores_data: true), "
            "credentials (access "
            "into our systems), secrets (that access rests on a secret to rotate: an active "
            "machine credential or person's account without MFA, or no Identity recorded), "
            "identities (our sign-in runs through it).",
            items=_TEXTS,
        ),
        "holds_words": _fact(
            "string",
            "What of ours it holds, in words, for a message: 'holds our data and credentials "
            "into our systems and runs our sign-in (the identity provider of our identities or "
            "functions)'; empty when it holds nothing of ours.",
        ),
        "accounts_words": _fact(
            "string",
            "The accounts of it an incident notice says were disabled, in words to follow "
            "'which': 'privileged accounts' where it holds privileged access or runs our "
            "sign-in; 'of its accounts with write access to our systems' where its access is "
            "write access without privilege.",
        ),
        "cut_off_words": _fact(
            "string",
            "What a joint playbook's criteria (disable_criteria) and decision rights are for, "
            "in words to follow 'the criteria for': 'disabling its integrations'; of a company "
            "of our group (group_entity), 'isolating the systems and network segments it runs "
            "for us (...)', whose access is our own IT's, not an outsider's we cut off.",
        ),
        "lifecycle": _fact(
            "string", "prospective, engaged or exited.", enum=["prospective", "engaged", "exited"]
        ),
        "our_entities": _fact(
            "array",
            "Our entities it serves: those of its live contracts and of the critical "
            "functions resting on it.",
            items=_TEXTS,
        ),
        "regimes": _fact("array", "Regimes of those entities (dora, nis2, nydfs).", items=_TEXTS),
        "requires": _fact("array", "Terms the requirements matrix asks of it.", items=_TEXTS),
        "has_alternative": _fact(
            "boolean",
            "A documented alternative supplier is ready, or it is itself the ready alternative of "
            "an engaged supplier (each can take the other's place).",
        ),
        "on_site_only": _fact(
            "boolean",
            "Its only access to our systems is people's accounts that sign in only on our "
            "premises or internal network (every active Identity of it a human_account with "
            "on_site_only: true): accounts we issue and disable ourselves.",
        ),
        "in_register": _fact("boolean", "A contract of it is in the DORA register of information."),
        "portal_contacts": _fact(
            "array",
            "Which of its contacts security_24x7 and security take incident reports through a "
            "web portal: its address recorded under url, or a web address (https://...) in "
            "the channel. A portal named without its address is not one we can reach.",
            items={"enum": ["security_24x7", "security"]},
        ),
        "reachable_24x7": _fact(
            "boolean",
            "One of its contacts (security_24x7, security, an escalation step, the account "
            "manager or another) is marked available_24x7: true and has a phone number, an "
            "email address or a portal's address (url) to reach it by.",
        ),
        "own_trade_services": _fact(
            "array",
            "Names of its services that serve us in a trade of their own (service_model "
            "professional_service, financial_service or market_infrastructure, recorded or "
            "inferred): a depositary's safekeeping beside the fund administration the same bank "
            "runs for us is no outsourced work.",
            items=_TEXTS,
        ),
        "non_ict_services": _fact(
            "array",
            "Names of its services that only contracts not for ICT services cover (a regulated "
            "fund administration contracted apart from the same supplier's ICT data portal): "
            "contracts name each, and none that covers it (naming it, or naming no service) is "
            "for ICT services. A service no contract names is judged with the supplier "
            "(supplier.ict) and is never listed.",
            items=_TEXTS,
        ),
        "services_not_in_register": _fact(
            "array",
            "Names of its services that contracts name but none in the DORA register of "
            "information covers (naming it, or naming no service): the register has no row of "
            "them, as the export's B_02.02.0060 shows. A service no contract names is judged with "
            "the supplier (supplier.in_register) and is never listed.",
            items=_TEXTS,
        ),
        "contested_functions": _fact(
            "array",
            "Critical or important functions that name it directly although it is recorded as "
            "not supporting a critical function (supports_critical_function: false) and nothing "
            "more specific says it does: the records disagree (SUP-01 warns), and it, its "
            "services and its contracts are judged as recorded until they are settled.",
            items=_TEXTS,
        ),
        "critical_outside_dora": _fact(
            "array",
            "Names of its services on which critical or important functions rest directly "
            "(naming the service, or the supplier as a whole), every one of them of entities "
            "outside DORA and outside every DORA register (a group treasury platform critical "
            "only to the New York subsidiary's payouts). A service no critical function rests "
            "on directly is never listed, nor is any where no entity is under DORA.",
            items=_TEXTS,
        ),
    },
    "Contract": {
        "in_register": _fact(
            "boolean",
            "The DORA register of information holds it: ICT, signed, under an entity a register "
            "covers, in force or ended during the year of the as-of date.",
        ),
        "functions": _fact(
            "array",
            "Business functions resting directly on it (its supplier, or a service it covers).",
            items={"type": "string", "x-resilint-ref": "BusinessFunction"},
        ),
        "lifecycle": _fact(
            "string",
            "draft (being negotiated), signed (agreed, starting after the as-of date), "
            "in_force or ended.",
            enum=["draft", "signed", "in_force", "ended"],
        ),
        "critical": _fact("boolean", "It supports a critical or important function."),
        "dora_critical": _fact(
            "boolean",
            "It supports a critical or important function of an entity under DORA: critical, "
            "unless every critical function resting on it is of entities outside DORA and "
            "outside every DORA register (as critical where no function is recorded, or no "
            "entity is under DORA).",
        ),
        "ict": _fact("boolean", "It covers ICT services (recorded, or inferred)."),
        "tier_class": _fact(
            "string",
            "The requirements matrix's row its terms follow: its supplier's, or the supplier's "
            "recorded tier where the supplier is tier 1 in effect only through critical or "
            "important functions this contract supports none of.",
            enum=_TIER_CLASSES,
        ),
        "tier_1": _fact(
            "boolean",
            "Its terms are a tier-1 supplier's: its supplier is tier 1 in effect, and this "
            "contract is not held to the supplier's recorded tier (see tier_class).",
        ),
        "service_models": _fact(
            "array",
            "Service models of the services it covers (all its supplier's when it names none); "
            "empty when any is unknown.",
            items=_TEXTS,
        ),
        "replaceable": _fact(
            "boolean",
            "Every service it covers (all its supplier's when it names none) is recorded as "
            "easily_substitutable or medium_complexity, leaving out IaaS or PaaS, colocation, "
            "network carrier and data feed services, in which nobody steps (unless it covers "
            "only those).",
        ),
        "switchable": _fact(
            "boolean",
            "Every service it covers (all its supplier's when it names none) is recorded as "
            "easily_substitutable, leaving out the services replaceable leaves out.",
        ),
        "model_note": _fact(
            "string",
            "Where the service model of what it covers is neither recorded nor inferred: words "
            "saying a term the model decides is asked as of a service run for us (it covers ICT "
            "services) or of a supplier that is not an adviser, a bank or a scheme (its supplier "
            "has no ICT services), and to record service_model; empty otherwise (append it to "
            "such a finding's message: a check lists the models in full on one finding of each "
            "supplier, and its others name that finding).",
        ),
        "adviser_note": _fact(
            "string",
            "model_note where only an adviser's, a bank's or a scheme's model would decide the "
            "term (its supplier has no ICT services and does not operate in our systems), naming "
            "only the models whose record takes the incident notice off it (a bank's or a "
            "scheme's where it is critical: a critical adviser owes one too); empty otherwise, "
            "and where its supplier's record says it holds nothing of ours (no confidential "
            "data, no access: a diesel supplier is not asked whether it is a bank) or the words "
            "of each of its services name a trade none of them has (a clinical laboratory, a "
            "caterer, a freight carrier, customer support or a contact centre) (a check says "
            "it in full on one finding of each "
            "supplier, and its others name that finding).",
        ),
        "trigger_gap": _fact(
            "string",
            "What the record says of what starts its supplier's incident notice, where it is not "
            "a suspected compromise, and what to do, in words for a message: that it asks notice "
            "only of a confirmed compromise (negotiate a suspected one), or that it does not say "
            "(record what the contract says), with, where every service it covers is a shared "
            "platform's (IaaS, PaaS, multi-tenant SaaS), that such standard terms seldom grant "
            "it and a waiver may accept the gap; empty where it records suspected.",
        ),
        "trigger_note": _fact(
            "string",
            "model_note where only the unknown service model asks its supplier's incident "
            "notice to start on a suspected compromise (CTR-03: the supplier is not critical, "
            "has no access to our systems, runs none of our sign-in, and provides ICT services, "
            "which a multi-tenant SaaS only holding our data would not be asked); empty "
            "otherwise (a check says it in full on one finding of each supplier, and its others "
            "name that finding).",
        ),
        "operated_note": _fact(
            "string",
            "Where its supplier acts in our systems (a person's account that can change things, "
            "or privileged rights) and a service it covers is licensed software (recorded or "
            "inferred): words saying a term licensed software is not asked (step-in, forensic "
            "images) is asked as of a service run for us, and what settles it; empty otherwise "
            "(append it to such a finding's message).",
        ),
        "escrow_note": _fact(
            "string",
            "Where operated_note is not empty (its supplier maintains licensed software in our "
            "systems): words saying that escrow of the software's code, released to us or to a "
            "party we appoint to maintain it, meets the continuity term as step-in rights do; "
            "empty otherwise (append it to such a finding's message).",
        ),
        "notice_subject": _fact(
            "string",
            "What its supplier's incident notice is of, in words for a message: 'a security "
            "incident' where a compromise of the supplier can reach us (ICT services, access to "
            "our systems or our confidential data), else 'an incident that disrupts its service "
            "to us (a cyber attack on it included)'.",
        ),
        "effective_tier": _fact(
            "integer",
            "The tier its terms follow: the supplier's in effect, or its recorded tier where "
            "the contract is held to that (see tier_class).",
        ),
        "tier_note": _fact(
            "string",
            "Its supplier's tier_note: why it is tier 1 in effect, when not recorded so (empty "
            "where the contract is held to the recorded tier).",
        ),
        "critical_note": _fact(
            "string",
            "Why it supports a critical or important function though recorded "
            "supports_critical_function: false (a service it covers is recorded as supporting "
            "one, or a critical function rests on it), or though it records nothing of it and "
            "its supplier supports one only through another supplier (as its subcontractor or "
            "shared dependency), in words to append to a message; empty otherwise.",
        ),
        "window_note": _fact(
            "string",
            "The clocks of its entities and their cyber insurers that the supplier's notice "
            "window in hours, as written, runs past ('; its 96 hours also run past the 72-hour "
            "initial incident notification deadline to the regulator of entity ny'), the "
            "insurer's and the regulator's first, where incident notice is asked of it; empty "
            "otherwise.",
        ),
        "insured": _fact(
            "boolean",
            "A cyber policy in force may cover a loss of its entities (of line cyber or none "
            "recorded, insuring one of them or naming none) and would ask its questions of the "
            "supplier through this contract: not where every such policy also names the "
            "supplier's own group company (group_entity) among its insured, which binds it to "
            "the policy's conditions itself. Where none does, no insurer asks anything of its "
            "suppliers.",
        ),
        "outsourcing": _fact(
            "boolean",
            "It outsources a function of ours, as the sector outsourcing laws mean it: recorded "
            "(outsources_function), else unless every service it covers is a professional "
            "adviser's, a regulated financial service to us as its client or a market "
            "infrastructure's (service_model professional_service, financial_service or "
            "market_infrastructure, recorded or inferred).",
        ),
        "our_entities": _fact(
            "array",
            "Our entities that sign or use it (every entity when it names none).",
            items=_TEXTS,
        ),
        "regimes": _fact("array", "Regimes of those entities.", items=_TEXTS),
        "requires": _fact("array", "Terms the requirements matrix asks of it.", items=_TEXTS),
    },
    "BusinessFunction": {
        "in_register": _fact(
            "boolean",
            "A contract in the DORA register of information supports it directly, and it is a "
            "function of an entity a DORA register covers (or names no entity).",
        ),
        "critical": _fact(
            "boolean",
            "Its criticality is one the configuration counts as "
            "critical or important (critical_levels).",
        ),
        "restore_tests": _fact(
            "string",
            "For a critical or important function: the implemented backup controls covering it "
            "(immutable, offline or restore testing; naming it, or no function) and the latest "
            "restore test of each, in words: 'control backups-eu: last restore test "
            "2025-10-15, pass'; empty when none.",
        ),
        "planned_exercise": _fact(
            "string",
            "The earliest exercise still to come (status planned, dated from the as-of date on) "
            "that lists it under functions, in words for a message: 'exercise ex-2027-02, "
            "planned for 2027-02-17, lists it but has not yet been held: hold it and record it "
            "as completed'; empty when none is planned.",
        ),
        "suppliers": _fact(
            "array",
            "Suppliers it rests on, through subcontractors and shared dependencies too "
            "(their ids: a rule reaches them with {follow: business_function.suppliers}).",
            items=_SUPPLIER_IDS,
        ),
        "our_entities": _fact(
            "array", "Our entities it serves (every entity when it names none).", items=_TEXTS
        ),
        "regimes": _fact("array", "Regimes of those entities.", items=_TEXTS),
        "dora_simplified_only": _fact(
            "boolean",
            "Every one of those entities under DORA applies its simplified ICT risk-management "
            "framework (dora_simplified_framework: DORA Art. 16(1) disapplies Articles 5 to 15), "
            "and one is.",
        ),
        "insured": _fact(
            "boolean",
            "A cyber policy in force may cover a loss of its entities (of line cyber or none "
            "recorded, insuring one of them or naming none): where none does, no insurer asks "
            "anything of its suppliers or plans.",
        ),
        "dependent_cover_beyond_it": _fact(
            "boolean",
            "Such a policy's dependent business-interruption cover may answer the outage of a "
            "supplier providing no ICT services: its dependent_bi.scope is all_suppliers or "
            "named, or not recorded.",
        ),
    },
    "Entity": {
        "entity_types": _fact(
            "array",
            "Its types of entity (entity_type: one, or each of a list, for an entity authorised "
            "as more than one kind, such as a UCITS management company that is also an "
            "authorised AIFM); empty when none is recorded.",
            items=_TEXTS,
        ),
        "dora_simplified_misclaimed": _fact(
            "boolean",
            "It records dora_simplified_framework: true, but none of its types is one DORA "
            "Art. 16(1) may exempt from Articles 5 to 15 (an investment, payment, electronic "
            "money or credit institution, an IORP, or an other financial entity): the flag is "
            "not honoured, and the checks resting on those articles are made.",
        ),
        "maintains_register": _fact(
            "boolean",
            "Under DORA with no entity under DORA above it: it keeps a register of information.",
        ),
        "in_register": _fact(
            "boolean", "A DORA register of information covers it (its own, or its parent's)."
        ),
        "dora_size": _fact(
            "string",
            "Its size class by DORA's thresholds: micro (Art. 3(60)), small (Art. 3(63)), "
            "medium (Art. 3(64)) or large, as dora_enterprise_size records it, else micro where "
            "dora_microenterprise is true; empty when neither says.",
            enum=["micro", "small", "medium", "large", ""],
        ),
        "dora_excluded": _fact(
            "boolean",
            "DORA Art. 2(3)(e) excludes it from DORA's scope: an insurance, reinsurance or "
            "ancillary insurance intermediary (entity_type insurance_intermediary) that is a "
            "micro, small or medium-sized enterprise (dora_size).",
        ),
    },
    "ContinuityPlan": {
        "critical": _fact(
            "boolean", "The business function it keeps going is critical or important."
        ),
        "tested_on": _fact(
            "string",
            "The date of its last test by the as-of date: the later of its last_tested and the "
            "date of the latest completed exercise naming it under continuity_plans; absent "
            "where neither records a test by then.",
            format="date",
        ),
        "first_of_function": _fact(
            "boolean",
            "The first plan of its business function in file order (or one naming no known "
            "function): a gap of the function's plans taken together is reported once, there.",
        ),
    },
    "Playbook": {
        "required": _fact(
            "boolean",
            "The requirements matrix asks for this joint playbook: its "
            "supplier is engaged and needs one, or a live contract naming it does.",
        ),
    },
    "Exercise": {
        "superseded_by": _fact(
            "string",
            "For a planned exercise whose date has passed: the id of the first exercise "
            "completed after that date, by the as-of date, that names every function, "
            "playbook, supplier, scenario and continuity plan it names and is of its type or a "
            "more demanding one (tabletop, simulation, live); empty when none.",
        ),
    },
    "Identity": {
        "human": _fact("boolean", "A person's account (type human_account)."),
        "machine": _fact(
            "boolean", "A machine credential: API key, service account, SSH key, certificate…"
        ),
        "active": _fact("boolean", "Not revoked or disabled."),
        "regimes": _fact("array", "Regimes of its supplier's entities.", items=_TEXTS),
        "nydfs_limited_only": _fact(
            "boolean",
            "Every entity under NYDFS whose systems it reaches is under the limited exemption "
            "of 23 NYCRR 500.19(a) (nydfs_limited_exemption: true); false where none is.",
        ),
        "jit_note": _fact(
            "string",
            "Where it records just_in_time: true, words for a message saying why that does not "
            "stand in for MFA on a privileged account (': just-in-time access limits when the "
            "account can be used, not who can use it'); empty otherwise.",
        ),
    },
    "InsurancePolicy": {
        "covered_below": _fact(
            "number",
            "For an excess layer, what the policy it sits over pays up to: that policy's "
            "aggregate_limit, plus its own layer.attaches_at where it is itself an excess layer; "
            "absent where that limit is not recorded.",
        ),
        "covered_below_amount": _fact(
            "string",
            "covered_below in words for a message, with the currency and thousands separators "
            "(EUR 25,000,000); empty where it is absent.",
        ),
        "attaches_at_amount": _fact(
            "string",
            "Its layer.attaches_at in words for a message, with the currency and thousands "
            "separators (EUR 25,000,000); empty where it is not recorded.",
        ),
        "in_force": _fact("boolean", "Cover applies on the as-of date."),
        "position": _fact(
            "string",
            "primary or excess: where it sits in the insurance tower (layer.position; primary "
            "unless stated).",
            enum=["primary", "excess"],
        ),
        "inherits_terms": _fact(
            "boolean",
            "An excess layer following the form of the policy "
            "it sits over: its terms are that policy's.",
        ),
        "our_entities": _fact(
            "array", "Our insured entities (every entity when it names none).", items=_TEXTS
        ),
        "regimes": _fact("array", "Regimes of those entities.", items=_TEXTS),
        "form_of": _fact(
            "string",
            "For an excess layer that follows form: the policy whose terms it has (the one it "
            "sits over, or further down the layers that follow form); absent otherwise. A rule "
            "may follow it ({follow: policy.form_of}).",
            **{"x-resilint-ref": "InsurancePolicy"},
        ),
        "insurance_line": _fact(
            "string",
            "The line of insurance of its tower: recorded (line, its own or of the policy whose "
            "terms it has), else the one line its name and description name (crime for a "
            '"Commercial crime policy" or a "Vertrauensschadenversicherung", specie, other '
            "for directors' and officers' or professional indemnity), unsure where they name "
            "several, else cyber.",
            enum=["cyber", "crime", "specie", "other", "unsure"],
        ),
        "lines_named": _fact(
            "array",
            "The lines of insurance its name and description name (cyber, crime, specie, other), "
            "those of the policy whose terms it has where its own name none.",
            items=_TEXTS,
        ),
        "renewed_to": _fact(
            "string",
            "The last day its position in the tower is insured: its period's end, or that of "
            "the last of its recorded renewals (a later policy of the same rank and line, "
            "insuring at least its entities, that starts by the day after it ends and runs "
            "beyond it); absent where that end is not recorded.",
            format="date",
        ),
    },
    "Waiver": {
        "codes": _fact(
            "array",
            "The codes of the rules it waives: its rule, or each of its rules (a waiver of "
            "several rules).",
            items=_TEXTS,
        ),
        "approved_by_owner": _fact(
            "boolean",
            "Its approver reads as its risk owner: written alike, or the same but for case and "
            "spacing, or an e-mail address whose local part is the other's name word for word "
            "(jane.doe@example.com and Jane Doe); never two similar names (Jane Doe, John Doe).",
        ),
        "owner_compared": _fact(
            "string",
            "Words for a message saying what was compared where approver and risk owner are not "
            "written alike: \" (approver 'coo' and risk owner 'COO', compared without case and "
            'spacing)"; empty otherwise.',
        ),
    },
}
"""The facts the rule language sees as fields of a document, with their types (checked when a
rule loads, like schema fields) and meanings (listed in docs/rule-language.md)."""
