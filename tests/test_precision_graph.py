"""Precision of the dependency graph and of criticality (the insurer evaluation, classes T1, T2
and T13), through the CLI on real files.

T1: a link recorded as not supporting a critical function passes no criticality on (the
supplier beyond it is still reached by impact and concentration); a supplier recorded as not
supporting one that a critical function names directly is judged as recorded and SUP-01 warns
once; privileged access counts when it is standing (not a disabled break-glass account);
restricted data held only as ciphertext does not make a supplier tier 1.
T2: a function gets a service's own regions (services[].cloud); a link that names regions (a
subcontractor entry's cloud, the function's or the supplier's own regions at a provider) brings
only those, not every region of the linked provider's Supplier document; a supplier named only
(an identity provider, a subprocessor) brings none of its document's regions.
T13: a supplier's shared_dependencies.identity_provider is the sign-in its own service relies
on, not its access to us: CON-02 does not count it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from one_file import AS_OF, CRASH, docs, line


@pytest.fixture
def check(cli, write, tmp_path: Path):
    """Check ``text`` under the baseline profile; return every finding."""

    def go(text: str) -> list[dict[str, Any]]:
        write("resilint.yaml", json.dumps({"profiles": ["baseline"]}))
        write("repo.yaml", text)
        result = cli("check", "--format", "json", "--no-cache", "--as-of", AS_OF, cwd=tmp_path)
        findings: list[dict[str, Any]] = result.json()["findings"]
        assert not [f for f in findings if CRASH in f["message"]]
        return findings

    return go


def of(findings: list[dict[str, Any]], code: str, doc_id: str | None = None) -> list[Any]:
    return [f for f in findings if f["code"] == code and doc_id in (None, f["id"])]


def about(findings: list[dict[str, Any]], doc_id: str) -> list[dict[str, Any]]:
    """Findings on a document, or whose message names it (a contract of the supplier)."""
    return [f for f in findings if f["id"] == doc_id or f" {doc_id} " in f["message"] + " "]


# -- T1: criticality ------------------------------------------------------------------------------
KEYSTONE = """
kind: Supplier
id: keystone
tier: 1
supports_critical_function: true
services: [{name: policy-admin, supports_critical_function: true}]
subcontractors:
  - {id: keystone-print, supplier: printhouse, services: [policy-admin],
     supports_critical_function: false}
"""

PRINTHOUSE = """
kind: Supplier
id: printhouse
name: Ridgeway Print
tier: 2
data_sensitivity: confidential
highest_access_level: read-only
"""

PRINT_CONTRACT = """
kind: Contract
id: ctr-print
supplier: printhouse
status: active
start_date: 2025-01-01
end_date: 2028-12-31
incident_notification: {window_hours: 48, trigger: suspected}
"""

ISSUANCE = """
kind: BusinessFunction
id: issuance
criticality: critical
rto_hours: 24
depends_on: {suppliers: [keystone]}
"""


def test_a_subcontractor_entry_recorded_not_critical_passes_no_criticality_on(check) -> None:
    found = check(docs(ISSUANCE, KEYSTONE, PRINTHOUSE, PRINT_CONTRACT))
    assert of(found, "SUP-01") == []
    # and none of the tier-1 terms a re-tiering would have asked (CTR-03's 24 hours, step-in)
    assert not [f for f in about(found, "printhouse") if "tier 1 in effect" in f["message"]]
    assert of(found, "CTR-08") == []


def test_the_same_entry_unsaid_or_recorded_critical_makes_it_tier_1(check) -> None:
    for record in ("true", None):
        entry = "supports_critical_function: false"
        keystone = KEYSTONE.replace(
            entry, f"supports_critical_function: {record}" if record else ""
        )
        text = docs(ISSUANCE, keystone, PRINTHOUSE)
        [finding] = of(check(text), "SUP-01")
        assert (finding["id"], finding["level"]) == ("printhouse", "error")
        assert "keystone subcontracts to printhouse" in [r["message"] for r in finding["related"]]


def test_a_subcontractor_not_passing_criticality_is_still_in_the_impact(cli, write) -> None:
    write("repo.yaml", docs(ISSUANCE, KEYSTONE, PRINTHOUSE))
    result = cli("impact", "--supplier", "printhouse", "--format", "json", "--as-of", AS_OF)
    [function] = result.json()["functions"]
    assert function["id"] == "issuance"
    assert function["via"] == ["on keystone", "keystone subcontracts to printhouse"]


def test_a_chain_below_rank_2_says_whose_subcontractor_uses_the_firm(cli, write) -> None:
    """A rank-3 entry (recipient: another entry) is the subcontractor's subcontractor: the
    chain names the subcontractor it works for, not the supplier as if it had hired the firm."""
    keystone = KEYSTONE.split("subcontractors:")[0] + (
        "subcontractors:\n"
        "  - {id: keystone-mail, name: Mailroom Ltd, rank: 2, services: [policy-admin]}\n"
        "  - {id: mail-print, supplier: printhouse, rank: 3, recipient: keystone-mail,\n"
        "     services: [policy-admin]}\n"
    )
    write("repo.yaml", docs(ISSUANCE, keystone, PRINTHOUSE))
    result = cli("impact", "--supplier", "printhouse", "--format", "json", "--as-of", AS_OF)
    [function] = result.json()["functions"]
    assert function["via"] == [
        "on keystone",
        "keystone's subcontractor keystone-mail subcontracts to printhouse",
    ]


ACTUARY = """
kind: Supplier
id: actuary
tier: 2
supports_critical_function: false
data_sensitivity: confidential
highest_access_level: read-only
"""

REPORTING = """
kind: BusinessFunction
id: statutory-reporting
criticality: important
depends_on: {suppliers: [actuary]}
"""


def test_a_supplier_recorded_not_critical_that_a_function_names_is_a_warning(check) -> None:
    text = docs(REPORTING, ACTUARY, PRINT_CONTRACT.replace("printhouse", "actuary"))
    found = check(text)
    [finding] = of(found, "SUP-01")
    assert finding["id"] == "actuary"
    assert finding["level"] == "warning"
    assert finding["line"] == line(text, "supports_critical_function: false")
    assert "the records disagree" in finding["message"]
    assert "statutory-reporting" in finding["message"]
    assert [r["message"] for r in finding["related"]] == ["on actuary"]
    # judged as recorded: tier 2, so no tier-1 term is asked of its contract
    assert not [f for f in found if "tier 1 in effect" in f["message"]]


def test_a_function_naming_a_service_recorded_not_critical_does_not_make_it_tier_1(
    check,
) -> None:
    actuary = ACTUARY.replace("supports_critical_function: false\n", "") + (
        "services: [{name: reserving-study, supports_critical_function: false}]\n"
    )
    reporting = REPORTING.replace(
        "{suppliers: [actuary]}", "{services: [{supplier: actuary, service: reserving-study}]}"
    )
    # the function's record and the service's agree: a dependency that is not critical
    assert of(check(docs(reporting, actuary)), "SUP-01") == []
    # the service recorded as supporting one makes it tier 1
    [finding] = of(check(docs(reporting, actuary.replace(": false}", ": true}"))), "SUP-01")
    assert (finding["id"], finding["level"]) == ("actuary", "error")


def test_the_function_naming_a_service_recorded_not_critical_settles_it(check) -> None:
    actuary = ACTUARY + "services: [{name: reserving-study, supports_critical_function: false}]\n"
    reporting = REPORTING.replace(
        "{suppliers: [actuary]}",
        "\n  suppliers: [actuary]\n  services: [{supplier: actuary, service: reserving-study}]",
    )
    assert of(check(docs(reporting, actuary)), "SUP-01") == []


def test_a_subcontractor_entry_recorded_critical_beats_the_suppliers_own_record(check) -> None:
    keystone = KEYSTONE.replace(
        "supports_critical_function: false}", "supports_critical_function: true}"
    )
    printhouse = PRINTHOUSE + "supports_critical_function: false\n"
    [finding] = of(check(docs(ISSUANCE, keystone, printhouse)), "SUP-01")
    assert (finding["id"], finding["level"]) == ("printhouse", "error")
    assert "tier 1 in effect" in finding["message"]


IR_FIRM = """
kind: Supplier
id: ir-firm
tier: 2
provides_ict_services: true
data_sensitivity: confidential
highest_access_level: privileged
"""


def _breakglass(status: str, level: str = "privileged") -> str:
    return f"""
kind: Identity
id: ir-breakglass
supplier: ir-firm
type: human_account
access_level: {level}
mfa: true
just_in_time: true
owner: ciso
status: {status}
"""


def test_a_disabled_break_glass_account_is_not_standing_privileged_access(check) -> None:
    assert of(check(docs(IR_FIRM, _breakglass("disabled"))), "SUP-01") == []


@pytest.mark.parametrize(
    "identity",
    [
        "",  # no identity recorded: the recorded level stands
        _breakglass("disabled", "read-only"),  # nothing explains the recorded privileged level
    ],
)
def test_recorded_privileged_access_makes_it_tier_1(check, identity) -> None:
    text = docs(IR_FIRM, identity) if identity else docs(IR_FIRM)
    [finding] = of(check(text), "SUP-01")
    assert "holds privileged access" in finding["message"]


def test_an_active_privileged_account_is_iam03s_decision_not_a_re_tiering(check) -> None:
    # switched on, it is standing privileged access: IAM-03 asks to cut it or record tier 1
    found = check(docs(IR_FIRM, _breakglass("active")))
    assert of(found, "SUP-01") == []
    [finding] = of(found, "IAM-03")
    assert "record the supplier as tier 1" in finding["message"]


TAPE_VAULT = """
kind: Supplier
id: tape-vault
tier: 2
data_sensitivity: restricted
highest_access_level: none
"""


def test_restricted_data_held_only_as_ciphertext_does_not_make_it_tier_1(check) -> None:
    [finding] = of(check(docs(TAPE_VAULT)), "SUP-01")
    assert "handles restricted data" in finding["message"]
    assert of(check(docs(TAPE_VAULT + "data_access: ciphertext_only\n")), "SUP-01") == []
    # readable is the default, said out loud
    assert of(check(docs(TAPE_VAULT + "data_access: readable\n")), "SUP-01")


# -- T2: regions ----------------------------------------------------------------------------------
AWS = """
kind: Supplier
id: aws
name: Amazon Web Services
tier: 1
shared_dependencies:
  cloud:
    - {provider: aws, region: us-east-1}
    - {provider: aws, region: eu-central-1}
"""


def _function(fid: str, depends_on: str) -> str:
    return f"kind: BusinessFunction\nid: {fid}\ncriticality: critical\ndepends_on:\n{depends_on}"


def _regions(check, *bodies: str) -> dict[str, set[str]]:
    """The functions each CON-01 finding counts, by region (threshold 3 of the rule)."""
    found: dict[str, set[str]] = {}
    for finding in of(check(docs(*bodies)), "CON-01"):
        region = finding["message"].split("cloud region ")[1].split(" as their")[0]
        names = finding["message"].split("concentration): ")[1].split(". One outage")[0]
        found[region] = {part.split(" (")[0] for part in _top_level(names)}
    return found


def _top_level(text: str) -> list[str]:
    """The parts of ``text`` split at "; " outside parentheses (a route's own words may hold
    one)."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0 and text.startswith("; ", i):
            parts.append(text[start:i])
            start = i + 2
    return [*parts, text[start:]]


SAAS = """
kind: Supplier
id: {sid}
tier: 1
subcontractors:
  - {{id: {sid}-aws, supplier: aws, cloud: [{{provider: aws, region: us-east-1}}]}}
"""


def test_a_subcontractor_entry_with_regions_brings_only_those(check) -> None:
    functions = [_function(f"f{n}", f"  suppliers: [saas{n}]") for n in (1, 2, 3)]
    suppliers = [SAAS.format(sid=f"saas{n}") for n in (1, 2, 3)]
    found = _regions(check, AWS, *functions, *suppliers)
    assert found == {"aws us-east-1": {"f1", "f2", "f3"}}  # not eu-central-1 as well


def test_a_subcontractor_entry_without_regions_brings_the_linked_suppliers(check) -> None:
    functions = [_function(f"f{n}", f"  suppliers: [saas{n}]") for n in (1, 2, 3)]
    suppliers = [
        SAAS.format(sid=f"saas{n}").replace(", cloud: [{provider: aws, region: us-east-1}]", "")
        for n in (1, 2, 3)
    ]
    found = _regions(check, AWS, *functions, *suppliers)
    assert set(found) == {"aws us-east-1", "aws eu-central-1"}


def test_a_supplier_named_only_brings_none_of_its_documents_regions(check) -> None:
    functions = [_function(f"f{n}", f"  suppliers: [saas{n}]") for n in (1, 2, 3)]
    suppliers = [
        f"kind: Supplier\nid: saas{n}\ntier: 1\n"
        "shared_dependencies: {identity_provider: aws, subprocessors: [Amazon Web Services]}"
        for n in (1, 2, 3)
    ]
    assert _regions(check, AWS, *functions, *suppliers) == {}
    # its own recorded regions at a provider are the ones that count through it
    suppliers = [
        s.replace("{identity_provider: aws,", "{cloud: [{provider: aws, region: eu-central-1}],")
        for s in suppliers
    ]
    assert _regions(check, AWS, *functions, *suppliers) == {"aws eu-central-1": {"f1", "f2", "f3"}}


def test_a_functions_own_regions_at_a_provider_scope_the_provider(check) -> None:
    functions = [
        _function(f"f{n}", "  suppliers: [aws]\n  cloud: [{provider: aws, region: eu-central-1}]")
        for n in (1, 2, 3)
    ]
    assert _regions(check, AWS, *functions) == {"aws eu-central-1": {"f1", "f2", "f3"}}
    # named as a whole, with nothing to say where: every primary region of the document
    functions = [_function(f"f{n}", "  suppliers: [aws]") for n in (1, 2, 3)]
    assert set(_regions(check, AWS, *functions)) == {"aws us-east-1", "aws eu-central-1"}


AWS_SERVICES = (
    AWS
    + """
services:
  - name: hosting-us
    cloud: [{provider: aws, region: us-east-1}]
  - name: hosting-eu
    cloud: [{provider: aws, region: eu-central-1}]
  - name: support
"""
)


@pytest.mark.parametrize("listed_too", [False, True])
def test_a_service_with_its_own_regions_brings_only_those(check, listed_too) -> None:
    whole = "  suppliers: [aws]\n" if listed_too else ""
    functions = [
        _function(f"f{n}", f"{whole}  services: [{{supplier: aws, service: hosting-eu}}]")
        for n in (1, 2, 3)
    ]
    assert _regions(check, AWS_SERVICES, *functions) == {"aws eu-central-1": {"f1", "f2", "f3"}}
    # a service recording no regions runs where the supplier does
    functions = [f.replace("hosting-eu", "support") for f in functions]
    assert set(_regions(check, AWS_SERVICES, *functions)) == {"aws us-east-1", "aws eu-central-1"}


def test_impact_of_a_region_follows_the_scoped_regions(cli, write) -> None:
    functions = [_function(f"f{n}", f"  suppliers: [saas{n}]") for n in (1, 2)]
    write("repo.yaml", docs(AWS, *functions, *[SAAS.format(sid=f"saas{n}") for n in (1, 2)]))
    east = cli("impact", "--region", "aws/us-east-1", "--format", "json", "--as-of", AS_OF)
    assert [f["id"] for f in east.json()["functions"]] == ["f1", "f2"]
    central = cli("impact", "--region", "aws/eu-central-1", "--format", "json", "--as-of", AS_OF)
    assert central.exit_code == 2
    assert "no business function relies on cloud region 'aws/eu-central-1'" in central.stderr


# -- T13: the identity provider of a supplier's own service ----------------------------------------
def test_con02_counts_supplier_identities_not_the_sign_in_of_their_service(check) -> None:
    ours = _function("f1", "  identity_providers: [okta]")
    crm = "kind: Supplier\nid: crm\ntier: 1\nshared_dependencies: {identity_provider: okta}"
    assert of(check(docs(ours, crm)), "CON-02") == []
    admin = "kind: Identity\nid: crm-admin\nsupplier: crm\nidentity_provider: okta\nowner: it"
    [finding] = of(check(docs(ours, crm, admin)), "CON-02")
    assert "identity crm-admin of critical supplier crm" in finding["message"]
    assert "own sign-in" not in finding["message"]


def test_a_subcontractors_cloud_reaches_its_provider_as_the_region_does(cli, write) -> None:
    """A function rests on a ledger whose storage subcontractor (no Supplier document of its
    own) runs on AWS us-east-1: impact of the region and impact of AWS both count it (the
    supplier view left it out)."""
    ledger = (
        "kind: Supplier\nid: ledger\ntier: 1\nsubcontractors:\n"
        "  - {id: vault, name: Vaultgrid, cloud: [{provider: aws, region: us-east-1}]}\n"
    )
    books = _function("books", "  suppliers: [ledger]")
    write("repo.yaml", docs(AWS, ledger, books))
    asked = ("--format", "json", "--as-of", AS_OF)
    region = cli("impact", "--region", "aws/us-east-1", *asked).json()
    supplier = cli("impact", "--supplier", "aws", *asked).json()
    assert [f["id"] for f in region["functions"]] == ["books"]
    assert [f["id"] for f in supplier["functions"]] == ["books"]


# -- CON-01 weighs every first supplier of a route, and the walk's cost is linear -------------

HOST = """
kind: Supplier
id: host
tier: 1
shared_dependencies:
  cloud: [{provider: aws, region: eu-west-1}]
"""


def _reseller(sid: str, alternative: str = "") -> str:
    return (
        f"kind: Supplier\nid: {sid}\ntier: 1\n{alternative}"
        f"subcontractors:\n  - {{id: {sid}-host, supplier: host}}\n"
    )


@pytest.mark.parametrize("order", ["ready, locked", "locked, ready"])
def test_a_region_behind_a_replaceable_and_an_irreplaceable_supplier_counts(check, order) -> None:
    """Both suppliers run on the same host: the route through the one with a ready alternative
    is discounted, the other's is not. The walk once went on from the host only the first way
    it met it, so the function counted or not by the order of its suppliers."""
    ready = "alternatives: [{supplier: spare, readiness: onboarded}]\n"
    functions = [_function(f"f{n}", f"  suppliers: [{order}]") for n in (1, 2, 3)]
    suppliers = [_reseller("ready", ready), _reseller("locked"), "kind: Supplier\nid: spare\n"]
    assert _regions(check, HOST, *functions, *suppliers) == {"aws eu-west-1": {"f1", "f2", "f3"}}


def test_a_long_chain_of_subcontractors_costs_lines_in_proportion(cli, write) -> None:
    """Whether criticality passes along a chain was read again along the whole chain at every
    step: a chain of n subcontractors cost n * n / 2 lines of the walk for each function."""
    import sys

    length = 600
    chain = [
        f"kind: Supplier\nid: s{i}\ntier: 1\n"
        + (f"subcontractors: [{{id: s{i + 1}, supplier: s{i + 1}}}]\n" if i + 1 < length else "")
        for i in range(length)
    ]
    write("resilint.yaml", json.dumps({"profiles": [], "select": ["CON-01"]}))
    write("repo.yaml", docs(_function("f1", "  suppliers: [s0]"), *chain))
    lines_run = 0

    def count(frame, event, arg):  # sys.settrace's signature
        nonlocal lines_run
        if frame.f_code.co_filename.endswith("graph.py"):
            lines_run += event == "line"
            return count
        return None

    previous = sys.gettrace()
    sys.settrace(count)
    try:
        result = cli("check", "--format", "json", "--no-cache", "--as-of", AS_OF)
    finally:
        sys.settrace(previous)
    assert result.exit_code == 0, result.stdout
    assert lines_run < 150 * length


def test_a_supplier_critical_for_its_data_still_hears_that_its_records_disagree(check) -> None:
    """A supplier made tier 1 in effect by something else (restricted data) that a critical
    function names although it is recorded as not supporting one: the tier finding also says the
    records disagree (the warning that says so alone is not given when the tier is the finding),
    so settling the data classification does not leave the dependency unexplained."""
    courier = ACTUARY.replace("confidential", "restricted")
    text = docs(REPORTING, courier, PRINT_CONTRACT.replace("printhouse", "actuary"))
    [finding] = of(check(text), "SUP-01")
    assert (finding["id"], finding["level"]) == ("actuary", "error")
    assert "it handles restricted data" in finding["message"]
    assert "the records disagree" in finding["message"]
    assert "statutory-reporting" in finding["message"]
    assert "on actuary" in [r["message"] for r in finding["related"]]


# -- CON-01 says where a subcontractor's regions are assumed from our own use of its provider --


def test_con01_says_a_subcontractors_regions_are_assumed_from_our_use_of_its_provider(
    check,
) -> None:
    """A reseller's subcontractor entry names our host but no cloud region of its own: the
    function behind it is counted on the host's region (as before), and the finding says the
    region is assumed from our own use of the host and that the entry's cloud makes it exact.
    Recorded, the count stays and the words go."""
    functions = [_function(f"f{i}", "  suppliers: [host]") for i in range(2)]
    resold = _function("f-resold", "  suppliers: [reseller]")
    [finding] = of(check(docs(HOST, _reseller("reseller"), *functions, resold)), "CON-01")
    assert finding["message"].startswith("3 ")
    assert (
        "the regions of host are assumed from our own use of it, as reseller's subcontractor "
        "entry reseller-host records no cloud region of its own: recording its cloud "
        "(subcontractors[].cloud) makes this exact"
    ) in finding["message"]
    exact = _reseller("reseller").replace(
        "supplier: host}", "supplier: host, cloud: [{provider: aws, region: eu-west-1}]}"
    )
    [finding] = of(check(docs(HOST, exact, *functions, resold)), "CON-01")
    assert finding["message"].startswith("3 ")
    assert "assumed from our own use" not in finding["message"]


def test_a_supplier_with_many_rank_3_entries_reads_its_entries_once(
    cli, write, monkeypatch
) -> None:
    """Each entry naming its recipient looked the recipient up among all the supplier's
    entries: 7,000 of them took 5.6 s. The ids are read once a supplier."""
    from resilint.domain import graph

    reads: list[str] = []
    entry_ids = graph._entry_ids

    def counted(supplier):  # type: ignore[no-untyped-def]
        reads.append(str(supplier.id))
        return entry_ids(supplier)

    monkeypatch.setattr(graph, "_entry_ids", counted)
    entries = "".join(
        "  - {supplier: printhouse, recipient: mail, services: [p]}\n" for _ in range(300)
    )
    keystone = (
        "kind: Supplier\nid: keystone\ntier: 1\nsupports_critical_function: true\n"
        "services: [{name: p, supports_critical_function: true}]\nsubcontractors:\n"
        "  - {id: mail, name: Mailroom Ltd, rank: 2, services: [p]}\n" + entries
    )
    write("repo.yaml", docs(ISSUANCE, keystone, PRINTHOUSE))
    result = cli("impact", "--supplier", "printhouse", "--format", "json", "--as-of", AS_OF)
    [function] = result.json()["functions"]
    assert function["via"][-1] == "keystone's subcontractor mail subcontracts to printhouse"
    assert 1 <= len(reads) <= 2, len(reads)
