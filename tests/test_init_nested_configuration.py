"""``resilint init`` in a repository whose programme lives in a folder with a configuration of
its own (``programme/resilint.yaml``): a configuration written above it would make every check
there refuse the folder. init writes none where nothing else is to be checked, and says how to
check the folder; where documents lie beside it, the one it writes excludes the folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "havelbank"


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(EXAMPLE, root / "programme", ignore=shutil.ignore_patterns(".resilint_cache"))
    return root


def test_no_configuration_above_a_configured_programme(cli, repository: Path) -> None:
    result = cli("init", cwd=repository)
    assert result.exit_code == 0, result.stderr
    assert not (repository / "resilint.yaml").exists()
    assert "configuration of its own in programme/" in result.stdout
    assert "Next: run `resilint check programme`" in result.stdout
    assert (repository / ".pre-commit-config.yaml").exists()  # the rest is written
    assert cli("check", "programme", cwd=repository).exit_code == 0


def test_documents_beside_a_configured_programme_are_checked_without_it(
    cli, repository: Path
) -> None:
    shutil.copy(repository / "programme" / "entities.yaml", repository / "entities.yaml")
    result = cli("init", cwd=repository)
    assert result.exit_code == 0, result.stderr
    config = yaml.safe_load((repository / "resilint.yaml").read_text(encoding="utf-8"))
    assert config["exclude"] == ["/programme/"]
    assert "excluded programme/ in resilint.yaml" in result.stdout
    # before, every check here was refused: a folder with a configuration of its own
    check = cli("check", cwd=repository)
    assert check.exit_code == 0, check.stderr
    assert "Checked 1 file" in check.stdout


def test_an_odd_folder_name_is_excluded_as_written(cli, repository: Path) -> None:
    (repository / "programme").rename(repository / "prog #1, [eu]")
    shutil.copy(repository / "prog #1, [eu]" / "entities.yaml", repository / "entities.yaml")
    (repository / "sub" / "programme").mkdir(parents=True)  # a folder of that name elsewhere
    shutil.copy(repository / "entities.yaml", repository / "sub" / "programme" / "more.yaml")
    assert cli("init", cwd=repository).exit_code == 0
    config = yaml.safe_load((repository / "resilint.yaml").read_text(encoding="utf-8"))
    assert config["exclude"] == ["/prog #1, \\[eu\\]/"]
    check = cli("check", cwd=repository)
    # the folder, and it alone, is left out: both copies of the entities are read (DOC-02)
    assert check.exit_code == 1 and "DOC-02" in check.stdout, check.stderr
    assert "Checked 2 files" in check.stdout
