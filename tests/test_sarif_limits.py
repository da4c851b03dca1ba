"""A SARIF run larger than GitHub code scanning takes is said so on standard error: it shows
the top 5,000 results of a run and rejects one of more than 25,000."""

from __future__ import annotations

import json
from pathlib import Path

from resilint.reporters.sarif import github_limits_note


def contracts(count: int) -> str:
    """``count`` contracts, each naming a supplier the repository does not hold (REF-01)."""
    return "---\n".join(
        f"apiVersion: resilint/v1\nkind: Contract\nid: c{n}\nsupplier: s{n}\n" for n in range(count)
    )


def test_more_results_than_github_shows_is_said(cli, tmp_path: Path) -> None:
    (tmp_path / "resilint.yaml").write_text("profiles: []\nselect: [SCH]\n")
    (tmp_path / "contracts.yaml").write_text(contracts(5001))
    run = cli("check", "--no-cache", "--format", "sarif", cwd=tmp_path)
    assert run.exit_code == 1
    assert len(json.loads(run.stdout)["runs"][0]["results"]) == 5001
    assert "the SARIF output holds 5,001 results; GitHub code scanning shows only the top" in (
        run.stderr
    )
    # written to a file beside the text output: said too
    run = cli("check", "--no-cache", "-o", "sarif=out.sarif", cwd=tmp_path)
    assert (tmp_path / "out.sarif").is_file() and "5,001 results" in run.stderr
    # within the limits, or another format: nothing said
    (tmp_path / "contracts.yaml").write_text(contracts(50))
    assert "GitHub" not in cli("check", "--no-cache", "--format", "sarif", cwd=tmp_path).stderr
    (tmp_path / "contracts.yaml").write_text(contracts(5001))
    assert "GitHub" not in cli("check", "--no-cache", "--format", "json", cwd=tmp_path).stderr


def test_a_run_github_rejects_is_said_to_be_rejected() -> None:
    assert "rejects a run of more than 25,000: its upload will fail" in github_limits_note(25001)
    assert "shows only the top 5,000" in github_limits_note(25000)
    assert github_limits_note(5000) == ""
