from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from resilint.cli import main

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"


def python_json(code: str, pycache: Path, **env: str) -> dict[str, Any]:
    """Run ``code`` in a new Python writing its bytecode under ``pycache`` (what resilint keeps
    beside it included) and return the JSON it prints."""
    environ = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    environ |= {"PYTHONPATH": str(REPO), "PYTHONPYCACHEPREFIX": str(pycache), **env}
    done = subprocess.run(
        [sys.executable, "-c", code], env=environ, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)  # type: ignore[no-any-return]


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def lines(self) -> list[str]:
        return self.stdout.splitlines()

    def json(self) -> Any:
        return json.loads(self.stdout)

    def codes(self) -> list[str]:
        return [finding["code"] for finding in self.json()["findings"]]


@pytest.fixture(autouse=True)
def _private_cache_secret(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keep the cache's signing secret out of the user's home during tests."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.getbasetemp() / "xdg-cache"))


@pytest.fixture
def short_dir() -> Iterator[Path]:
    """A directory with a short path, for a Unix socket under it: a socket's path holds at most
    107 bytes, which pytest's own temporary directories (under pytest-xdist, a worker's too)
    can exceed."""
    directory = Path(tempfile.mkdtemp(prefix="rl-", dir="/tmp" if Path("/tmp").is_dir() else None))
    try:
        yield directory
    finally:
        shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    """Run the resilint CLI in-process on real files, in ``tmp_path`` unless ``cwd`` is given."""

    def run(*args: str, cwd: Path | None = None) -> Run:
        monkeypatch.chdir(cwd or tmp_path)
        result = CliRunner().invoke(main, list(args), catch_exceptions=False)
        return Run(result.exit_code, result.stdout, result.stderr)

    return run


def copy_example(name: str, tmp_path: Path) -> Path:
    """A copy of a bundled example repository, without a cache an earlier run left in it."""
    target = tmp_path / name
    shutil.copytree(EXAMPLES / name, target, ignore=shutil.ignore_patterns(".resilint_cache"))
    return target


@pytest.fixture
def write(tmp_path: Path):
    """Write a file (text is dedented; bytes are written as they are) and return its path."""

    def put(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
        return path

    return put
