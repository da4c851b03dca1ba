"""The locator lets go of files read to place findings past its budget and reads them again
when a later finding needs them: the positions are the same as with every file kept."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLES

from resilint import locate


@pytest.mark.parametrize("example", ["defects", "lindenau-planted"])
def test_positions_do_not_depend_on_what_the_locator_keeps(
    cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, example: str
) -> None:
    repository = tmp_path / example
    shutil.copytree(EXAMPLES / example, repository)
    command = ("check", str(repository), "--format", "json", "--no-cache")
    kept = cli(*command)
    read_again = []
    compose = locate.compose_text

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        read_again.append(args[0])
        return compose(*args, **kwargs)

    monkeypatch.setattr(locate, "HELD", 1)  # one file at a time
    monkeypatch.setattr(locate, "compose_text", counted)
    one_at_a_time = cli(*command)
    assert one_at_a_time.exit_code == kept.exit_code != 0
    assert one_at_a_time.json()["findings"] == kept.json()["findings"]
    assert len(kept.json()["findings"]) > 20
    assert read_again  # files were read again, and placed the same
