"""Whatever makes a check faster (the per-file cache, the last run's findings kept when an edit
cannot have changed them, processes) never changes a finding: after each edit, a check with the
cache gives, byte for byte, what a check without it gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import copy_example

CHECK = ("check", "--as-of", "2026-11-26", "--format", "json")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return copy_example("lindenau-planted", tmp_path)


def _same(cli, repo: Path) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """The check with the cache kept from the run before, and the check without it."""
    cached = cli(*CHECK, cwd=repo)
    fresh = cli(*CHECK, "--no-cache", cwd=repo)
    return f"{cached.exit_code}\n{cached.stdout}", f"{fresh.exit_code}\n{fresh.stdout}"


def test_findings_after_an_empty_document_are_placed_in_their_own_document(cli, repo: Path) -> None:
    """A document holding only a comment takes a place in its file: the documents after it
    are the file's third and fourth, not its second and third, when their findings are placed
    again after an edit elsewhere in the file."""
    suppliers = repo / "suppliers"
    names = ("vektor-parcel", "nordpak-express", "oder-spedition")
    texts = [(suppliers / f"{name}.yaml").read_text(encoding="utf-8") for name in names]
    for name in names:
        (suppliers / f"{name}.yaml").unlink()
    carriers = suppliers / "carriers.yaml"
    carriers.write_text(
        texts[0] + "---\n# the next carrier goes here\n---\n" + "---\n".join(texts[1:]),
        encoding="utf-8",
    )
    cached, fresh = _same(cli, repo)
    assert cached == fresh and '"path": "suppliers/carriers.yaml"' in fresh
    carriers.write_text("# reviewed\n" + carriers.read_text(encoding="utf-8"), encoding="utf-8")
    cached, fresh = _same(cli, repo)
    assert cached == fresh
