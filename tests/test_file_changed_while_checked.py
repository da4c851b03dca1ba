"""A file that changes while it is checked (an editor saving it during the pre-commit hook): its
findings were found in the version read first, and placing them in the version on disk now
gives lines that may point elsewhere. The run says so for that file (FILE-01) and fails as for
a file it could not read, rather than report wrong lines in silence."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import resilint.checker

SUPPLIER = "apiVersion: resilint/v1\nkind: Supplier\nid: acme\nname: Acme\nowner: buyer\n"
"""A supplier with no tier: SUP-01, placed at the document's id line."""


def _repo(tmp_path: Path) -> Path:
    (tmp_path / "resilint.yaml").write_text('{"profiles": [], "select": ["SUP-01"]}\n')
    supplier = tmp_path / "acme.yaml"
    supplier.write_text(SUPPLIER)
    return supplier


def _findings(cli: Any) -> tuple[int, list[tuple[str, str, int]]]:
    run = cli("check", ".", "--format", "json", "--no-cache", "--as-of", "2026-11-26")
    found = json.loads(run.stdout)["findings"]
    return run.exit_code, [(f["code"], f["path"], f["line"]) for f in found]


def test_a_file_unchanged_during_the_run_is_placed_as_read(cli, tmp_path: Path) -> None:
    _repo(tmp_path)
    assert _findings(cli) == (1, [("SUP-01", "acme.yaml", 3)])


def test_a_file_changed_during_the_run_is_said_to_have_changed(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    supplier = _repo(tmp_path)
    check_files = resilint.checker._check_files

    def saved_meanwhile(*args: Any, **kwargs: Any) -> Any:
        # the file was read; its findings are placed once the rules have run: save it now
        supplier.write_text("# reviewed\n# by procurement\n" + SUPPLIER)
        return check_files(*args, **kwargs)

    monkeypatch.setattr(resilint.checker, "_check_files", saved_meanwhile)
    status, found = _findings(cli)
    assert status == 2  # as for a file that could not be read: run it again
    assert ("FILE-01", "acme.yaml", 1) in found
    run = cli("check", ".", "--no-cache", "--as-of", "2026-11-26")
    assert "acme.yaml:1:1: FILE-01 error the file changed while resilint checked it" in run.stdout
