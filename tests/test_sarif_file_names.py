"""SARIF names each file by a URI that leads back to it, whatever bytes its name holds."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from urllib.parse import unquote_to_bytes

import pytest


@pytest.mark.skipif(os.name != "posix", reason="file names of any bytes: POSIX only")
def test_a_file_name_that_is_not_utf8_gets_the_uri_of_its_bytes(cli, tmp_path: Path) -> None:
    """`sup\\xff\\xfe.yaml` was written `sup%ED%B3%BF%ED%B3%BE.yaml` (Python's escapes encoded
    as if they were characters): no file of that name exists, and a viewer could not open the
    file. The URI is now percent-encoded from the name's bytes."""
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "resilint.yaml").write_text("fail_on: error\n")
    supplier = "apiVersion: resilint/v1\nkind: Supplier\nid: acme\nname: A\nowner: it\ntier: 9\n"
    (repo / os.fsdecode(b"sup\xff\xfe.yaml")).write_text(supplier)
    run = cli("check", "--no-cache", "--format", "sarif", cwd=repo)
    assert run.exit_code == 1
    results = json.loads(run.stdout)["runs"][0]["results"]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert uris == {"sup%FF%FE.yaml"}
    assert (repo / os.fsdecode(unquote_to_bytes(uris.pop()))).is_file()


def _uris(run) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    results = json.loads(run.stdout)["runs"][0]["results"]
    return [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in results]


@pytest.mark.parametrize("named", ["../../sub", "absolute"])
def test_uris_are_relative_to_the_work_trees_root_wherever_the_run_starts(
    cli, tmp_path: Path, named: str
) -> None:
    """SRCROOT is the repository's root, where GitHub code scanning resolves a relative URI;
    run from a subdirectory (`../../sub`) or on an absolute path, the URIs were the paths as
    shown (`../../sub/a.yaml`, `/home/runner/.../sub/a.yaml`), which name no file there."""
    repo = tmp_path / "repo"
    (repo / "sub" / "deep").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    supplier = "apiVersion: resilint/v1\nkind: Supplier\nid: acme\nname: A\ntier: 9\n"
    (repo / "sub" / "a b.yaml").write_text(supplier)
    where = str(repo / "sub") if named == "absolute" else named
    run = cli("check", "--no-cache", "--format", "sarif", where, cwd=repo / "sub" / "deep")
    assert run.exit_code == 1, run.stderr
    assert _uris(run) == [{"uri": "sub/a%20b.yaml", "uriBaseId": "SRCROOT"}]


def test_a_file_outside_the_root_gets_an_absolute_file_uri(cli, tmp_path: Path) -> None:
    """Outside git SRCROOT is the directory resilint ran in; a file named above it is given by
    its absolute file:// URI, never a relative one that climbs out of SRCROOT."""
    (tmp_path / "here").mkdir()
    supplier = "apiVersion: resilint/v1\nkind: Supplier\nid: acme\nname: A\ntier: 9\n"
    (tmp_path / "a.yaml").write_text(supplier)
    run = cli("check", "--no-cache", "--format", "sarif", "../a.yaml", cwd=tmp_path / "here")
    assert run.exit_code == 1, run.stderr
    [location] = _uris(run)
    assert location == {"uri": (tmp_path / "a.yaml").as_uri()}


@pytest.mark.parametrize("output_format", ["gitlab", "github"])
def test_ci_annotations_name_files_from_the_work_trees_root(
    cli, tmp_path: Path, output_format: str
) -> None:
    """GitLab Code Quality's `location.path` and a GitHub annotation's `file=` are read from
    the repository's root: run from a subdirectory on `../../sub` they said `../../sub/a.yaml`,
    and on an absolute path the runner's own path, so the annotation landed on no file."""
    repo = tmp_path / "repo"
    (repo / "sub" / "deep").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    supplier = "apiVersion: resilint/v1\nkind: Supplier\nid: acme\nname: A\ntier: 9\n"
    (repo / "sub" / "a.yaml").write_text(supplier)
    for named in ("../../sub", str(repo / "sub")):
        run = cli("check", "--no-cache", "-f", output_format, named, cwd=repo / "sub" / "deep")
        assert run.exit_code == 1, run.stderr
        if output_format == "gitlab":
            assert [i["location"]["path"] for i in json.loads(run.stdout)] == ["sub/a.yaml"]
        else:
            assert run.stdout.startswith("::error file=sub/a.yaml,line=5,"), run.stdout
