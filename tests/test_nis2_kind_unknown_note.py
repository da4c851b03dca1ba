"""CTR-12 checks the supplier clauses of Implementing Regulation (EU) 2024/2690 only for the
kinds of NIS2 entity that Regulation binds (a cloud provider, a managed service provider, ...).
An entity under NIS2 that records no ``nis2_entity_type`` was not checked by it, and nothing
said so: a cloud provider that left the field out passed without its supplier clauses. Every
report now says it, at the entity's document; recording the kind (or ``other``) silences it.
Through the CLI on real files, with the cache and without, in every output format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.test_boundary import resilint

ENTITY = """\
apiVersion: resilint/v1
kind: Entity
id: cloudco
name: CloudCo GmbH
country: DE
regimes: [nis2]
nis2_category: essential
"""
SUPPLIER = "apiVersion: resilint/v1\nkind: Supplier\nid: acme\nname: Acme\ntier: 3\n"
SAID = "NIS2 rule not checked for entity cloudco: it records no nis2_entity_type"


def _repo(where: Path, entity: str = ENTITY, config: str = "{}\n") -> Path:
    where.mkdir(parents=True, exist_ok=True)
    (where / "resilint.yaml").write_text(config)
    (where / "entities.yaml").write_text(entity)
    (where / "acme.yaml").write_text(SUPPLIER)
    return where


def test_an_nis2_entity_of_unknown_kind_is_said_in_every_format(tmp_path: Path) -> None:
    repo = _repo(tmp_path / "repo")
    outputs = ("-o", "json=out.json", "-o", "sarif=out.sarif", "-o", "github=out.github")
    done = resilint(repo, "check", "--no-cache", *outputs, "-o", "markdown=out.md")
    assert done.returncode == 0, done.stdout + done.stderr  # a note, not a finding
    assert SAID in done.stdout
    (note,) = [
        n for n in json.loads((repo / "out.json").read_text())["notes"] if SAID in n["message"]
    ]
    assert (note["path"], note["line"]) == ("entities.yaml", 1)
    sarif = json.loads((repo / "out.sarif").read_text())
    (invocation,) = sarif["runs"][0]["invocations"]
    assert any(SAID in n["message"]["text"] for n in invocation["toolConfigurationNotifications"])
    assert SAID in (repo / "out.github").read_text()
    assert "NIS2 rule not checked for entity cloudco" in (repo / "out.md").read_text()
    again = resilint(repo, "check")  # the cache's kept result says it too
    assert resilint(repo, "check").stdout == again.stdout and SAID in again.stdout


@pytest.mark.parametrize(
    ("entity", "config"),
    [
        (ENTITY + "nis2_entity_type: other\n", "{}\n"),
        (ENTITY + "nis2_entity_type: cloud_computing_service_provider\n", "{}\n"),
        (ENTITY.replace("regimes: [nis2]", "regimes: []"), "{}\n"),
        (ENTITY, "ignore: [CTR-12]\n"),
    ],
    ids=["other", "cloud", "not-nis2", "ctr12-off"],
)
def test_a_known_kind_or_no_ctr12_says_nothing_of_it(
    tmp_path: Path, entity: str, config: str
) -> None:
    repo = _repo(tmp_path / "repo", entity, config)
    done = resilint(repo, "check", "--no-cache", "-f", "json")
    assert done.returncode in (0, 1), done.stdout + done.stderr
    notes = json.loads(done.stdout)["notes"]
    assert not any("nis2_entity_type" in n["message"] for n in notes), notes


def test_the_report_says_it_too(tmp_path: Path) -> None:
    repo = _repo(tmp_path / "repo")
    done = resilint(repo, "report", "-o", "r.html", "--no-cache")
    assert "wrote r.html" in done.stderr and SAID in done.stderr
    assert "NIS2 rule not checked for entity cloudco" in (repo / "r.html").read_text()
