"""Extending resilint: Python checks from an installed plug-in package, and what is refused."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from test_config import USER_RULE

from resilint.editor_schemas import bundled_kind, export
from resilint.errors import ConfigError
from resilint.schemas import SchemaSet

PLUGIN = '''
"""A plug-in's check: every supplier names an owner."""


def owner_named(context, info):
    for supplier in context.index.of_kind("Supplier"):
        if not supplier.data.get("owner"):
            yield context.finding(info, supplier, ("id",),
                                  f"supplier {supplier.id} has no owner (from the plug-in)")
'''


def plugin_repository(tmp_path: Path, source: str) -> tuple[Path, Path]:
    """An installed plug-in package whose module is ``source``, declaring the check
    ``acme-owner`` by entry point (its site directory, to put on PYTHONPATH), and a repository
    whose own rule ACME-01 runs it on a supplier without an owner."""
    site = tmp_path / "site"
    (site / "acme_checks").mkdir(parents=True)
    (site / "acme_checks" / "__init__.py").write_text(source)
    dist = site / "acme_checks-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: acme-checks\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text(
        "[resilint.checks]\nacme-owner = acme_checks:owner_named\n"
    )
    repo = tmp_path / "repo"
    (repo / "policies").mkdir(parents=True)
    rule = USER_RULE.replace(
        "    select: Supplier\n    require:\n      - that: {field: supplier.owner, exists: "
        'true}\n        message: "supplier {supplier.id} has no owner"\n',
        "    check: acme-owner\n",
    )
    (repo / "policies" / "owner.yaml").write_text(rule)
    (repo / "resilint.yaml").write_text(
        json.dumps({"profiles": [], "select": ["ACME-01"], "rule_dirs": ["policies"]})
    )
    (repo / "a.yaml").write_text("apiVersion: resilint/v1\nkind: Supplier\nid: acme\n")
    return site, repo


def test_a_plugin_check_declared_by_entry_point_runs(tmp_path: Path) -> None:
    site, repo = plugin_repository(tmp_path, textwrap.dedent(PLUGIN))
    env = {**os.environ, "PYTHONPATH": str(site), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    result = subprocess.run(
        [sys.executable, "-m", "resilint", "check", "--no-color"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert (
        "a.yaml:3:5: ACME-01 error supplier acme has no owner (from the plug-in)" in result.stdout
    )


def test_schema_reference_to_a_file_or_url_is_refused(tmp_path: Path) -> None:
    for target in ("https://example.com/evil.json", "file:///etc/passwd"):
        (tmp_path / "x.json").write_text(
            json.dumps(
                {
                    "$schema": "https://json-schema.org/draft/2020-12/schema",
                    "$id": "https://schemas.resilint.dev/v1/x.json",
                    "properties": {"kind": {"const": "X"}, "y": {"$ref": target}},
                }
            )
        )
        schemas = SchemaSet(tmp_path)  # checked before the first validator is built
        with pytest.raises(ConfigError, match="does not resolve within resilint's schemas"):
            schemas.is_valid("X", {"y": 1})
        with pytest.raises(ConfigError, match="does not resolve within resilint's schemas"):
            schemas.validator("X")
        # `resilint schema X` and `resilint schema --export` follow the references too: the
        # same message, not a KeyError from the bundler
        with pytest.raises(ConfigError, match="does not resolve within resilint's schemas"):
            bundled_kind(SchemaSet(tmp_path), "X")
        with pytest.raises(ConfigError, match="does not resolve within resilint's schemas"):
            export(SchemaSet(tmp_path))


def _schema_file(folder: Path, name: str, body: dict[str, object]) -> None:
    (folder / f"{name}.json").write_text(
        json.dumps(
            {
                "$schema": "https://json-schema.org/draft/2020-12/schema",
                "$id": f"https://schemas.resilint.dev/v1/{name}.json",
                **body,
            }
        )
    )


def test_a_kinds_validator_reaches_every_schema_its_references_name(tmp_path: Path) -> None:
    """The fast validator of a kind is given the schemas its references reach, through other
    schemas too (x -> shared -> deeper), each one's references checked; one that no validated
    kind reaches is not looked at by it, while python-jsonschema's registry, which holds them
    all, still refuses it."""
    _schema_file(
        tmp_path,
        "x",
        {"properties": {"kind": {"const": "X"}, "y": {"$ref": "shared.json#/$defs/y"}}},
    )
    _schema_file(tmp_path, "shared", {"$defs": {"y": {"$ref": "deeper.json#/$defs/count"}}})
    _schema_file(tmp_path, "deeper", {"$defs": {"count": {"type": "integer", "minimum": 1}}})
    _schema_file(
        tmp_path, "unused", {"properties": {"kind": {"const": "U"}, "z": {"$ref": "file:///x"}}}
    )
    schemas = SchemaSet(tmp_path)
    assert schemas.is_valid("X", {"kind": "X", "y": 3})
    assert not schemas.is_valid("X", {"kind": "X", "y": 0})
    assert not schemas.is_valid("X", {"kind": "X", "y": "three"})
    with pytest.raises(ConfigError, match="does not resolve within resilint's schemas"):
        schemas.is_valid("U", {"kind": "U"})
    with pytest.raises(ConfigError, match="does not resolve within resilint's schemas"):
        schemas.validator("X")


def test_rule_file_cannot_smuggle_a_reference(cli, write) -> None:
    write("resilint.yaml", "profiles: []\nrule_dirs: [policies]\n")
    write(
        "policies/r.yaml",
        USER_RULE.replace("    level: error\n", "    level: error\n    $ref: file:///etc/passwd\n"),
    )
    write("a.yaml", "apiVersion: resilint/v1\nkind: Supplier\nid: acme\n")
    result = cli("check")
    assert result.exit_code == 2 and "policies/r.yaml:" in result.stderr
    assert "unknown key '$ref'" in result.stderr


def test_a_rule_whose_quantifiers_would_never_end_is_stopped_and_named(cli, write) -> None:
    """Quantifiers over a whole kind nested in each other visit every combination: 12
    suppliers under seven nested for_any are 12**8 tests. The rule is stopped past its budget,
    as a rule error (status 3) naming it and saying why; the other rules still run."""
    condition = "{field: s1.tier, equals: 7}"
    for depth in range(1, 8):
        condition = f"{{for_any: {{in: {{kind: Supplier}}, as: s{depth}, where: [{condition}]}}}}"
    rule = USER_RULE.replace(
        "      - that: {field: supplier.owner, exists: true}",
        f"      - that: {{not: {condition}}}",
    )
    write("resilint.yaml", "profiles: []\nselect: [ACME-01, SUP-01]\nrule_dirs: [policies]\n")
    write("policies/r.yaml", rule)
    for i in range(12):
        write(
            f"s{i}.yaml",
            f"apiVersion: resilint/v1\nkind: Supplier\nid: s{i}\nname: S{i}\ntier: 3\n",
        )
    result = cli("check", "--format", "json", "--no-cache")
    assert result.exit_code == 3
    (stopped,) = [f for f in result.json()["findings"] if f["code"] == "ACME-01"]
    assert "rule ACME-01 (supplier-has-owner) was stopped on supplier s" in stopped["message"]
    assert "visited more than 2,000,000 items" in stopped["message"]
    assert "Please report" not in stopped["message"]
