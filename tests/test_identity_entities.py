"""A group's shared supplier holds accounts in the systems of some of our entities only: an
identity that records the entities whose systems it reaches is judged by their regimes, so a
read-only account in an EU payment institution's systems is not asked the MFA that 23 NYCRR
500.12(a) asks for the systems of the group's New York subsidiary (through the CLI)."""

from __future__ import annotations

from typing import Any

from one_file import doc, repo

GROUP = repo(
    doc("Entity", "eu-pay", "country: DE\nregimes: [dora]\n"),
    doc("Entity", "ny-sub", "country: US\nregimes: [nydfs]\n"),
    doc("Supplier", "soc", "tier: 1\n"),
    doc("Contract", "ctr-soc-eu", "supplier: soc\nentities: [eu-pay]\nstatus: active\n"),
    doc("Contract", "ctr-soc-us", "supplier: soc\nentities: [ny-sub]\nstatus: active\n"),
)


def analyst(reaches: str) -> str:
    body = "supplier: soc\ntype: human_account\naccess_level: read-only\nmfa: false\n"
    return doc("Identity", "soc-analyst", body + reaches)


def iam_05(cli, write, text: str) -> list[dict[str, Any]]:
    """IAM-05's findings, the configuration naming no profile or rule (which would apply the
    rule to every document, whatever its entities' regimes)."""
    write("resilint.yaml", "profiles: [baseline]\n")
    write("repo.yaml", text)
    found = cli("check", "repo.yaml", "--no-cache", "--format", "json", "--as-of", "2026-12-01")
    return [f for f in found.json()["findings"] if f["code"] == "IAM-05"]


def test_an_account_in_the_eu_entitys_systems_only_is_not_asked_nydfs_mfa(cli, write) -> None:
    text = repo(GROUP, analyst("entities: [eu-pay]\n"))
    assert iam_05(cli, write, text) == []


def test_an_account_in_the_new_york_entitys_systems_is_asked_it(cli, write) -> None:
    (finding,) = iam_05(cli, write, repo(GROUP, analyst("entities: [ny-sub]\n")))
    assert finding["id"] == "soc-analyst" and "23 NYCRR 500.12(a)" in finding["message"]


def test_an_account_that_records_no_entities_is_judged_by_the_suppliers_contracts(
    cli, write
) -> None:
    (finding,) = iam_05(cli, write, repo(GROUP, analyst("")))
    assert finding["id"] == "soc-analyst"
