"""YAML of other tools, as it sits in an operations repository beside resilint's documents, is
left alone by `check`, by the pre-commit hook and by `resilint fix` (which the `resilint-fix`
hook runs): no finding, and not a byte of it rewritten. A document of another tool looks like a
resilint document only with an id and a resilint kind (see resilint/load/kinds.py), and a top
level that is a list is YML-08 only in a file that is resilint's."""

from __future__ import annotations

from pathlib import Path

import pytest

# Files of other tools that share a kind, or nearly, with resilint, and some of its field names.
NEAR_KINDS = {
    "catalog/customer.yaml": """\
        # data-catalog entry
        kind: entity
        name: customer
        parent: crm
        """,
    "fixtures/controls.yaml": """\
        # a UI form definition
        kind: Control
        name: submit-button
        """,
    "fixtures/exercise.yaml": """\
        # a training course module
        kind: exercise
        name: Intro to git
        type: quiz
        status: draft
        """,
    "fixtures/identity.yaml": """\
        # a service-account request for an internal IAM tool
        kind: identity
        name: ci-bot
        type: service
        expires: 2026-12-31
        """,
    "oncall/jane.yaml": """\
        # on-call roster entry (a paging tool's format)
        kind: contact
        name: Jane Doe
        email: jane@example.com
        status: active
        """,
    "oncall/ops.yaml": """\
        # the same roster with ids: contact is not Contract misspelt, and a status tells nothing
        kind: contact
        id: ops
        name: Operations desk
        status: active
        reference: OPS-1
        """,
}

# The standard files of an operations repository; some name resilint or its kinds.
ECOSYSTEM = {
    ".github/ISSUE_TEMPLATE/bug.yml": """\
        name: Bug report
        description: File a bug report
        labels: [bug]
        body:
          - type: textarea
            id: what-happened
            attributes: {label: What happened?}
        """,
    ".github/dependabot.yml": """\
        version: 2
        updates:
          - package-ecosystem: pip
            directory: /
            schedule: {interval: weekly}
        """,
    ".github/workflows/ci.yml": """\
        name: CI
        on:
          push: {branches: [main]}
          pull_request:
        permissions: {contents: read}
        jobs:
          lint:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@b4ffde65f46336ab88eb53be808477a3936bae11 # v4.1.1
              - id: resilint
                uses: resilint/resilint@0123456789abcdef0123456789abcdef01234567 # v0.1.0
                with: {args: check}
        """,
    ".gitlab-ci.yml": """\
        stages: [test]
        contract:
          stage: test
          script: [make contract-test]
        """,
    ".pre-commit-config.yaml": """\
        repos:
          - repo: https://github.com/resilint/resilint
            rev: v0.1.0
            hooks:
              - id: resilint
          - repo: https://github.com/pre-commit/pre-commit-hooks
            rev: v4.6.0
            hooks: [{id: check-yaml}, {id: end-of-file-fixer}]
        """,
    "ansible/site.yml": """\
        - hosts: all
          become: true
          roles: [common]
        """,
    "app/fixtures/suppliers.yaml": """\
        # Django fixtures: a list of model instances
        - model: procurement.supplier
          pk: 1
          fields: {name: Acme Logistics, tier: 2, status: active}
        - model: procurement.contract
          pk: 7
          fields: {supplier: 1, end_date: 2027-01-01}
        """,
    "rundeck/jobs.yaml": """\
        - id: 5e1a2b9c-7d3f-4c1e-9a0b-2f6d8e4c1a3b
          name: restart-web
          description: Restart the web tier
          loglevel: INFO
          sequence:
            keepgoing: false
            commands: [{exec: systemctl restart nginx}]
        """,
    "api/openapi.yaml": """\
        openapi: 3.1.0
        info: {title: Supplier API, version: 1.0.0, contact: {name: Vendor team}}
        paths:
          /suppliers/{id}:
            get:
              operationId: getSupplier
              parameters: [{name: id, in: path, required: true, schema: {type: string}}]
              responses:
                "200":
                  description: ok
                  content: {application/json: {schema: {$ref: "#/components/schemas/Supplier"}}}
        components:
          schemas:
            Supplier:
              type: object
              properties:
                id: {type: string}
                kind: {type: string, enum: [Supplier]}
                name: {type: string}
                tier: {type: integer}
                status: {type: string}
            Contract:
              type: object
              properties: {id: {type: string}, supplier: {type: string}, status: {type: string}}
        """,
    "catalog/catalog-info.yaml": """\
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: payments
          description: Payments service
          annotations: {github.com/project-slug: acme/payments}
        spec: {type: service, lifecycle: production, owner: team-payments, system: core-banking}
        ---
        apiVersion: backstage.io/v1alpha1
        kind: Group
        metadata: {name: team-payments}
        spec: {type: team, children: []}
        """,
    "chart/Chart.yaml": """\
        apiVersion: v2
        name: web
        description: A Helm chart
        type: application
        version: 0.1.0
        """,
    "chart/values.yaml": """\
        # Helm values (fluent-bit style): the workload kind at the top level
        kind: DaemonSet
        replicaCount: 1
        image: {repository: fluent/fluent-bit, tag: 3.0.4}
        serviceAccount: {create: true, name: ""}
        """,
    "cloudformation.yaml": """\
        AWSTemplateFormatVersion: "2010-09-09"
        Description: Buckets
        Resources:
          Logs: {Type: AWS::S3::Bucket}
        """,
    "docker-compose.yml": """\
        services:
          web:
            image: nginx:1.27
            ports: ["8080:80"]
            depends_on: [db]
            labels: {com.example.description: "front end"}
          db:
            image: postgres:16
            environment: {POSTGRES_PASSWORD: example}
        volumes:
          data: {}
        """,
    "environment.yml": """\
        name: analytics
        channels: [conda-forge]
        dependencies: [python=3.11, pandas]
        """,
    "k8s/app.yaml": """\
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, labels: {app: web}}
        spec:
          replicas: 2
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec: {containers: [{name: web, image: nginx}]}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web}
        spec: {selector: {app: web}, ports: [{port: 80}]}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: deny-all}
        spec: {podSelector: {}, policyTypes: [Ingress]}
        ---
        apiVersion: v1
        kind: List
        items:
          - apiVersion: v1
            kind: ConfigMap
            metadata: {name: cfg}
            data: {RESILINT_CONFIG: "resilint/v1"}
        """,
    "k8s/kustomization.yaml": """\
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        resources: [app.yaml]
        """,
    "mkdocs.yml": """\
        site_name: Resilience programme
        theme: {name: material}
        nav:
          - Home: index.md
          - Suppliers: suppliers.md
        plugins: [search]
        markdown_extensions: [admonition]
        """,
    "serverless.yml": """\
        service: orders
        provider: {name: aws, runtime: python3.11}
        functions:
          hello: {handler: handler.hello}
        """,
}

SUPPLIER = "apiVersion: resilint/v1\nkind: Supplier\nid: acme\nname: Acme Logistics\ntier: 2\n"


def repository(write) -> dict[Path, bytes]:
    """Every file of the corpus and one resilint document, written; their bytes."""
    write("resilint.yaml", "profiles: []\nselect: [SCH]\n")  # the built-in checks alone
    write("programme/acme.yaml", SUPPLIER)
    return {(path := write(name, text)): path.read_bytes() for name, text in FILES.items()}


FILES = {**NEAR_KINDS, **ECOSYSTEM}


def test_check_leaves_other_tools_alone(cli, write):
    repository(write)
    result = cli("check", "--no-cache", ".", "--format", "json")
    assert result.json()["findings"] == [], result.stdout
    assert result.exit_code == 0


def test_the_hook_leaves_other_tools_alone(cli, write):
    """pre-commit names every changed file, the hidden ones (.github/, .gitlab-ci.yml) too."""
    repository(write)
    result = cli("pre-commit", "--no-cache", "--format", "json", *FILES, "programme/acme.yaml")
    assert result.json()["findings"] == [], result.stdout
    assert result.exit_code == 0


def test_fix_never_rewrites_other_tools_files(cli, write):
    before = repository(write)
    cli("fix", "--no-cache", ".")
    cli("fix", "--no-cache", *FILES)
    assert {path: path.read_bytes() for path in before} == before


# --- a top level that is a list: YML-08 only where the file is resilint's -------------------

PLAYBOOK = "- hosts: all\n  become: true\n  roles: [common]\n"


def test_a_list_named_on_the_command_line_is_yml_08(cli, write):
    """Named, a file is one the user expects resilint to check: as before, a list is an error."""
    write("site.yml", PLAYBOOK)
    result = cli("check", "--no-cache", "site.yml", "--format", "json")
    [finding] = result.json()["findings"]
    assert (finding["code"], finding["line"], finding["column"]) == ("YML-08", 1, 1)
    assert "the top level is a list" in finding["message"]
    assert result.exit_code == 2


LISTS_OF_RESILINT_DOCUMENTS = [
    (
        "declared",
        "- apiVersion: resilint/v1\n  kind: Supplier\n  id: acme\n  name: Acme\n"
        "- apiVersion: resilint/v1\n  kind: Supplier\n  id: bolt\n  name: Bolt\n",
    ),
    ("declared, no kind or id yet", "- apiVersion: resilint/v1\n  name: Acme\n"),
    ("key misspelt", "- apiversion: resilint/v1\n  kind: Supplier\n  id: acme\n"),
    ("no apiVersion, a resilint kind and an id", "- kind: Supplier\n  id: acme\n  tier: 2\n"),
    ("nested deeper", "- suppliers:\n  - {apiVersion: resilint/v1, kind: Supplier, id: a}\n"),
]


@pytest.mark.parametrize(
    ("case", "text"), LISTS_OF_RESILINT_DOCUMENTS, ids=[c[0] for c in LISTS_OF_RESILINT_DOCUMENTS]
)
def test_a_list_of_resilint_documents_is_never_passed_in_silence(cli, write, case, text):
    write("programme/suppliers.yaml", text)
    for run in (
        cli("check", "--no-cache", ".", "--format", "json"),
        cli("pre-commit", "--no-cache", "--format", "json", "programme/suppliers.yaml"),
    ):
        [finding] = run.json()["findings"]
        assert (finding["code"], finding["line"], finding["column"]) == ("YML-08", 1, 1)
        assert "make each item a document of its own" in finding["message"]
        assert "after a line '---'" in finding["message"]
        assert run.exit_code == 2


def test_a_list_beside_a_resilint_document_is_yml_08(cli, write):
    """A file with a resilint document is resilint's: a list in another of its documents is a
    mistake there (a document of another form pasted in, a '-' too many)."""
    write(
        "programme/acme.yaml", "apiVersion: resilint/v1\nkind: Supplier\nid: acme\n---\n" + PLAYBOOK
    )
    result = cli("check", "--no-cache", ".", "--format", "json")
    [finding] = result.json()["findings"]
    assert (finding["code"], finding["line"]) == ("YML-08", 5)
    assert "the top level is a list; a resilint document is a mapping" in finding["message"]


def test_a_list_of_another_tool_stays_silent_in_check_and_in_the_hook(cli, write):
    write("site.yml", PLAYBOOK)
    write("values.yaml", "just a value\n")
    # beside the programme (a directory of nothing but other tools' YAML is refused:
    # test_hostile_input.test_a_directory_without_any_resilint_document_fails)
    write("programme/control.yaml", "apiVersion: resilint/v1\nkind: Control\nid: c\nname: C\n")
    for run in (
        cli("check", "--no-cache", ".", "--format", "json"),
        cli("pre-commit", "--no-cache", "--format", "json", "site.yml", "values.yaml"),
    ):
        assert run.json()["findings"] == [], run.stdout
        assert run.exit_code == 0
