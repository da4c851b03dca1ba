"""DOC-05 for a file without the ``.yaml`` suffix goes by what the file is: a supplier saved
as ``suppliers/acme`` is reported (its YAML broken or not), while a README, a NOTES or
CHANGELOG file or a Makefile that quotes a document, its apiVersion at the start of a line,
is text about resilint, left alone, as their ``.md`` namesakes are."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import copy_example

QUOTING = {
    "README": """\
        Northwind's programme
        =====================

        Each supplier is a file in suppliers/, for example:

        apiVersion: resilint/v1
        kind: Supplier
        id: acme
        """,
    "NOTES": "Remember:\napiVersion: resilint/v1 is the only version resilint reads.\n",
    "CHANGELOG": """\
        2026-11-02
          - suppliers now say
            apiVersion: resilint/v1
        """,
    "Makefile": (
        "new-supplier:\n\tcat > suppliers/$(ID).yaml <<EOF\n"
        "apiVersion: resilint/v1\nkind: Supplier\nid: $(ID)\nEOF\n"
    ),
    "docs/SAMPLE": "example:\n  apiVersion: resilint/v1\n  kind: Supplier\n  id: acme\n",
}


def _doc05(cli, repo: Path) -> list[tuple[str, int]]:
    run = cli("check", ".", "--no-cache", "--format", "json", cwd=repo)
    found = json.loads(run.stdout)["findings"]
    return sorted((f["path"], f["line"]) for f in found if f["code"] == "DOC-05")


def test_a_file_that_quotes_a_document_is_not_one(cli, tmp_path: Path) -> None:
    repo = copy_example("northwind", tmp_path)
    for name, text in QUOTING.items():
        (repo / name).parent.mkdir(exist_ok=True)
        lines = text.splitlines(keepends=True)
        (repo / name).write_text("".join(line.removeprefix(" " * 8) for line in lines))
    assert _doc05(cli, repo) == []
    run = cli("check", ".", "--no-cache", cwd=repo)
    assert run.exit_code == 0, run.stdout


def test_a_document_without_the_suffix_is_still_one(cli, tmp_path: Path) -> None:
    repo = copy_example("northwind", tmp_path)
    supplier = (repo / "suppliers" / "albis-telecom.yaml").read_text(encoding="utf-8")
    (repo / "suppliers" / "acme").write_text(supplier.replace("id: albis-telecom", "id: acme"))
    # a mistake in its YAML (a tab) does not make it prose: it starts as a document
    (repo / "suppliers" / "brix").write_text(
        "# Brix GmbH\n---\napiVersion: resilint/v1\nkind: Supplier\nid: brix\n\ttier: 1\n"
    )
    # its keys in another order, after a comment
    (repo / "suppliers" / "cobalt").write_text(
        "# Cobalt\nkind: Supplier\nid: cobalt\napiVersion: resilint/v1\n"
    )
    assert _doc05(cli, repo) == [
        ("suppliers/acme", supplier.splitlines().index("apiVersion: resilint/v1") + 1),
        ("suppliers/brix", 3),
        ("suppliers/cobalt", 4),
    ]
