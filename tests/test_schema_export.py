"""`resilint schema --export DIR`: self-contained schemas and a catalog that validate the example
repositories with check-jsonschema, with no network, as an editor would use them."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import EXAMPLES
from offline import offline_env

SEPARATOR = re.compile(r"^---[ \t]*(?:#.*)?$", re.MULTILINE)
KIND = re.compile(r"^kind:\s*(\w+)", re.MULTILINE)
# Files planted to fail loading or validation, each a finding of its own in the golden output.
BROKEN = EXAMPLES / "defects" / "format-errors"


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("schemas")
    result = subprocess.run(
        [sys.executable, "-m", "resilint", "schema", "--export", str(directory)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "self-contained schemas" in result.stderr
    return directory


def _schemas(directory: Path) -> dict[str, dict[str, object]]:
    return {
        p.name: json.loads(p.read_text(encoding="utf-8"))
        for p in sorted(directory.glob("*.json"))
        if p.name != "catalog.json"
    }


def _refs(node: object) -> list[str]:
    if isinstance(node, dict):
        own = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return own + [r for value in node.values() for r in _refs(value)]
    if isinstance(node, list):
        return [r for value in node for r in _refs(value)]
    return []


def test_exported_schemas_are_self_contained(exported: Path) -> None:
    schemas = _schemas(exported)
    assert {"contract.json", "supplier.json", "resilint.json", "config.json"} <= set(schemas)
    for name, schema in schemas.items():
        assert "$id" not in json.dumps(schema), name  # nothing that invites a download
        jsonschema.Draft202012Validator.check_schema(schema)
        for ref in _refs(schema):
            assert ref.startswith("#/$defs/"), (name, ref)
            assert ref.removeprefix("#/$defs/") in schema["$defs"], (name, ref)  # type: ignore[operator]


def test_catalog_maps_file_patterns_to_exported_schemas(exported: Path) -> None:
    catalog = json.loads((exported / "catalog.json").read_text(encoding="utf-8"))
    assert catalog["version"] == 1
    names = {entry["name"]: entry for entry in catalog["schemas"]}
    for entry in catalog["schemas"]:
        assert set(entry) <= {"name", "description", "fileMatch", "url"}
        assert entry["name"] and entry["description"]
        assert (exported / entry["url"]).is_file(), entry["url"]
    assert names["resilint configuration"]["fileMatch"] == ["resilint.yaml", ".resilint.yaml"]
    assert "**/contracts/*.yaml" in names["resilint Contract"]["fileMatch"]
    assert names["resilint Contract"]["url"] == "contract.json"


def _documents(tmp: Path) -> dict[str, list[Path]]:
    """Every example document as a file of its own (check-jsonschema reads one document a
    file), grouped by kind."""
    by_kind: dict[str, list[Path]] = defaultdict(list)
    for path in sorted(EXAMPLES.rglob("*.yaml")):
        if BROKEN in path.parents or path.name == "resilint.yaml":
            continue
        text = path.read_text(encoding="utf-8")
        pieces = [p for p in SEPARATOR.split(text) if p.strip() and KIND.search(p)]
        assert len(pieces) == sum(1 for d in yaml.safe_load_all(text) if d), path
        for number, piece in enumerate(pieces):
            kind = KIND.search(piece).group(1)  # type: ignore[union-attr]
            name = f"{path.relative_to(EXAMPLES)}".replace("/", "__")
            target = tmp / f"{name}.{number}.yaml"
            target.write_text(piece, encoding="utf-8")
            by_kind[kind].append(target)
    return by_kind


def _validate(schema: Path, files: list[Path], tmp: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "check_jsonschema", "--no-cache", "--schemafile", str(schema)]
    return subprocess.run(
        [*command, *map(str, files)],
        env=offline_env(tmp / "offline"),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.mark.slow
def test_check_jsonschema_validates_every_example_offline(exported: Path, tmp_path: Path) -> None:
    """Every document of every example against its kind's schema, chosen through the catalog;
    one of each kind against the schema for any kind; the configurations against theirs."""
    catalog = json.loads((exported / "catalog.json").read_text(encoding="utf-8"))
    urls = {entry["name"]: entry["url"] for entry in catalog["schemas"]}
    pieces = tmp_path / "documents"
    pieces.mkdir()
    by_kind = _documents(pieces)
    assert len(by_kind) >= 13 and sum(map(len, by_kind.values())) > 100
    runs = [(exported / urls[f"resilint {kind}"], files) for kind, files in by_kind.items()]
    runs.append((exported / "resilint.json", [files[0] for files in by_kind.values()]))
    runs.append((exported / "config.json", sorted(EXAMPLES.glob("*/resilint.yaml"))))
    # check-jsonschema takes seconds to start: run them side by side
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        results = list(pool.map(lambda run: _validate(*run, tmp_path), runs))
    for (schema, _), result in zip(runs, results, strict=True):
        assert result.returncode == 0, f"{schema.name}: {result.stdout}{result.stderr}"


@pytest.mark.slow
def test_exported_schemas_still_refuse_what_resilint_refuses(exported: Path, tmp_path: Path):
    """The planted schema errors of examples/defects fail against the exported schemas too."""
    text = (BROKEN / "schema-errors.yaml").read_text(encoding="utf-8")
    pieces = [p for p in SEPARATOR.split(text) if KIND.search(p)]
    files = []
    for number, piece in enumerate(pieces):
        files.append(tmp_path / f"broken-{number}.yaml")
        files[-1].write_text(piece, encoding="utf-8")
    result = _validate(exported / "resilint.json", files, tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    failing = {line.split("::")[0].strip() for line in result.stdout.splitlines() if "::" in line}
    assert len(failing) == len(files), result.stdout


def _export(directory: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "resilint", "schema", "--export", str(directory)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_an_export_updates_its_own_files_and_never_replaces_a_projects(tmp_path: Path) -> None:
    assert _export(tmp_path).returncode == 0
    contract = tmp_path / "contract.json"
    stale = json.loads(contract.read_text(encoding="utf-8"))
    stale["description"] = "exported by an older resilint"
    contract.write_text(json.dumps(stale), encoding="utf-8")
    again = _export(tmp_path)
    assert again.returncode == 0, again.stderr
    assert json.loads(contract.read_text(encoding="utf-8"))["description"] != stale["description"]
    own = tmp_path / "project"
    own.mkdir()
    (own / "config.json").write_text('{"database": "prod"}\n', encoding="utf-8")
    refused = _export(own)
    assert refused.returncode == 2
    assert "config.json exists and is not a schema resilint exported" in refused.stderr
    assert (own / "config.json").read_text(encoding="utf-8") == '{"database": "prod"}\n'
    assert not (own / "contract.json").exists()  # nothing written: all or none
