"""A YAML file in a hidden folder, or a hidden YAML file, was read only for its first 8 KB to
tell whether it holds a resilint document: a supplier after 10,000 lines of comments (or of
other documents) in ``.old/x.yaml`` passed with status 0. Such a file is read whole now (up to
the size limit of a file), and what it reads counts against the look into hidden folders, so
that large files there end in DOC-06, not in a long wait; a file past the size limit is DOC-06
too, as what it holds was not looked at whole. Through the CLI on real files."""

from __future__ import annotations

from pathlib import Path

import pytest

from resilint import discover as discovery
from tests.test_hidden_folder_documents import SUPPLIER, _found, _repo

COMMENTS = "".join(f"# line {n} of an old export's notes\n" for n in range(10_000))


def test_a_document_after_many_lines_in_a_hidden_folder_fails_the_check(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    (repo / ".old").mkdir()
    body = COMMENTS + "---\n" + SUPPLIER.format(id="beta", tier=7)
    (repo / ".old" / "x.yaml").write_text(body, encoding="utf-8")
    status, found = _found(repo)
    assert status == 1 and found == [(".old/x.yaml", "DOC-05", 10_002)], found


def test_a_hidden_yaml_file_with_its_document_far_down_fails_the_check(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    body = COMMENTS + SUPPLIER.format(id="beta", tier=7)
    (repo / "suppliers" / ".beta.yaml").write_text(body, encoding="utf-8")
    status, found = _found(repo)
    assert status == 1 and found == [("suppliers/.beta.yaml", "DOC-05", 10_001)], found


def test_a_hidden_file_past_the_size_limit_is_not_passed_over(tmp_path: Path) -> None:
    repo = _repo(tmp_path, "profiles: [baseline]\nlimits: {max_file_bytes: 100000}\n")
    (repo / ".old").mkdir()
    (repo / ".old" / "big.yaml").write_text(COMMENTS * 2, encoding="utf-8")
    status, found = _found(repo)
    assert status == 1 and found == [(".old/big.yaml", "DOC-06", 1)], found


def test_large_files_in_a_hidden_folder_spend_the_look(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each 64 KiB read counts as an entry: a few large files use up a small budget, and the
    folder is DOC-06 where the look stopped, rather than read on without end; the same files
    small are looked into whole."""
    monkeypatch.setattr(discovery, "MOST_HIDDEN", 20)
    repo = _repo(tmp_path)
    (repo / ".archive").mkdir()
    for n in range(4):  # about 1 MB each: 16 entries' worth
        (repo / ".archive" / f"dump{n}.yaml").write_text(COMMENTS * 3, encoding="utf-8")
    run = cli("check", "--no-cache", cwd=repo)
    assert run.exit_code == 1 and ".archive:1:1: DOC-06" in run.stdout, run.stdout
    for n in range(4):
        (repo / ".archive" / f"dump{n}.yaml").write_text("# notes\n", encoding="utf-8")
    run = cli("check", "--no-cache", cwd=repo)
    assert run.exit_code == 0 and "DOC-06" not in run.stdout, run.stdout
