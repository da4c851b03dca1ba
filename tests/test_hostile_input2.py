"""Hostile and broken input, second part, through the CLI on real files: documents meant for
resilint that do not say so, value counts past the limits while composing, oversized side
inputs (--previous, --baseline), near-miss suppression comments, and the smaller promises
around them (waivers that fail their schema, `fix` on a file it cannot write)."""

from __future__ import annotations

import pytest

# --- documents meant for resilint that do not say so: never skipped in silence --------------

MEANT_FOR_RESILINT = [
    (
        "resilint kind, an id and fields, no apiVersion",
        "kind: Supplier\nid: bad\nname: Bad\ntier: 9\n",
        1,
        1,
        ["kind 'Supplier'", "no apiVersion", "(id, name, tier)"],
    ),
    (
        "kind in lower case with an id and nothing more",
        "kind: entity\nid: customer\nparent: crm\n",
        1,
        1,
        ["kind 'entity'", "and kind: Entity"],
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
    path = write("doc.yaml", "kind: Supplier\nid: bad\nname: Bad\ntier: 9\nhq_country: DE\n")
    assert cli("fix", "doc.yaml").exit_code in (0, 1)
    assert path.read_text().startswith("apiVersion: resilint/v1\nkind: Supplier\n")
    codes = cli("check", "doc.yaml", "--format", "json").codes()
    assert "DOC-03" not in codes and "SCH-01" in codes  # checked now: tier out of range


# A fix that declares a document resilint's turns it into one: it needs the kind spelt exactly
# and fields that leave no doubt, or an apiVersion that says resilint, however misspelt.
ONLY_TOLD = [
    ("exact kind, an id, everyday fields", "kind: Supplier\nid: acme\nname: Acme\ntier: 3\n"),
    ("kind in lower case", "kind: supplier\nid: acme\ntier: 3\nhq_country: DE\n"),
    ("plural kind", "kind: Suppliers\nid: acme\ntier: 3\nhq_country: DE\n"),
    ("another tool's version", "apiVersion: apps/v1\nkind: Supplier\nid: a\ntier: 3\n"),
    ("key near apiVersion, another value", "api_version: 2\nkind: Supplier\nid: a\n"),
    ("merged version of another tool", "<<: {apiVersion: v1}\nkind: Supplier\nid: a\n"),
]


@pytest.mark.parametrize(("case", "text"), ONLY_TOLD, ids=[c[0] for c in ONLY_TOLD])
def test_a_near_miss_on_thin_evidence_is_told_but_never_fixed(cli, write, case, text):
    path = write("doc.yaml", text)
    before = path.read_bytes()
    assert "DOC-03" in cli("check", "doc.yaml", "--format", "json").codes()
    cli("fix", "doc.yaml")
    assert path.read_bytes() == before


def test_a_missing_apiversion_on_thin_evidence_is_an_unsafe_fix(cli, write):
    """The README's fix table: the apiVersion line is added for a kind spelt exactly even with
    few telling fields, but only when a person asks for unsafe fixes (never by the hook)."""
    path = write("doc.yaml", "kind: Supplier\nid: acme\nname: Acme\ntier: 3\n")
    assert "DOC-03 [unsafe fix]" in cli("check", "doc.yaml").stdout
    result = cli("fix", "--unsafe-fixes", "doc.yaml")
    assert result.exit_code == 0, result.stdout
    assert (
        path.read_text()
        == "apiVersion: resilint/v1\nkind: Supplier\nid: acme\nname: Acme\ntier: 3\n"
    )


@pytest.mark.parametrize(("case", "text"), ONLY_TOLD[1:], ids=[c[0] for c in ONLY_TOLD[1:]])
def test_a_near_miss_of_the_kind_is_not_fixed_even_when_unsafe(cli, write, case, text):
    path = write("doc.yaml", text)
    before = path.read_bytes()
    cli("fix", "--unsafe-fixes", "doc.yaml")
    assert path.read_bytes() == before


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
    # beside the programme, as in a real repository (a directory of nothing but other tools'
    # YAML is refused: test_a_directory_without_any_resilint_document_fails)
    write("programme/control.yaml", "apiVersion: resilint/v1\nkind: Control\nid: c\nname: C\n")
    result = cli("check", ".", "--format", "json")
    assert result.json()["findings"] == [], result.stdout
    assert result.json()["summary"]["documents"] == 1
    assert result.exit_code == 0


# --- values counted while the file is parsed, stopped at limits.max_file_values -------------


def test_millions_of_values_are_refused_while_parsing(cli, write, tmp_path):
    import resource
    import time

    (tmp_path / "other.yaml").write_text("other: [" + "a," * 1_100_000 + "a]\n")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.process_time()
    result = cli("check", "--no-cache", "--format", "json")
    spent = time.process_time() - started
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    [finding] = result.json()["findings"]
    assert result.exit_code == 2
    assert finding["code"] == "YML-09" and (finding["line"], finding["column"]) == (1, 500_003)
    assert "more than 250,000 values (limits.max_file_values)" in finding["message"]
    assert "alias" not in finding["message"]
    assert spent < 10 and grown_mb < 200, (spent, grown_mb)  # composed in full: 4 s, 400 MB


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("a: [1, 2]\n", 5),  # the mapping, a, the list and its two items
        ("x:\n- {a, b}\n- c\n", 9),  # {a, b} holds a and b, each with a null value
        ("a: &x [1]\nb: *x\n", 6),  # an alias counts once, however much it holds
        ("x: 1\n---\ny: 2\n", 6),
    ],
)
def test_values_are_counted_exactly_up_to_the_limit(cli, write, text, values):
    write("other.yaml", text)
    write("resilint.yaml", f"limits:\n  max_file_values: {values}\n")
    assert cli("check", "other.yaml", "--format", "json").codes() == ["DOC-04"]
    write("resilint.yaml", f"limits:\n  max_file_values: {values - 1}\n")
    result = cli("check", "other.yaml", "--format", "json")
    assert result.exit_code == 2 and result.codes() == ["YML-09"]


def test_a_resilint_document_past_the_limit_is_told_of_values_not_aliases(cli, write):
    countries = ", ".join(["DE"] * 60)
    write(
        "sup.yaml",
        f"apiVersion: resilint/v1\nkind: Supplier\nid: zz\nname: B\ntier: 3\n"
        f"provision_countries: [{countries}]\n",
    )
    write("resilint.yaml", "limits:\n  max_file_values: 50\n")
    [finding] = cli("check", "--format", "json").json()["findings"]
    assert (finding["code"], finding["line"]) == ("YML-09", 6)
    assert "limits.max_file_values" in finding["message"] and "alias" not in finding["message"]
    # within the file's limit but past one document's: still values, not aliases
    write("resilint.yaml", "limits:\n  max_alias_expansion: 50\n")
    [finding] = cli("check", "--format", "json").json()["findings"]
    assert finding["code"] == "YML-09" and "aliases" not in finding["message"]
    assert (
        "this document holds more than 50 values: split it, or raise "
        "limits.max_alias_expansion (the limit on one document's values)" in (finding["message"])
    )


def test_an_alias_bomb_is_still_blamed_on_its_aliases(cli, write):
    lines = ["apiVersion: resilint/v1", "kind: Supplier", "id: zz", 'a0: &a0 ["lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
    write("bomb.yaml", "\n".join(lines) + "\n")
    [finding] = cli("check", "--format", "json").json()["findings"]
    assert finding["code"] == "YML-06" and "aliases here expand" in finding["message"]


# --- side inputs: --previous and --baseline are bounded in findings, not only in bytes --------

SUPPLIER = "apiVersion: resilint/v1\nkind: Supplier\nid: acme\nname: Acme\ntier: 3\n"


def _report_of(fingerprints: int) -> str:
    keys = ",".join(f'"{i:016x}"' for i in range(fingerprints))
    return (
        '<html><script type="application/json" id="resilint-report-data">'
        '{"format":"resilint-report","version":1,"active":{"error":[' + keys + "]}}"
        "</script></html>"
    )


def _baseline_of(entries: int) -> str:
    rows = ",".join(f'{{"fingerprint":"{i:x}"}}' for i in range(entries))
    return '{"version":1,"findings":[' + rows + "]}"


def test_previous_with_more_findings_than_any_repository_is_refused(cli, write):
    write("a.yaml", SUPPLIER)
    write("prev.html", _report_of(50_000))
    assert cli("report", "-o", "r.html", "--previous", "prev.html").exit_code == 0
    write("prev.html", _report_of(50_001))
    result = cli("report", "-o", "r.html", "--previous", "prev.html")
    assert result.exit_code == 2
    assert "records 50,001 findings; resilint compares with at most 50,000" in result.stderr


def test_previous_of_millions_of_values_is_refused_before_it_is_parsed(cli, write, tmp_path):
    import resource

    write("a.yaml", SUPPLIER)
    (tmp_path / "prev.html").write_text(_report_of(3_000_001))  # 57 MB, under the byte limit
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result = cli("report", "-o", "r.html", "--previous", "prev.html")
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert result.exit_code == 2 and "holds more than 3,000,000 JSON values" in result.stderr
    assert grown_mb < 150  # parsed, the list alone took 2.6 GB


def test_previous_larger_than_a_report_of_so_many_findings_is_refused(cli, write, tmp_path):
    write("a.yaml", SUPPLIER)
    with (tmp_path / "prev.html").open("w") as out:
        out.write("<html>" + "x" * (64 * 1024 * 1024))
    result = cli("report", "-o", "r.html", "--previous", "prev.html")
    assert result.exit_code == 2 and "more than the limit of 67,108,864" in result.stderr


def test_a_baseline_with_more_findings_than_any_repository_is_refused(cli, write):
    write("a.yaml", SUPPLIER)
    write("base.json", _baseline_of(50_000))
    assert cli("check", "--baseline", "base.json").exit_code == 0
    write("base.json", _baseline_of(50_001))
    result = cli("check", "--baseline", "base.json")
    assert result.exit_code == 2
    assert "records 50,001 findings, more than the 50,000 a baseline may hold" in result.stderr


def test_a_baseline_of_millions_of_values_is_refused_before_it_is_parsed(cli, write, tmp_path):
    write("a.yaml", SUPPLIER)
    (tmp_path / "base.json").write_text(_baseline_of(1_000_001))  # 24 MB, under the byte limit
    result = cli("check", "--baseline", "base.json")
    assert result.exit_code == 2
    assert "holds more than 2,000,000 JSON values" in result.stderr
    (tmp_path / "base.json").write_text("[" + " " * (32 * 1024 * 1024) + "]")
    result = cli("check", "--baseline", "base.json")
    assert result.exit_code == 2 and "more than the limit of 33,554,432" in result.stderr


# --- suppression comments resilint cannot read are IGN-01, never a silent no-op -------------

ACME = "apiVersion: resilint/v1\nkind: Supplier\nid: acme  {comment}\nname: Acme\n"


@pytest.mark.parametrize(
    ("comment", "words"),
    [
        ('# resilint: ignore reason="x"', "the rule codes go in brackets right after ignore"),
        ('# resilint: ignore [SUP-01] reason="x"', "in brackets right after ignore"),
        ('# resilint ignore[SUP-01] reason="x"', "a colon must follow resilint"),
        ('# resilint: ingore[SUP-01] reason="x"', "'ingore' is not ignore"),
        ('# Resilint: ignore[SUP-01] reason="x"', "resilint is written in lower case"),
        ('#RESILINT ignore[SUP-01] reason="x"', "resilint is written in lower case"),
        ('# resilint: disable[SUP-01] reason="x"', "'disable' is not ignore"),
        ("# resilint: [SUP-01]", "write # resilint: ignore[CODE]"),
        ('# resilint: ignore[*] reason="x"', "name the rule codes"),
    ],
)
def test_a_suppression_resilint_cannot_read_is_ign_01_at_its_place(cli, write, comment, words):
    write("a.yaml", ACME.format(comment=comment))
    result = cli("check", "--format", "json")
    ign = [f for f in result.json()["findings"] if f["code"] == "IGN-01"]
    assert len(ign) == 1 and (ign[0]["line"], ign[0]["column"]) == (3, 11), result.stdout
    assert words in ign[0]["message"]
    if "*" not in comment:
        assert 'write # resilint: ignore[CODE] reason="why"' in ign[0]["message"]
    assert result.exit_code == 1
    assert not any(f["suppressed"] for f in result.json()["findings"])  # it silences nothing


@pytest.mark.parametrize(
    "text",
    [
        ACME.format(comment="# resilint flags this supplier every quarter"),
        ACME.format(comment="# resilint/v1 since 2025"),
        "# resilint: checks this file in CI\n" + ACME.format(comment=""),
        # the same words inside values are text, not comments
        ACME.format(comment="") + 'description: "x # resilint ignore[SUP-01] reason=y"\n',
        ACME.format(comment="") + "notes: |\n  # resilint: ingore[SUP-01] reason=x\n",
    ],
    ids=["prose", "a version", "a header", "a quoted value", "a block text"],
)
def test_prose_about_resilint_and_text_in_values_are_not_suppressions(cli, write, text):
    write("a.yaml", text)
    assert "IGN-01" not in cli("check", "--format", "json").codes()


def test_an_exact_suppression_still_works_beside_a_near_miss(cli, write):
    write("a.yaml", "apiVersion: resilint/v1\nkind: Supplier\nid: acme\nname: Acme\n")
    found = cli("check", "--format", "json").json()["findings"]
    assert found, "the supplier has findings to suppress"
    lines = ["apiVersion: resilint/v1", "kind: Supplier", "id: acme", "name: Acme"]
    for line in {f["line"] for f in found}:
        codes = ", ".join(sorted({f["code"] for f in found if f["line"] == line}))
        lines[line - 1] += f'  # resilint: ignore[{codes}] reason="accepted"'
    lines.append("# resilint ignore[SUP-01] reason=x")
    write("a.yaml", "\n".join(lines) + "\n")
    result = cli("check", "--format", "json")
    left = [(f["code"], f["line"]) for f in result.json()["findings"] if not f["suppressed"]]
    assert left == [("IGN-01", 5)], result.stdout


# --- resilint fix on a file it cannot write says so after the summary that counts it ---------


def test_fix_says_which_fixable_findings_it_could_not_fix_and_why(cli, write):
    text = "kind: Supplier\nid: acme\nname: Acme\ntier: 3\nhq_country: DE\n"
    write("a.yaml", text.encode("utf-16"))
    result = cli("fix", "a.yaml")
    assert "1 fixable with `resilint fix`" in result.stdout  # the check's own count
    assert result.stderr.splitlines()[-1] == (
        "resilint: 1 fixable finding counted above cannot be fixed: a.yaml: resilint writes "
        "UTF-8 files only; save it as UTF-8 first"
    )


# --- the dependency graph's walks, bounded ----------------------------------------------------


def _chained(count: int) -> str:
    """``count`` suppliers, each the next one's subcontractor, all named by one function: every
    route is walked, about count**3 / 6 links."""
    suppliers = "".join(
        f"---\napiVersion: resilint/v1\nkind: Supplier\nid: s{i}\nname: Supplier {i}\n"
        f"tier: 1\nsubcontractors: [{{name: Supplier {i + 1}, supplier: s{i + 1}}}]\n"
        for i in range(count)
    )
    named = ", ".join(f"s{i}" for i in range(count))
    return (
        f"{suppliers}---\napiVersion: resilint/v1\nkind: BusinessFunction\nid: f\nname: F\n"
        f"criticality: critical\nrto_hours: 4\nmtpd_hours: 24\ndepends_on:\n"
        f"  suppliers: [{named}]\n"
    )


def test_a_dependency_graph_too_large_to_walk_stops_the_rules_reading_it(cli, write):
    """600 suppliers chained through each other (36 million links to walk, minutes before) stop
    the rules that read the graph, as errors at the function's depends_on; the others run, and
    report and impact refuse with the same words; 40 are walked in full."""
    write("programme.yaml", _chained(600))
    result = cli("check", "--no-cache", "--format", "json", "--jobs", "1")
    assert result.exit_code == 3
    stopped = [f for f in result.json()["findings"] if "could not all be followed" in f["message"]]
    depends_on = _chained(600).splitlines().index("depends_on:") + 1
    assert stopped and {(f["id"], f["line"]) for f in stopped} == {("f", depends_on)}
    assert {"BCM-05", "CON-01"} <= {f["code"] for f in stopped}
    assert all("went past 2,000,000 links" in f["message"] for f in stopped)
    report = cli("report", "--no-cache", "-o", "r.html")
    assert report.exit_code == 2 and "could not all be followed" in report.stderr
    write("programme.yaml", _chained(40))
    fine = cli("check", "--no-cache", "--format", "json", "--jobs", "1")
    assert not any("could not all be followed" in f["message"] for f in fine.json()["findings"])
