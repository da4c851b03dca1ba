"""A namesake, another company of the same name whose recorded identifier of one type differs,
is not the company it is named like, wherever companies are matched by name: CON-03 does not
count it as the subprocessor or corporate group critical suppliers share, and an outage of
our supplier of that name (``resilint impact --dependency``) does not reach the functions
that rest on the namesake. A record with the same identifier, or none, still matches."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from one_file import check, doc, repo

OURS = "529900T8BM49AURSDO55"
OTHER = "5493001KJTIIGC8Y1R12"
LEI = "provider_id_type: LEI"


def critical(supplier_id: str, body: str) -> str:
    return doc(
        "Supplier",
        supplier_id,
        f"name: {supplier_id.title()} AG\nstatus: active\ntier: 1\nprovides_ict_services: true\n"
        f"supports_critical_function: true\n{body}",
    )


def function(function_id: str, suppliers: str) -> str:
    return doc(
        "BusinessFunction",
        function_id,
        f"criticality: critical\nrto_hours: 4\ndepends_on:\n  suppliers: [{suppliers}]\n",
    )


def entry(identifier: str | None) -> str:
    recorded = f", provider_id: {identifier}, {LEI}" if identifier else ""
    return f"subcontractors:\n  - {{id: hosting, name: Datapoint GmbH{recorded}}}\n"


def shared(a: str | None, b: str | None, c: str | None) -> str:
    return repo(
        function("payments", "alpha, bravo, charlie"),
        critical("alpha", entry(a)),
        critical("bravo", entry(b)),
        critical("charlie", entry(c)),
    )


def con03(cli, write, text: str) -> list[str]:
    return [f["message"] for f in check(cli, write, text, ["CON-03"])]


def test_a_namesake_subcontractor_is_not_the_shared_subprocessor(cli, write) -> None:
    [message] = con03(cli, write, shared(OURS, OURS, OTHER))
    assert "critical suppliers alpha and bravo all rely on the same subprocessor" in message
    assert "charlie" not in message
    # alpha's and charlie's Datapoint GmbH are two companies: nothing shared
    two = repo(
        function("payments", "alpha, charlie"),
        critical("alpha", entry(OURS)),
        critical("charlie", entry(OTHER)),
    )
    assert con03(cli, write, two) == []


@pytest.mark.parametrize(
    ("a", "b", "c"),
    [(OURS, OURS, OURS), (None, None, None), (OURS, None, None), (None, OTHER, None)],
)
def test_the_same_company_or_one_named_only_is_still_shared(cli, write, a, b, c) -> None:
    [message] = con03(cli, write, shared(a, b, c))
    assert "critical suppliers alpha, bravo and charlie all rely on the same" in message, message


def parent(identifier: str) -> str:
    return f"ultimate_parent: {{name: Holdwell Group SE, provider_id: {identifier}, {LEI}}}\n"


def test_a_namesake_parent_is_not_the_same_corporate_group(cli, write) -> None:
    def group(other: str) -> list[str]:
        text = repo(
            function("payments", "alpha, bravo"),
            critical("alpha", parent(OURS)),
            critical("bravo", parent(other)),
        )
        return [m for m in con03(cli, write, text) if "corporate group" in m]

    assert group(OTHER) == []
    [message] = group(OURS)
    assert "critical suppliers alpha and bravo belong to the same corporate group" in message


def impact(cli, tmp_path: Path, identifier: str | None) -> list[str]:
    datapoint = doc(
        "Supplier",
        "datapoint",
        "name: Datapoint GmbH\nstatus: active\ntier: 2\nprovides_ict_services: true\n"
        f"provider_id: {OURS}\n{LEI}\n",
    )
    text = repo(
        function("payments", "coreco"),
        function("reporting", "datapoint"),
        critical("coreco", entry(identifier)),
        datapoint,
    )
    (tmp_path / "resilint.yaml").write_text("profiles: []\n", encoding="utf-8")
    (tmp_path / "repo.yaml").write_text(text, encoding="utf-8")
    run = cli(
        "impact", ".", "--dependency", "Datapoint GmbH", "-f", "json", "--as-of", "2026-11-26"
    )
    assert run.exit_code == 0, run.stdout + run.stderr
    return [f["id"] for f in json.loads(run.stdout)["functions"]]


def test_an_outage_of_our_supplier_does_not_reach_through_its_namesake(cli, tmp_path) -> None:
    assert impact(cli, tmp_path, OTHER) == ["reporting"]


@pytest.mark.parametrize("identifier", [OURS, None])
def test_an_outage_reaches_through_the_same_company(cli, tmp_path, identifier) -> None:
    assert impact(cli, tmp_path, identifier) == ["payments", "reporting"]
