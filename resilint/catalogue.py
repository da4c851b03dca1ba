"""Rule documentation as people read it: ``resilint rules``, ``resilint explain`` and the
generated reference page docs/rules.md, all rendered from the rules' own data.

A repository's own rule files are data like its documents: their texts are shown as every
output shows data (:func:`printable`, each field before it is placed, so a newline in a title
cannot start a line of its own), and no line of the result can start a CI workflow command
(:func:`shown_lines`).
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Iterable
from typing import Any

from resilint.core_checks import CORE_CHECKS, CoreCheck
from resilint.domain.delivery import MODEL_WORDS
from resilint.domain.facts import FACT_FIELDS
from resilint.domain.regimes import REGIME_NAMES, REGIME_OF_PROFILE
from resilint.domain.requirements import CLASSES, Matrix, Term
from resilint.model import kind_plural
from resilint.reporters.base import json_log_safe, markdown_inert, printable, shown_lines
from resilint.rules import Rule, RuleInfo

_CLASS_WORDS = {
    "critical": "critical suppliers",
    "tier_2": "tier-2 suppliers",
    "tier_3": "tier-3 suppliers",
}


def rules_table(rules: Iterable[Rule], profile: str | None) -> str:
    """``resilint rules``: every rule and, without a profile, every built-in check, by code."""
    rows = [f"{'CODE':<8} {'LEVEL':<8} {'PROFILES':<18} NAME / TITLE"]
    for entry in rule_entries(rules, profile):
        profiles = ",".join(entry["profiles"]) if entry["profiles"] else "(always on)"
        rows.append(
            f"{entry['code']:<8} {entry['level']:<8} {profiles:<18} "
            f"{printable(entry['name'])}: {printable(entry['title'])}"
        )
    return shown_lines("\n".join(rows)) + "\n"


def rules_json(rules: Iterable[Rule], profile: str | None) -> str:
    """``resilint rules --format json``: the same list, for machines."""
    return (
        json_log_safe(json.dumps(rule_entries(rules, profile), indent=2, ensure_ascii=True)) + "\n"
    )


def rule_entries(rules: Iterable[Rule], profile: str | None) -> list[dict[str, Any]]:
    """Rules (of ``profile`` when given) and, without a profile, the built-in checks, which are
    always on; sorted by code."""
    entries: list[dict[str, Any]] = [
        {
            "code": i.code,
            "name": i.name,
            "level": i.level.label,
            "profiles": list(i.profiles),
            "title": i.title,
            "kind": i.kind,
            "source": i.source,
        }
        for i in (rule.info for rule in rules)
        if not profile or profile in i.profiles
    ]
    if not profile:
        entries += [
            {
                "code": c.code,
                "name": c.name,
                "level": c.level.label,
                "profiles": [],
                "title": c.title,
                "kind": None,
                "source": "built-in",
            }
            for c in CORE_CHECKS.values()
        ]
    return sorted(entries, key=lambda entry: entry["code"])


def explain(code: str, rules: Iterable[Rule], matrix: Matrix) -> str | None:
    wanted = code.upper()
    for rule in rules:
        if wanted in (rule.info.code, rule.info.name.upper()):
            return _explain_rule(rule.info, matrix)
    check = CORE_CHECKS.get(wanted) or next(
        (c for c in CORE_CHECKS.values() if c.name.upper() == wanted), None
    )
    return _explain_core(check) if check else None


def _wrap(text: str) -> str:
    return textwrap.fill(printable(" ".join(text.split())), width=88)


def applies_in_words(info: RuleInfo, matrix: Matrix) -> list[str]:
    """To whom a rule applies, from its ``applies_to`` and profiles: one sentence a line."""
    kind = kind_plural(info.kind) if info.kind else "the documents it reports on"
    conditions = [
        _condition(info.kind or "", fact, wanted)
        for fact, wanted in info.applies_to.items()
        if fact not in ("kind", "requires")
    ]
    lines = [f"Applies to {kind}{' ' + '; '.join(conditions) if conditions else ''}."]
    for term_name in _terms_of(info, matrix):
        lines += _term_lines(matrix, term_name)
    profiles = [p for p in info.profiles if p in REGIME_OF_PROFILE]
    if profiles and len(profiles) == len(info.profiles):
        regimes = [REGIME_OF_PROFILE[p] for p in profiles]
        names = " or ".join(dict.fromkeys(r.upper() for r in regimes))
        lines.append(
            f"Only for documents of our entities under {names} (their regimes), unless the "
            f"configuration names the {'/'.join(dict.fromkeys([*profiles, *regimes]))} profile, "
            "which applies it everywhere."
        )
    return lines


def _terms_of(info: RuleInfo, matrix: Matrix) -> list[str]:
    """The matrix terms the rule checks: those its scope requires, then those the matrix names
    it for (CTR-13 asks notice periods of its critical suppliers' contracts, within a scope
    of every contract)."""
    wanted = info.applies_to.get("requires")
    named = [str(t) for t in (wanted if isinstance(wanted, list) else [wanted] if wanted else [])]
    checked = [name for name, term in matrix.terms.items() if info.code in term.rules]
    return list(dict.fromkeys([*named, *checked]))


def _condition(kind: str, fact: str, wanted: object) -> str:
    values = wanted if isinstance(wanted, list) else [wanted]
    shown = " or ".join(str(v).lower() if isinstance(v, bool) else str(v) for v in values)
    spec = FACT_FIELDS.get(kind, {}).get(fact, {})
    about = spec.get("description", "") if spec.get("type") == "boolean" else ""
    return f"where {fact} is {shown}" + (f" ({about.rstrip('.')})" if about else "")


def _term_lines(matrix: Matrix, name: str) -> list[str]:
    term = matrix.terms.get(name)
    if term is None:
        return []
    cells = "; ".join(f"{_CLASS_WORDS[c]}: {term.describe(c)}" for c in CLASSES)
    line = f"It asks for the term {name} ({term.title}) of {cells} (the requirements matrix)."
    if term.ict_security:
        line += (
            " Not asked of a contract that does not cover ICT services, unless its supplier,"
            " providing none, operates in our systems."
        )
    if term.not_for:
        line += f" Not asked where every service concerned is {term.describe_models(' or ')}."
    if term.critical_only_for:
        models = term.describe_models(" or ", term.critical_only_for)
        line += f" Asked only of critical suppliers where every service concerned is {models}."
    for model in term.for_models:
        line += f" Of {MODEL_WORDS.get(model, model)}, it asks it of {_own_cells(term, model)}."
    if not term.intra_group:
        line += (
            " Not asked of a company of our own group (a supplier with group_entity, or"
            " identified by the LEI of one of our entities)."
        )
    if not term.public_body:
        line += " Not asked of a public body serving us under public law (public_body)."
    if not term.mandated:
        line += (
            " Not asked of a supplier we take part in by mandate, on terms set for every"
            " participant (mandated)"
        )
        line += (
            f", unless the law asks it ({', '.join(REGIME_NAMES.get(r, r) for r in term.law_for)})."
            if term.mandated_where_law
            else "."
        )
    if not term.on_site:
        line += (
            " Not asked for access to our systems that is only people's accounts signing in on"
            " our premises (on_site_only): the systems they work in are ours, what they do"
            " is logged there, and their accounts are ours to disable."
        )
    return [line, f"What requires {name}: {term.basis}."]


def requirements_table(matrix: Matrix) -> list[str]:
    """The requirements matrix as a Markdown table, for docs/rules.md."""
    lines = [
        "| term | rules | critical | tier 2 | tier 3 | ICT-security term | not for | basis |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, term in matrix.terms.items():
        cells = " | ".join(term.describe(c) for c in CLASSES)
        flag = "yes" if term.ict_security else "no"
        below = [f"`{m}` (below tier 1)" for m in term.critical_only_for]
        group = [] if term.intra_group else ["our own group (`group_entity`)"]
        group += [] if term.public_body else ["a public body (`public_body`)"]
        group += [] if term.mandated else ["a mandated participation (`mandated`)"]
        group += [] if term.on_site else ["access only on our premises (`on_site_only`)"]
        own = [f"`{m}` ({_own_cells(term, m)})" for m in term.for_models]
        models = ", ".join([*(f"`{m}`" for m in term.not_for), *below, *own, *group]) or "-"
        lines.append(
            f"| `{name}`: {term.title} | {', '.join(term.rules)} | {cells} | {flag} | {models} "
            f"| {printable(term.basis)} |"
        )
    return lines


def _own_cells(term: Term, model: str) -> str:
    """A service model's own cells of a term, for the table's *not for* column."""
    cells = term.for_models.get(model, {})
    return "; ".join(f"{_CLASS_WORDS[c]}: {term.describe(c, model)}" for c in cells)


def _explain_rule(info: RuleInfo, matrix: Matrix) -> str:
    parts = [
        f"{info.code} {printable(info.name)} ({info.level.label}; profiles: "
        f"{', '.join(info.profiles)})",
        "",
        printable(info.title),
        "",
        "To whom it applies:",
        *(_wrap(line) for line in applies_in_words(info, matrix)),
        "",
        "Why it matters:",
        _wrap(info.rationale),
        "",
        "Based on:",
        *(f"  - {printable(ref)}" for ref in info.references),
        "",
        "How to fix it:",
        _wrap(info.remediation),
    ]
    if info.params:
        parts += [
            "",
            "Parameters (set under rules: in the configuration):",
            *(printable(f"  {name}: {value}") for name, value in info.params.items()),
        ]
    if info.time_aware:
        parts += ["", "This rule depends on the date: it measures from --as-of (default today)."]
    if info.examples:
        parts += [
            "",
            "Passing example:",
            textwrap.indent(info.examples.passing.rstrip(), "    "),
            "",
            "Failing example:",
            textwrap.indent(info.examples.failing.rstrip(), "    "),
        ]
    parts += ["", f"Defined in {printable(info.source)}."]
    return shown_lines("\n".join(parts)) + "\n"


def _explain_core(check: CoreCheck) -> str:
    return (
        "\n".join(
            [
                f"{check.code} {check.name} ({check.level.label}; always on)",
                "",
                check.title,
                "",
                "Why it matters:",
                _wrap(check.rationale),
                "",
                "How to fix it:",
                _wrap(check.fix),
            ]
        )
        + "\n"
    )


def reference_page(rules: Iterable[Rule], matrix: Matrix) -> str:
    """docs/rules.md: the requirements matrix, then every rule with its documentation, to whom
    it applies and its examples."""
    rules = list(rules)
    lines = [
        "# Rule reference",
        "",
        "Generated by `resilint rules --format markdown` from the rules' own data; a test",
        "keeps it current. `resilint explain CODE` prints the same text in the terminal.",
        "",
        "Each rule's *Based on* list cites what it rests on: a law with its exact article, a",
        "standard's clause, insurer market practice, or *practitioner guidance (not law)*: M.",
        "Hale, \"Beyond Recovery: What JLR's Restart Teaches IT about Supply-Chain Resilience",
        'and Cyber Insurance" (2026), a practitioner article many baseline rules follow, cited',
        "with the heading of the section a rule follows. What a rule asks on the strength of",
        "that guidance alone is this programme's policy, not a legal requirement.",
        "",
        "## The requirements matrix",
        "",
        "Not every supplier needs the same contract intensity. A supplier is **critical** when",
        "it is recorded as tier 1, or supports a critical or important business function",
        "(directly, as another supplier's subcontractor, or through a shared dependency), or",
        "handles restricted data, or holds privileged access: whatever tier it is recorded as.",
        "The others are judged by their recorded tier (no tier counts as tier 2). A cell says",
        "whether that class must carry the term: always, never, or only when the supplier",
        "provides ICT services, has access to our systems, operates in our systems (a person's",
        "account or privileged access, not only an integration credential such as a",
        "host-to-host certificate or an SFTP user), or handles our confidential data.",
        "ICT-security terms are not asked of a contract that covers no ICT services: marked",
        "`covers_ict_services: false`, or, when it does not say, with a supplier that provides no",
        "ICT services and holds no access to our systems; but they are asked where a supplier",
        "that provides no ICT services operates in our systems (a claims administrator's",
        "handlers in our claims system): its accounts are ours to secure, ICT contract or not.",
        "A term is not asked where it has no object: where every service concerned (those a",
        "contract covers; all of a supplier's) is of a service model in its *not for* column.",
        "A service's model is recorded (`service_model` on the service or the supplier) or",
        "inferred from its DORA ICT service type where the code says it: S17 and S18",
        "`iaas_paas`, S19 `multi_tenant_saas`, S13 `licensed_software`, S05 `data_feed`, S07",
        "storing none of our data",
        "`colocation`, S10 and S11 storing none of our data `network_carrier` (unless their",
        "words say the network is run for us: `managed_service`), S03, S04 and S14",
        "`managed_service`; where the code does not say it,",
        "from the words of the service's `service_type` and `description`: `iaas_paas` for",
        '"infrastructure as a service" or what it provisions ("virtual servers", "cloud',
        'hosting", "object storage"), `multi_tenant_saas` for "software as a service",',
        '"SaaS" or another "... as a service", and for platforms every customer shares',
        "by their nature (a content delivery network, DDoS protection, a payment processor",
        "or gateway, a claims or EDI clearinghouse, CPaaS, hosted telephony or a cloud PBX, a",
        "travel-rule messaging network or",
        "another network its words say its participants share), unless they also say",
        "single-tenant, dedicated, private, managed or bureau; connectivity storing none of our",
        "data is",
        '`network_carrier` where its words name it ("leased lines", "internet access",',
        '"mobile data", "private APN", "LoRaWAN", "MPLS", "telemetry connectivity", a',
        'telecom operator\'s "IP transit", "peering", "wavelengths", "backhaul", "voice',
        'interconnection"), unless they also name a platform, a portal, hosting, software or a',
        "security service on it (DDoS protection) or say the network, our equipment on it or our",
        "devices are managed, or name anything but connectivity beside it or before it",
        '("internet access for our offices and Microsoft 365", "payment terminals with mobile',
        'data connectivity", "market data feed via leased line", "Zscaler internet access"; a',
        "carrier's name before a line only a carrier sells is its brand: \"Vodafone mobile",
        'data");',
        '`licensed_software` where they name software we license and run ("software licences",',
        '"firmware", "engineering software") and nothing hosted, managed, operated or',
        "administered by the supplier, updated over the air or remotely supported (remote",
        "access, maintenance or diagnostics, a VPN or dial-in). Licensed software, recorded or",
        "inferred, of a supplier that acts in our systems (a person's account that can change",
        "things, or privileged rights) is a `managed_service`: its people run it for us, so",
        "step-in and forensic images are asked of it, and the finding says why;",
        '`colocation` where they name "colocation", "rack space", "racks with power", a',
        '"carrier-neutral data centre" or the "housing" of our servers or a site, and',
        "`data_feed` where they",
        'name a "data feed" or "market", "reference" or "weather data", with no platform,',
        "portal or hosting beside them (nor, beside a feed, software installed with us, a",
        "system or tool, analytics, validation, maintenance or our data published).",
        "A supplier that provides no ICT",
        "services and does not operate in our systems (a person's read-only account looks, it",
        "does not operate) is a law firm or other professional adviser",
        "(`professional_service`), a bank (`financial_service`) or a payment scheme or market",
        "infrastructure (`market_infrastructure`: a card scheme, a payment system) where the",
        "words it is recorded with name one (a service's `service_type` and `description`, else",
        "the supplier's `name` and `description`). Words naming whom the supplier serves",
        '("management company for captive reinsurers", "fraud screening for payment',
        'processors") name no model of its own, and words saying a supplier without ICT services',
        "runs something for us (outsourced operations, an administrator, a bureau) name no",
        "trade's model: an outsourcing is asked its terms. A service whose model is unknown is",
        "asked every term its exposure calls for. The commercial remedies are not asked of a",
        "company of our own group (a supplier with `group_entity`, or identified by the LEI of",
        "one of our entities); step-in rights and an",
        "indemnity not of a public body serving us under public law (`public_body`); and the",
        "terms only a bargain",
        "gives not of a supplier we take part in by mandate, on terms set alike for every",
        "participant (`mandated`: a port community system, a state health-information exchange).",
        "These are the defaults (a risk-tiered supplier model from practitioner guidance:",
        "programme policy, not law); override any cell in the configuration, for example",
        "`requirements: {evidence_retention: {tier_2: never}}` or",
        "`requirements: {accelerated_termination: {not_for: [professional_service]}}`.",
        "A model in a term's `critical_only_for` list (shown *below tier 1* in the *not for*",
        "column) is asked the term only when the supplier is critical, and one in its",
        "`for_models` (shown with its own cells there) as those cells say: a tier-2 data feed is",
        "asked a 24x7 security line only with access into our systems.",
        "The *basis* column says what requires each term: *law* with the exact article and",
        "for whom, the programme's *policy*, or *market practice*; where the law asks only part",
        "of a term, its basis says which part. Set your own with",
        '`requirements: {step_in_rights: {basis: "policy (the board\'s risk appetite)"}}`.',
        "",
        *requirements_table(matrix),
        "",
        "Why each term has the cells and exclusions it has is written beside it in",
        "`rules/requirements.yaml`.",
        "",
        "## Rules",
        "",
        "| code | name | level | profiles | title |",
        "|---|---|---|---|---|",
    ]
    for rule in rules:
        i = rule.info
        lines.append(
            f"| [{i.code}](#{i.code.lower()}) | {_md(i, i.name)} | {i.level.label} | "
            f"{', '.join(i.profiles)} | {_md(i, i.title)} |"
        )
    for rule in rules:
        lines += ["", *_markdown_rule(rule.info, matrix)]
    lines += [
        "",
        "## Built-in checks",
        "",
        "Always on; they guard reading and validation.",
        "",
        "| code | name | title | how to fix |",
        "|---|---|---|---|",
    ]
    lines += [f"| {c.code} | {c.name} | {c.title} | {c.fix} |" for c in CORE_CHECKS.values()]
    return shown_lines("\n".join(lines)) + "\n"


def _md(info: RuleInfo, text: str) -> str:
    """A rule's text for Markdown: resilint's own as written (Markdown on purpose), a
    repository's own inert (no HTML, link, image or @mention from a rule file a pull request
    may bring)."""
    return printable(text) if info.packaged else markdown_inert(text)


def _fence(text: str) -> str:
    """A code fence longer than any run of backticks in ``text``, which cannot close it."""
    return "`" * max(3, 1 + max((len(run) for run in re.findall("`+", text)), default=0))


def _markdown_rule(info: RuleInfo, matrix: Matrix) -> list[str]:
    lines = [
        f"### {info.code}",
        "",
        f"**{_md(info, info.name)}** · {info.level.label} · profiles: {', '.join(info.profiles)}",
        "",
        _md(info, info.title),
        "",
        "**To whom it applies.** " + printable(" ".join(applies_in_words(info, matrix))),
        "",
        "**Why it matters.** " + _md(info, " ".join(info.rationale.split())),
        "",
        "**Based on:**",
        "",
        *(f"- {_md(info, ref)}" for ref in info.references),
        "",
        "**How to fix it.** " + _md(info, " ".join(info.remediation.split())),
    ]
    if info.params:
        lines += [
            "",
            "**Parameters:** "
            + printable(", ".join(f"`{k}` (default `{v}`)" for k, v in info.params.items())),
        ]
    if info.examples:
        for words, example in (
            ("Passing example:", info.examples.passing.rstrip()),
            ("Failing example:", info.examples.failing.rstrip()),
        ):
            fence = _fence(example)
            lines += ["", words, "", f"{fence}yaml", example, fence]
    return lines
