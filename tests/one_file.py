"""A repository of one file checked through the CLI, for the tests of rules: documents written as
YAML text, the findings of the rules a test selects, the line of a text that holds a needle.
Shared by the test modules that build their cases this way, so each keeps only its own data."""

from __future__ import annotations

import csv
import json
import textwrap
from pathlib import Path
from typing import Any

AS_OF = "2026-11-26"
CRASH = "could not be evaluated"
"""What a finding says when a rule failed on a document: no case may cause one."""


CYBER_POLICY = "apiVersion: resilint/v1\nkind: InsurancePolicy\nid: cyber-policy\n"
"""A cyber policy in force, insuring every entity: its insurer's items (questionnaires, sworn
statements, forensics access, a notice template) are asked only where one is."""


def check(
    cli, write, text: str, select: list[str], extra: dict[str, Any] | None = None
) -> list[dict[str, Any]]:
    """The findings of the selected rules on a one-file repository."""
    config: dict[str, Any] = {"profiles": [], "select": select, **(extra or {})}
    write("resilint.yaml", json.dumps(config))
    write("repo.yaml", text)
    result = cli("check", "repo.yaml", "--format", "json", "--no-cache", "--as-of", AS_OF)
    found = result.json()["findings"]
    assert not any(CRASH in f["message"] for f in found), result.stdout
    return [f for f in found if f["code"] in select]


def register_rows(cli, root: Path, template: str, reference_date: str) -> list[list[str]]:
    """The rows of one template (``b_02.02``) of the register the repository at ``root``
    exports as CSV on ``reference_date``, its header first (written beside ``root``)."""
    out = root.parent / f"{root.name}-register"
    run = cli(
        "register", "export", ".", "--format", "csv", "-o", str(out),
        "--reference-date", reference_date, "--allow-incomplete", cwd=root,
    )  # fmt: skip
    assert run.exit_code in (0, 1), run.stdout + run.stderr
    with (out / f"{template}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def doc(kind: str, doc_id: str, body: str = "") -> str:
    """One document of ``kind`` with its id, and ``body`` as further YAML lines."""
    return f"apiVersion: resilint/v1\nkind: {kind}\nid: {doc_id}\n{body}"


DORA_BANK = doc(
    "Entity",
    "eu-bank",
    "name: EU Bank AG\ncountry: DE\nregimes: [dora]\nlei: 529900T8BM49AURSDO55\n",
)
"""A German bank under DORA, with its LEI: the entity most DORA tests need, id ``eu-bank``."""


def repo(*documents: str) -> str:
    """A multi-document YAML file from whole documents."""
    return "---\n".join(d if d.endswith("\n") else d + "\n" for d in documents)


REQUIRED_EVIDENCE = (
    "asset_inventory",
    "data_flow_diagrams",
    "policy_copies",
    "incident_log_location",
    "backup_validation_reports",
    "vendor_contracts",
    "insured_entities_list",
)
"""The items EVD-01 asks of a cyber tower's claims evidence package by default."""


def evidence_package(*extra: str) -> str:
    """A cyber policy in force and its claims evidence package: every required item current
    (updated 2026-10-01), then the ``extra`` items as written (flow mappings)."""
    items = "".join(
        f"  - {{type: {t}, location: vault/{t}, owner: risk, last_updated: 2026-10-01}}\n"
        for t in REQUIRED_EVIDENCE
    )
    body = "policy: cyber\nitems:\n" + items + "".join(f"  - {e}\n" for e in extra)
    return repo(doc("InsurancePolicy", "cyber"), doc("EvidencePackage", "evidence", body))


def docs(*bodies: str) -> str:
    """A multi-document YAML file from document bodies (each without apiVersion, dedented)."""
    head = "apiVersion: resilint/v1\n"
    return "---\n".join(head + textwrap.dedent(b).strip("\n") + "\n" for b in bodies)


def line(text: str, needle: str) -> int:
    """The 1-based line of the first line of ``text`` holding ``needle``."""
    return next(n for n, row in enumerate(text.splitlines(), 1) if needle in row)


def messages(found: list[dict[str, Any]], code: str) -> str:
    """The messages of the findings of ``code``, as one text."""
    return " ".join(f["message"] for f in found if f["code"] == code)


def codes(found: list[dict[str, Any]]) -> list[str]:
    return sorted(f["code"] for f in found)
