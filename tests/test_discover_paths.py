"""Discovery builds the paths it finds as text: however a directory is spelled on the command
line, files are shown as ``pathlib`` prints them, with the cache on or off, and a file added or
removed since the last run is seen by a run the cache would otherwise serve whole."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

BAD = "apiVersion: resilint/v1\nkind: Supplier\nid: BAD ID\n"


@pytest.fixture
def tree(write) -> None:
    for name in ("top.yaml", "sub/a.yaml", "sub/deep/b.yml", "sub-x/c.yaml", "sub.d/e.yaml"):
        write(name, BAD)


def _paths(cli, *args: str) -> list[str]:
    output = cli("check", *args, "--format", "json", "--as-of", "2026-11-26").stdout
    return [finding["path"] for finding in json.loads(output)["findings"]]


@pytest.mark.parametrize(
    ("spelled", "shown"),
    [
        (".", ""),
        ("./", ""),
        ("sub", "sub/"),
        ("sub/", "sub/"),
        ("./sub//", "sub/"),
        ("sub/.", "sub/"),
        ("sub/deep/..", "sub/"),  # a directory's .. taken out, as a reader names the files
    ],
)
@pytest.mark.usefixtures("tree")
def test_files_are_shown_as_pathlib_prints_them(cli, tmp_path: Path, spelled, shown) -> None:
    under = sorted(
        str(Path(p).relative_to(tmp_path / spelled)) for p in (tmp_path / spelled).rglob("*.y*ml")
    )
    expected = {shown + p for p in under}
    cold = _paths(cli, spelled, "--no-cache")
    assert set(cold) == expected
    assert cold == sorted(cold)  # in the order of the paths' text, as reported before
    for _ in range(2):  # filling the cache, then served from it
        assert _paths(cli, spelled) == cold


@pytest.mark.usefixtures("tree")
def test_files_added_or_removed_since_the_last_run_are_seen(cli, tmp_path: Path) -> None:
    absolute = str(tmp_path)
    before = _paths(cli, absolute)
    assert _paths(cli, absolute) == before
    assert all(p.startswith(absolute + "/") for p in before)
    (tmp_path / "sub" / "new.yaml").write_text(BAD)
    assert f"{absolute}/sub/new.yaml" in _paths(cli, absolute)
    (tmp_path / "sub" / "a.yaml").unlink()
    after = _paths(cli, absolute)
    assert f"{absolute}/sub/a.yaml" not in after
    assert f"{absolute}/sub/new.yaml" in after


def test_a_file_dated_past_2262_is_served_and_a_same_size_rewrite_is_seen(
    cli, write, tmp_path: Path
) -> None:
    """Past 2262 a time in nanoseconds no longer fits in 64 bits, where the run's key packs
    the stats; the key still tells the versions apart."""
    far = 10_000_000_000 * 10**9 + 5  # in 2286
    path = write("far.yaml", BAD)
    try:
        os.utime(path, ns=(far, far))
    except (OSError, OverflowError):
        pytest.skip("this file system cannot date a file past 2262")
    first = _codes(cli)
    assert "SCH-01" in first
    assert _codes(cli) == first
    path.write_text(BAD.replace("BAD ID", "bad-id"))  # same size; the time set back as it was
    os.utime(path, ns=(far, far))
    assert "SCH-01" not in _codes(cli)


def _codes(cli) -> list[str]:
    output = cli("check", ".", "--format", "json").stdout
    return [finding["code"] for finding in json.loads(output)["findings"]]
