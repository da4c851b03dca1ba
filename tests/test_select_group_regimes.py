"""A group of codes on the command line chooses rules, not regimes: `--select CTR` on a
programme no entity of which is under DORA or NYDFS runs the contract rules without telling
every contract that it lacks DORA Art. 30's or 23 NYCRR 500.11(b)'s clauses. A rule named by
its own code applies everywhere, as the README says."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from tests.conftest import copy_example

REGULATORY = {"CTR-01", "CTR-02", "CTR-09", "CTR-10", "CTR-11", "CTR-12", "CTR-16"}


def _codes(cli, repo: Path, *args: str) -> Counter[str]:
    run = cli("check", ".", "--format", "json", "--no-cache", *args, cwd=repo)
    assert run.exit_code in (0, 1), run.stderr
    return Counter(f["code"] for f in json.loads(run.stdout)["findings"])


def test_a_group_keeps_regulatory_rules_to_what_falls_under_them(cli, tmp_path: Path) -> None:
    repo = copy_example("northwind", tmp_path)  # no entity under DORA, NIS2 or NYDFS
    found = _codes(cli, repo, "--select", "CTR")
    assert not set(found) & REGULATORY, found


def test_a_groups_own_programme_rules_still_run(cli, tmp_path: Path) -> None:
    repo = copy_example("lindenau", tmp_path)  # a bank under DORA beside NIS2 entities
    by_group = _codes(cli, repo, "--select", "CTR")
    whole = _codes(cli, repo)
    # the group finds what a full run finds of its rules, no more: DORA's and NYDFS's rules
    # say nothing of the contracts no entity under them signs or uses
    assert by_group == Counter({c: n for c, n in whole.items() if c.startswith("CTR-")})


def test_a_rule_named_by_its_code_applies_everywhere(cli, tmp_path: Path) -> None:
    repo = copy_example("northwind", tmp_path)
    found = _codes(cli, repo, "--select", "CTR-01")
    assert set(found) == {"CTR-01"} and found["CTR-01"] > 0
