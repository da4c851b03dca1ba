"""The data model's schemas: well-formed, documented, strict, and enforced through the CLI."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from conftest import EXAMPLES, REPO

from resilint.schemas import SchemaSet

SCHEMAS = SchemaSet(REPO / "schemas")
FILES = sorted((REPO / "schemas").glob("*.json"))
KINDS = SCHEMAS.kinds
ONLY_SCHEMAS = json.dumps({"profiles": [], "select": ["SCH"]})


def walk(node: Any, where: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        yield where, node
        for key, value in node.items():
            yield from walk(value, f"{where}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from walk(value, f"{where}/{i}")


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_schema_is_valid_draft_2020_12(path: Path) -> None:
    jsonschema.Draft202012Validator.check_schema(json.loads(path.read_text()))


@pytest.mark.parametrize("kind", KINDS)
def test_every_property_is_described_and_objects_are_closed(kind: str) -> None:
    for where, node in walk(SCHEMAS.schema(kind)):
        properties = node.get("properties")
        if isinstance(properties, dict) and not where.endswith("/properties"):
            for name, prop in properties.items():
                assert "description" in prop, f"{kind}{where}/properties/{name}"
        if node.get("type") == "object" and "properties" in node:
            assert node.get("additionalProperties") is False, f"{kind}{where}"


def test_every_reference_names_a_kind() -> None:
    for kind in KINDS:
        for field in SCHEMAS.references(kind):
            assert field.target in KINDS, (kind, field)
    for path in FILES:
        text = path.read_text()
        assert '"$ref": "http' not in text and '"$ref": "file:' not in text


def first_document(kind: str) -> tuple[Path, str]:
    for path in sorted((EXAMPLES / "northwind").rglob("*.yaml")):
        for text in path.read_text().split("\n---\n"):
            doc = yaml.safe_load(text)
            if isinstance(doc, dict) and doc.get("kind") == kind:
                return path, text.strip() + "\n"
    raise AssertionError(f"northwind has no {kind}")


def check_one(cli, write, text: str):
    write("resilint.yaml", ONLY_SCHEMAS)
    write("doc.yaml", text)
    return cli("check", "doc.yaml", "--format", "json", "--no-cache")


@pytest.mark.parametrize("kind", [k for k in KINDS if k != "ClauseLibrary"] + ["ClauseLibrary"])
def test_valid_document_of_each_kind_passes_its_schema(cli, write, kind: str) -> None:
    _, text = first_document(kind)
    found = check_one(cli, write, text).json()["findings"]
    assert [f for f in found if f["code"] in ("SCH-01", "DOC-01")] == []


@pytest.mark.parametrize("kind", KINDS)
def test_invalid_documents_of_each_kind_are_reported_at_their_line(cli, write, kind) -> None:
    _, text = first_document(kind)
    lines = text.splitlines()
    id_line = next(i for i, line in enumerate(lines) if line.startswith("id:"))
    broken = [*lines[: id_line + 1], "nmae: typo", *lines[id_line + 1 :]]
    found = check_one(cli, write, "\n".join(broken) + "\n").json()["findings"]
    typo = [f for f in found if f["code"] == "SCH-01" and "unknown field 'nmae'" in f["message"]]
    assert len(typo) == 1 and typo[0]["line"] == id_line + 2 and typo[0]["column"] == 1
    without_id = "\n".join(line for line in lines if not line.startswith("id:")) + "\n"
    found = check_one(cli, write, without_id).json()["findings"]
    assert any(f["code"] == "SCH-01" and "id is required" in f["message"] for f in found)


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("tier", "first", "tier must be a whole number, got 'first'"),
        ("tier", "7", "tier must be at most 3, got the number 7"),
        (
            "data_sensitivity",
            "secret",
            "must be one of: public, internal, confidential, restricted",
        ),
        ("hq_country", "Germany", "hq_country has the wrong form"),
        ("name", "1.10", "name must be text, got the number 1.1; YAML reads unquoted"),
        ("provides_ict_services", "'yes'", "must be true or false, got 'yes'"),
    ],
)
def test_schema_messages_speak_plainly(cli, write, field, value, words) -> None:
    text = f"apiVersion: resilint/v1\nkind: Supplier\nid: acme\n{field}: {value}\n"
    (finding,) = check_one(cli, write, text).json()["findings"]
    assert finding["code"] == "SCH-01" and words in finding["message"]
    assert (finding["line"], finding["column"]) == (4, len(field) + 3)


@pytest.mark.parametrize(
    ("value", "meant"),
    [("saas", "multi_tenant_saas"), ("PaaS", "iaas_paas"), ("colocaton", "colocation")],
)
def test_a_value_written_short_is_told_the_choice_it_names(cli, write, value, meant) -> None:
    """A service model written as people say it (``saas``) is no misspelling of any choice, but
    names one: the message says which, as it does for a misspelt one."""
    text = (
        "apiVersion: resilint/v1\nkind: Supplier\nid: acme\n"
        f"services:\n  - name: crm\n    service_model: {value}\n"
    )
    (finding,) = check_one(cli, write, text).json()["findings"]
    assert finding["code"] == "SCH-01", finding
    assert finding["message"].endswith(f"got '{value}' (did you mean '{meant}'?)")


@pytest.mark.parametrize(
    ("lines", "where", "words"),
    [
        ('"": c\n', (4, 1), "supplier acme: an empty key ('') is not a field of a Supplier; "),
        ("contacts:\n  '': x\n", (5, 3), "an empty key ('') is not a field of contacts; "),
        ('labels:\n  "": x\n', (5, 3), "an empty key ('') is not a name labels can hold; "),
        (
            "labels:\n  Big Tag: x\n",
            (5, 3),
            "the key 'Big Tag' in labels has the wrong form: got 'Big Tag', expected text",
        ),
    ],
    ids=["top level", "nested", "a name of labels", "a wrong name of labels"],
)
def test_a_key_is_named_plainly_even_when_empty(cli, write, lines, where, words) -> None:
    """An empty key is no path: it is never shown as the mapping holding it ('the document',
    'contacts.'), and a key a mapping cannot hold is reported at the key, not the mapping."""
    text = f"apiVersion: resilint/v1\nkind: Supplier\nid: acme\n{lines}"
    (finding,) = check_one(cli, write, text).json()["findings"]
    assert finding["code"] == "SCH-01" and words in finding["message"], finding["message"]
    assert (finding["line"], finding["column"]) == where


def test_every_schema_error_is_reported_not_just_the_first(cli, write) -> None:
    text = (
        "apiVersion: resilint/v1\nkind: Contract\nid: c\nsupplier: s\nstart_date: soon\n"
        "incident_notification: {window_hours: four, trigger: maybe}\nsttaus: active\n"
        "---\napiVersion: resilint/v1\nkind: Supplier\nid: s\n"
    )
    found = check_one(cli, write, text).json()["findings"]
    assert sorted((f["line"], f["json_path"]) for f in found if f["code"] == "SCH-01") == [
        (5, "start_date"),
        (6, "incident_notification.trigger"),
        (6, "incident_notification.window_hours"),
        (7, "sttaus"),
    ]


def test_unknown_kind_and_version(cli, write) -> None:
    found = check_one(
        cli,
        write,
        "apiVersion: resilint/v1\nkind: Suplier\nid: x\n---\n"
        "apiVersion: resilint/v9\nkind: Supplier\nid: y\n",
    ).json()["findings"]
    assert [(f["code"], f["line"]) for f in found] == [("DOC-01", 2), ("DOC-01", 5)]
    assert "did you mean 'Supplier'" in found[0]["message"]
    assert "resilint/v9" in found[1]["message"]


def test_duplicate_ids_within_a_kind_but_not_across_kinds(cli, write) -> None:
    text = (
        "apiVersion: resilint/v1\nkind: Supplier\nid: acme\n---\n"
        "apiVersion: resilint/v1\nkind: Supplier\nid: acme\n---\n"
        "apiVersion: resilint/v1\nkind: Playbook\nid: acme\nsupplier: acme\n"
    )
    found = check_one(cli, write, text).json()["findings"]
    assert [(f["code"], f["line"]) for f in found] == [("DOC-02", 7)]
    assert found[0]["related"][0]["line"] == 3


def test_reference_resolution_suggests_the_nearest_id(cli, write) -> None:
    text = (
        "apiVersion: resilint/v1\nkind: Supplier\nid: acme-logistics\n---\n"
        "apiVersion: resilint/v1\nkind: Contract\nid: c\nsupplier: acme-logistcs\n"
        "entities: [nw-holding]\n"
    )
    found = check_one(cli, write, text).json()["findings"]
    refs = [(f["line"], f["column"], f["message"]) for f in found if f["code"] == "REF-01"]
    assert refs[0][:2] == (8, 11) and "did you mean 'acme-logistics'?" in refs[0][2]
    assert refs[1][:2] == (9, 12) and "no file checked holds entity documents" in refs[1][2]


def every_example_document() -> Iterator[dict[str, Any]]:
    from resilint.limits import Limits
    from resilint.load import load_file

    for path in sorted(EXAMPLES.rglob("*.yaml")):
        yield from (doc.data for doc in load_file(path, Limits()).documents)
    from test_rule_catalogue import RULES

    from resilint.load import compose_text
    from resilint.load.convert import Converter
    from resilint.load.positions import Lines

    for rule in RULES:
        for text in (rule.info.examples.passing, rule.info.examples.failing):
            converter = Converter(Limits(), Lines(text))
            yield from (converter.convert(root) for root in compose_text(text, Limits()))


def test_fast_validation_agrees_with_the_explaining_validator() -> None:
    """jsonschema-rs accepts exactly what python-jsonschema accepts, on every example document
    and on broken variants of each."""
    checked = 0
    for data in every_example_document():
        kind = data.get("kind")
        if kind not in KINDS:
            continue
        variants = [
            data,
            {**data, "sttaus": 1},
            {**data, "id": 5},
            {k: v for k, v in data.items() if k != "id"},
            {**data, **{k: "not a date" for k in data if k.endswith("date")}},
        ]
        for variant in variants:
            slow = not any(SCHEMAS.validator(kind).iter_errors(variant))
            assert SCHEMAS.is_valid(kind, variant) == slow, (kind, variant.get("id"))
            checked += 1
    assert checked > 1000


@pytest.mark.parametrize(
    ("lines", "words"),
    [
        (
            "last_assessment:\n  date: 20281231\n",
            "last_assessment.date must be a date written YYYY-MM-DD, got the number 20281231",
        ),
        ("name: ~\n", "name must be text, got nothing (an empty value)"),
    ],
    ids=["a date as a number", "an empty value"],
)
def test_quotes_are_suggested_only_where_they_mend_the_value(cli, write, lines, words) -> None:
    """Quoting 20281231 makes text that is still no date, and quoting an empty value makes the
    text '~': neither message says to put the value in quotes, nor offers that fix."""
    text = f"apiVersion: resilint/v1\nkind: Supplier\nid: acme\n{lines}"
    (finding,) = check_one(cli, write, text).json()["findings"]
    assert finding["message"] == f"supplier acme: {words}"
    assert finding.get("fix") is None


@pytest.mark.parametrize(
    "address", ["name@@example.com", "soc team@example.com", ".soc@example.com", "soc@example.com."]
)
def test_an_email_the_fast_validator_refuses_is_named_with_its_field(cli, write, address) -> None:
    """Addresses python-jsonschema's own e-mail test lets through and jsonschema-rs refuses:
    the explaining validator checks formats as the fast one does, so the error names the field
    and its line, not only the document."""
    text = (
        "apiVersion: resilint/v1\nkind: Supplier\nid: acme\ncontacts:\n  security:\n"
        f"    name: Security team\n    email: '{address}'\n"
    )
    (finding,) = check_one(cli, write, text).json()["findings"]
    assert finding["message"] == (
        f"supplier acme: contacts.security.email must be an e-mail address, got '{address}'"
    )
    assert (finding["line"], finding["column"]) == (7, 12)


def test_a_cyber_policys_card_fines_and_funds_transfer_covers_can_be_recorded(cli, write) -> None:
    """Covers real cyber policies carry (PCI fines and assessments; social-engineering funds
    transfer fraud) are part of the model; a misspelt one is still an error at its line."""
    policy = (
        "apiVersion: resilint/v1\nkind: InsurancePolicy\nid: cyber\ninsurer: Insurer\n"
        "period: {start: 2026-01-01, end: 2027-01-01}\ncoverages:\n"
        "  pci_fines: {included: true, sublimit: 500000}\n"
        "  funds_transfer_fraud: {included: false}\n"
    )
    write("resilint.yaml", ONLY_SCHEMAS)
    write("policy.yaml", policy)
    result = cli("check", "policy.yaml", "--format", "json")
    assert [f for f in result.json()["findings"] if f["code"].startswith("SCH")] == []
    write("policy.yaml", policy.replace("pci_fines", "pci_fine"))
    result = cli("check", "policy.yaml", "--format", "json")
    (finding,) = [f for f in result.json()["findings"] if f["code"] == "SCH-01"]
    assert finding["line"] == 7 and "pci_fine" in finding["message"]
