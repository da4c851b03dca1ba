"""Hostile and broken input, second part, through the CLI on real files: documents meant for
resilint that do not say so, value counts past the limits while composing, oversized side
inputs (--previous, --baseline), near-miss suppression comments, and the smaller promises
around them (waivers that fail their schema, `fix` on a file it cannot write)."""

from __future__ import annotations

import pytest

# --- documents meant for resilint that do not say so: never skipped in silence --------------

MEANT_FOR_RESILINT = [
    (
        "resilint kind, fields, no id, no apiVersion",
        "kind: Supplier\nname: Bad\ntier: 9\n",
        1,
        1,
        ["kind 'Supplier'", "no apiVersion", "(name, tier)"],
    ),
    (
        "plural kind with an id",
        "kind: Suppliers\nid: zzbad\nname: Bad\ntier: 9\n",
        1,
        1,
        ["'Suppliers' is not a resilint kind", "write kind: Supplier and apiVersion: resilint/v1"],
    ),
    (
        "misspelt kind",
        "kind: Contrcat\nid: c1\nsupplier: acme\nend_date: 2027-01-01\n",
        1,
        1,
        ["write kind: Contract"],
    ),
    (
        "kind in another case and with a space",
        "kind: business function\nid: payments\nrto_hours: 4\n",
        1,
        1,
        ["and kind: BusinessFunction", "no apiVersion"],
    ),
    (
        "plural in -ies",
        "kind: Entities\nid: bank\nlei: 529900T8BM49AURSDO55\n",
        1,
        1,
        ["write kind: Entity"],
    ),
    (
        "nested under a key, in a list",
        "items:\n  - apiVersion: resilint/v1\n    kind: Supplier\n    id: zzbad\n    tier: 9\n",
        2,
        5,
        ["nested under 'items'", "a document of its own"],
    ),
    (
        "nested deeper, in a mapping",
        "spec:\n  programme:\n    acme:\n      apiVersion: resilint/v1\n      kind: Supplier\n"
        "      id: acme\n",
        4,
        7,
        ["nested under 'acme'"],
    ),
    (
        "nested in a document of another tool with an apiVersion",
        "apiVersion: v1\nkind: List\nitems:\n- {apiVersion: resilint/v1, kind: Control, id: c}\n",
        4,
        4,
        ["nested under 'items'"],
    ),
]


@pytest.mark.parametrize(
    ("case", "text", "line", "column", "words"),
    MEANT_FOR_RESILINT,
    ids=[c[0] for c in MEANT_FOR_RESILINT],
)
def test_a_document_meant_for_resilint_is_a_finding(cli, write, case, text, line, column, words):
    write("doc.yaml", text)
    result = cli("check", "doc.yaml", "--format", "json")
    assert result.exit_code == 1, result.stdout
    [finding] = [f for f in result.json()["findings"] if f["code"] != "DOC-04"]
    assert finding["code"] == "DOC-03"
    assert (finding["line"], finding["column"]) == (line, column)
    for word in words:
        assert word in finding["message"], finding["message"]
    whole = cli("check", ".")
    assert whole.exit_code == 1 and f"doc.yaml:{line}:{column}: DOC-03" in whole.stdout


def test_the_fix_for_a_missing_apiversion_makes_the_document_checked(cli, write):
    path = write("doc.yaml", "kind: Supplier\nname: Bad\ntier: 9\n")
    assert cli("fix", "doc.yaml").exit_code in (0, 1)
    assert path.read_text().startswith("apiVersion: resilint/v1\nkind: Supplier\n")
    codes = cli("check", "doc.yaml", "--format", "json").codes()
    assert "DOC-03" not in codes and "SCH-01" in codes  # checked now: no id, tier out of range


# Realistic files of other tools, as they sit in a repository beside resilint's documents.
OTHER_TOOLS = {
    ".github/workflows/release.yml": """\
        name: release
        on:
          push: {tags: ["v*"]}
        permissions: {contents: read}
        jobs:
          build:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v4
              - name: write an example programme
                run: |
                  cat > programme.yaml <<'EOF'
                  apiVersion: resilint/v1
                  kind: Supplier
                  id: acme
                  EOF
              - uses: actions/upload-artifact@v4
                with: {name: dist, path: dist/}
        """,
    ".github/dependabot.yml": """\
        version: 2
        updates:
          - package-ecosystem: pip
            directory: /
            schedule: {interval: weekly}
        """,
    "docker-compose.yml": """\
        services:
          web:
            image: "nginx:1.25"
            ports: ["8080:80"]
            environment: {ID: web, KIND: Supplier, TIER: "1"}
          db:
            image: postgres:16
            volumes: [db:/var/lib/postgresql/data]
        volumes: {db: {}}
        """,
    "k8s/app.yaml": """\
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: suppliers-api, labels: {app: suppliers}}
        spec:
          replicas: 2
          selector: {matchLabels: {app: suppliers}}
          template:
            metadata: {labels: {app: suppliers}}
            spec:
              containers: [{name: api, image: "ghcr.io/acme/suppliers:1.4"}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: suppliers-api}
        spec: {ports: [{port: 80, targetPort: 8080}]}
        ---
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: contracts.acme.io}
        spec:
          group: acme.io
          names: {kind: Contract, plural: contracts}
          scope: Namespaced
        """,
    "catalog-info.yaml": """\
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: supplier-register
          description: The supplier register
        spec: {type: service, owner: team-risk, lifecycle: production}
        """,
    "openapi.yaml": """\
        openapi: 3.1.0
        info: {title: Suppliers, version: 1.2.0}
        paths:
          /suppliers/{id}:
            get:
              operationId: getSupplier
              parameters: [{name: id, in: path, required: true, schema: {type: string}}]
              responses:
                "200":
                  description: one supplier
                  content:
                    application/json:
                      schema: {$ref: "#/components/schemas/Supplier"}
        components:
          schemas:
            Supplier:
              type: object
              required: [id, kind]
              properties:
                kind: {type: string, enum: [Supplier]}
                id: {type: string}
                tier: {type: integer}
        """,
    "mkdocs.yml": """\
        site_name: Resilience programme
        nav: [{Home: index.md}, {Suppliers: suppliers.md}]
        theme: {name: material, features: [navigation.tabs]}
        markdown_extensions:
          - admonition
          - toc: {permalink: true}
        """,
    ".pre-commit-config.yaml": """\
        repos:
          - repo: local
            hooks:
              - id: resilint
                name: resilint
                entry: resilint pre-commit
                language: system
                types_or: [yaml, toml]
        """,
    "chart/values.yaml": """\
        replicaCount: 2
        kind: web
        id: frontend
        name: frontend
        image: {repository: nginx, tag: "1.25"}
        """,
    "contacts.yaml": """\
        kind: Contact
        name: Service desk
        description: first line
        owner: it-operations
        """,
    "data/entities.yaml": """\
        kind: entity
        name: customer
        description: a customer of the bank
        """,
}


def test_yaml_of_other_tools_stays_silent(cli, write):
    for name, text in OTHER_TOOLS.items():
        write(name, text)
    result = cli("check", ".", "--format", "json")
    assert result.json()["findings"] == [], result.stdout
    assert result.exit_code == 0
