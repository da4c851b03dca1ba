"""A cache that cannot be used or written: the check runs in full and passes or fails as with
no cache, and says so once on standard error, in every format (its output on standard output is
the same as with --no-cache). A file where the cache directory should be was said; a cache
whose files could not be written (a read-only directory or file system, a full disk; here, as
the tests cannot drop root's rights, a directory standing where a cache file goes) was not, and
every run checked every file again without a word. Through the CLI on real files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLES

AS_OF = ("--as-of", "2026-11-26")


@pytest.fixture
def programme(tmp_path: Path) -> Path:
    root = tmp_path / "programme"
    shutil.copytree(
        EXAMPLES / "lindenau-planted", root, ignore=shutil.ignore_patterns(".resilint_cache")
    )
    return root


def _same_as_without_cache(cli, root: Path, fmt: str) -> str:
    """Run the check in ``fmt``; its exit status and standard output are those of a run with
    --no-cache; its standard error."""
    run = cli("check", ".", *AS_OF, "--format", fmt, cwd=root)
    plain = cli("check", ".", *AS_OF, "--format", fmt, "--no-cache", cwd=root)
    assert run.exit_code == plain.exit_code == 1, run.stderr
    if fmt == "json":
        assert json.loads(run.stdout) == json.loads(plain.stdout)
    else:
        assert run.stdout == plain.stdout
    return run.stderr


@pytest.mark.parametrize("fmt", ["text", "json", "sarif"])
def test_a_file_where_the_cache_directory_should_be(cli, programme: Path, fmt: str) -> None:
    (programme / ".resilint_cache").write_text("not a directory\n", encoding="utf-8")
    for _ in range(2):
        said = [x for x in _same_as_without_cache(cli, programme, fmt).splitlines() if "cache" in x]
        assert said == [
            "resilint: note: the cache is off for this run: "
            f"{programme / '.resilint_cache'} is not a directory, so it cannot hold the cache"
        ]
    assert (programme / ".resilint_cache").read_text(encoding="utf-8") == "not a directory\n"


@pytest.mark.parametrize("fmt", ["text", "json", "sarif"])
def test_a_cache_that_cannot_be_written_is_said_once(cli, programme: Path, fmt: str) -> None:
    cache = programme / ".resilint_cache"
    (cache / "result.json").mkdir(parents=True)
    (cache / "rules.json").mkdir()
    for _ in range(2):  # nothing was kept: said again on the next run
        said = [x for x in _same_as_without_cache(cli, programme, fmt).splitlines() if "cache" in x]
        assert len(said) == 1, said
        assert said[0].startswith("resilint: note: the cache was not kept: the cache file ")
        assert "cannot be written (Is a directory); this check ran in full" in said[0]
        assert said[0].endswith("or pass --no-cache")
    assert (cache / "result.json").is_dir() and not list((cache / "result.json").iterdir())
    assert not [
        p.name for p in cache.iterdir() if p.name.startswith(".") and p.name != ".gitignore"
    ]


def test_a_cache_written_says_nothing(cli, programme: Path) -> None:
    for _ in range(2):
        assert "cache" not in _same_as_without_cache(cli, programme, "text")
