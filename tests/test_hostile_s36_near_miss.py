"""Near-miss records never pass in silence: a check of a programme edited carelessly or with
intent finds what the unedited programme would.

- A name written with the same letters in another Unicode encoding is the same name: 'Zürich'
  typed as one character and 'Zürich' pasted from a PDF or saved on macOS (``u`` and a combining
  diaeresis) display alike. Compared as code points they differed, so two critical suppliers
  relying on one subprocessor were not reported (CON-03), and a waiver approved by its own
  risk owner, one name spelt in each encoding, passed the four-eyes check (EXC-01).
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from tests.conftest import copy_example

NFC = "Rechenzentrum Zürich AG"
NFD = unicodedata.normalize("NFD", NFC)


def _supplier(supplier_id: str, subprocessor: str) -> str:
    return (
        f"apiVersion: resilint/v1\nkind: Supplier\nid: {supplier_id}\n"
        f"name: {supplier_id.title()} AG\nstatus: active\ntier: 1\n"
        "provides_ict_services: true\nsupports_critical_function: true\n"
        f"subcontractors:\n  - {{id: hosting, name: {subprocessor}}}\n"
    )


FUNCTION = (
    "apiVersion: resilint/v1\nkind: BusinessFunction\nid: payments\ncriticality: critical\n"
    "rto_hours: 4\ndepends_on:\n  suppliers: [alpha, bravo]\n"
)


@pytest.mark.parametrize("second", [NFC, NFD, NFD.upper()])
def test_a_subprocessor_named_in_another_encoding_is_still_shared(cli, tmp_path, second):
    assert NFD != NFC and unicodedata.normalize("NFC", NFD) == NFC
    (tmp_path / "resilint.yaml").write_text('{"profiles": [], "select": ["CON-03"]}\n')
    (tmp_path / "functions.yaml").write_text(FUNCTION)
    (tmp_path / "alpha.yaml").write_text(_supplier("alpha", NFC), encoding="utf-8")
    (tmp_path / "bravo.yaml").write_text(_supplier("bravo", second), encoding="utf-8")
    result = cli("check", ".", "--format", "json", "--no-cache", "--as-of", "2026-11-26")
    [finding] = result.json()["findings"]
    assert finding["code"] == "CON-03", result.stdout
    assert "alpha and bravo all rely on the same subprocessor" in finding["message"]
    assert (finding["path"], finding["line"]) == ("alpha.yaml", 10)


def _waived(tmp_path: Path, approver: str, owner: str) -> Path:
    repo = copy_example("northwind", tmp_path)
    [waiver] = (repo / "waivers").glob("*.yaml")
    text = waiver.read_text(encoding="utf-8").replace("approver: cfo", f"approver: {approver}")
    waiver.write_text(text.replace("risk_owner: coo", f"risk_owner: {owner}"), encoding="utf-8")
    return repo


@pytest.mark.parametrize(
    ("approver", "owner", "warned"),
    [
        ("Jürgen Weiß", unicodedata.normalize("NFD", "Jürgen Weiß"), True),
        ("Jürgen Weiß", "JÜRGEN WEISS", True),
        ("Jürgen Weiß", "Jurgen Weiss", False),  # no diaeresis: not read as the same name
        ("Jürgen Weiß", "Jörg Weiß", False),
    ],
)
def test_the_four_eyes_check_reads_a_name_however_it_is_encoded(
    cli, tmp_path, approver, owner, warned
):
    repo = _waived(tmp_path, approver, owner)
    result = cli("check", "--format", "json", "--no-cache", cwd=repo)
    found = [f for f in result.json()["findings"] if f["code"] == "EXC-01"]
    assert bool(found) is warned, json.dumps(found, ensure_ascii=False)
    if warned:
        assert "who is also its risk owner" in found[0]["message"]
        assert found[0]["path"].startswith("waivers/")


# A stray '---' in the middle of a record splits its last fields off into a document of their
# own, without apiVersion, kind or id: it was passed over as another tool's YAML.

SUPPLIER = """\
apiVersion: resilint/v1
kind: Supplier
id: acme
name: Acme GmbH
tier: 3
status: active
provides_ict_services: false
supports_critical_function: false
"""


@pytest.mark.parametrize(
    ("tail", "shown"),
    [
        ("notes: reviewed\n", "notes"),
        ("tier: banana\nnotes: reviewed\n", "tier, notes"),
        ("kind: Supplier\nnotes: reviewed\n", "kind, notes"),
    ],
)
def test_a_record_split_by_a_stray_marker_is_a_finding(cli, tmp_path, tail, shown):
    (tmp_path / "acme.yaml").write_text(SUPPLIER + "---\n" + tail)
    result = cli("check", ".", "--format", "json", "--no-cache", cwd=tmp_path)
    assert result.exit_code == 1, result.stdout
    [finding] = [f for f in result.json()["findings"] if f["code"] == "DOC-03"]
    assert (finding["path"], finding["line"], finding["column"]) == ("acme.yaml", 10, 1)
    assert f"this document ({shown}) has no apiVersion" in finding["message"]
    assert "stray '---'" in finding["message"] and "the document above" in finding["message"]


@pytest.mark.parametrize(
    "other",
    [
        "",  # two markers in a row: an empty document
        "---\n",
        "# a comment only\n",
        "x-defaults: &base\n  retries: 3\n",  # anchors of another document: no record
    ],
)
def test_an_empty_document_or_one_of_other_keys_beside_a_record_is_left_alone(cli, tmp_path, other):
    (tmp_path / "acme.yaml").write_text("---\n" + other + "---\n" + SUPPLIER)
    result = cli("check", ".", "--format", "json", "--no-cache", cwd=tmp_path)
    assert result.exit_code == 0, result.stdout
    assert result.json()["findings"] == []


def test_another_tools_file_of_several_documents_is_still_left_alone(cli, tmp_path):
    (tmp_path / "acme.yaml").write_text(SUPPLIER)
    (tmp_path / "k8s.yaml").write_text("kind: ConfigMap\nname: a\n---\nkind: Secret\nname: b\n")
    result = cli("check", ".", "--format", "json", "--no-cache", cwd=tmp_path)
    assert result.exit_code == 0, result.stdout


def test_panel_counsel_named_in_another_encoding_is_on_the_panel(cli, tmp_path):
    """INS-05 compares the counsel a playbook names with the insurer's panel: the same firm with
    its 'ä' as 'a' and a combining diaeresis was reported as off the panel."""
    repo = copy_example("lindenau", tmp_path)
    playbook = repo / "playbooks" / "corrivo.yaml"
    text = playbook.read_text(encoding="utf-8")
    [line] = [line for line in text.splitlines() if "outside_counsel:" in line]
    assert not line.isascii()
    playbook.write_text(text.replace(line, unicodedata.normalize("NFD", line)), encoding="utf-8")
    result = cli("check", "--format", "json", "--no-cache", cwd=repo)
    assert result.exit_code == 0, result.stdout
    assert [f for f in result.json()["findings"] if not f["suppressed"]] == []


def test_a_supplier_that_is_its_own_parent_spelt_in_another_encoding_is_not_reported(cli, write):
    """SUP-02 reads an ultimate parent carrying the supplier's own LEI as a copy-paste unless it
    is the supplier's own name spelt another way: its 'ü' as 'u' and a combining diaeresis is."""
    lei = "5299000J2N45DDNE4Y28"
    name = "Rechenzentrum Zürich AG"
    parent = unicodedata.normalize("NFD", name)
    write("resilint.yaml", "profiles: [dora]\nas_of: 2026-11-26\n")
    write(
        "suppliers/rz.yaml",
        "apiVersion: resilint/v1\nkind: Supplier\nid: rz\n"
        f"name: {name}\nstatus: active\nprovides_ict_services: true\n"
        f"provider_id: {lei}\nprovider_id_type: LEI\nhq_country: CH\n"
        f"ultimate_parent: {{name: {parent}, provider_id: {lei}, provider_id_type: LEI}}\n",
    )
    result = cli("check", "--no-cache", "--format", "json", "--select", "SUP-02")
    assert result.exit_code in (0, 1), result.stderr
    assert [f for f in result.json()["findings"] if f["code"] == "SUP-02"] == []
