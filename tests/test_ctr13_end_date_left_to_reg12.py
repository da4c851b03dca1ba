"""An automatically renewing contract past its recorded end date is one gap: REG-12 (the
register's column) says it where the register's rules run, and CTR-13 says it where they do
not, never both."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import EXAMPLES

CONTRACT = "contracts/corebanq.yaml"


def _bank(tmp_path: Path) -> Path:
    repo = tmp_path / "bank"
    shutil.copytree(EXAMPLES / "havelbank", repo, ignore=shutil.ignore_patterns(".resilint_cache"))
    path = repo / CONTRACT
    text = path.read_text(encoding="utf-8")
    old = "end_date: 2031-12-31\nauto_renew: false"
    assert old in text
    new = "end_date: 2026-06-30\nauto_renew: true\nrenewal_term_months: 12"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return repo


def _at_end_date(cli, repo: Path, *extra: str) -> list[str]:
    run = cli("check", ".", "--no-cache", "-f", "json", "--as-of", "2026-12-31", *extra, cwd=repo)
    return [
        f["code"]
        for f in json.loads(run.stdout)["findings"]
        if f["path"] == CONTRACT
        and f["json_path"] == "end_date"
        and f["code"] in ("CTR-13", "REG-12")
    ]


def test_the_passed_end_date_is_one_finding(cli, tmp_path: Path) -> None:
    repo = _bank(tmp_path)
    assert _at_end_date(cli, repo) == ["REG-12"]


def test_without_the_register_rules_ctr13_says_it(cli, tmp_path: Path) -> None:
    repo = _bank(tmp_path)
    assert _at_end_date(cli, repo, "--ignore", "REG-12") == ["CTR-13"]
