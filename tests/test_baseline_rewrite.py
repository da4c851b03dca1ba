"""`resilint baseline` rewriting a baseline, through the CLI: while a schema error stands, the
entries of findings gone (perhaps for that error alone: a tier imported as "1" is no tier 1, and
its contract's step-in finding goes) are kept, so that the finding is not new once the error is
mended; without one, gone entries are dropped and it says how many, naming the codes this run
no longer has as rules. BSL-01 does not call such an entry fixed."""

from __future__ import annotations

import json
from pathlib import Path

AS_OF = "2026-11-26"
SUPPLIER = "apiVersion: resilint/v1\nkind: Supplier\nid: acme\ntier: 1\n---\n"
CONTRACT = """\
apiVersion: resilint/v1
kind: Contract
id: ctr-acme
supplier: acme
covers_ict_services: true
"""
CONFIG = {"profiles": [], "select": ["CTR-08", "BSL-01"], "rules": {"CTR-08": {"level": "error"}}}


def recorded() -> list[str]:
    return [e["code"] for e in json.loads(Path(".resilint-baseline.json").read_text())["findings"]]


def check(cli):
    result = cli(
        "check", "--format", "json", "--as-of", AS_OF, "--baseline", ".resilint-baseline.json"
    )
    return result, result.json()["findings"]


def test_rewriting_while_a_schema_error_stands_keeps_the_entries_it_hides(cli, write) -> None:
    write("resilint.yaml", json.dumps(CONFIG))
    write("repo.yaml", SUPPLIER + CONTRACT)
    assert cli("baseline", "--as-of", AS_OF).exit_code == 0
    assert recorded() == ["CTR-08"]
    write("repo.yaml", SUPPLIER.replace("tier: 1", 'tier: "1"') + CONTRACT)
    result = cli("baseline", "--as-of", AS_OF)
    assert result.exit_code == 0
    assert sorted(recorded()) == ["CTR-08", "SCH-01"]  # the step-in entry is kept
    assert (
        "kept 1 entry whose finding is gone: a schema error stands (the first at repo.yaml:4)"
        in (result.stderr)
    )
    assert "fix the schema errors, then run `resilint baseline` again" in result.stderr
    write("repo.yaml", SUPPLIER + CONTRACT)  # mended: the finding is accepted, not new
    result, found = check(cli)
    assert result.exit_code == 0
    assert [f["code"] for f in found if not f["suppressed"]] == ["BSL-01"]  # SCH-01's entry
    result = cli("baseline", "--as-of", AS_OF)
    assert recorded() == ["CTR-08"]
    assert "dropped 1 entry of the previous baseline whose finding is gone" in result.stderr


def test_entries_of_rules_no_longer_run_are_said_so_and_dropped(cli, write) -> None:
    write("resilint.yaml", json.dumps(CONFIG))
    write("repo.yaml", SUPPLIER + CONTRACT)
    assert cli("baseline", "--as-of", AS_OF).exit_code == 0
    baseline = json.loads(Path(".resilint-baseline.json").read_text())
    old = dict(baseline["findings"][0], code="CTR-99", fingerprint="0" * 32)
    baseline["findings"].append(old)
    Path(".resilint-baseline.json").write_text(json.dumps(baseline, indent=2))
    result, found = check(cli)
    [said] = [f["message"] for f in found if f["code"] == "BSL-01"]
    assert not said.startswith("fixed")
    assert said.startswith("CTR-99 on Contract ctr-acme: CTR-99 is not a rule of this run")
    assert "run `resilint baseline` to drop it" in said
    result = cli("baseline", "--as-of", AS_OF)
    assert recorded() == ["CTR-08"]
    assert "1 of them of CTR-99, which this run no longer has as rules" in result.stderr


def test_a_broken_baseline_is_rewritten(cli, write) -> None:
    write("resilint.yaml", json.dumps(CONFIG))
    write("repo.yaml", SUPPLIER + CONTRACT)
    write(".resilint-baseline.json", "{not json")
    assert cli("baseline", "--as-of", AS_OF).exit_code == 0
    assert recorded() == ["CTR-08"]
