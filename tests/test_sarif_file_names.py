"""SARIF names each file by a URI that leads back to it, whatever bytes its name holds."""

from __future__ import annotations

import json
import os
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
