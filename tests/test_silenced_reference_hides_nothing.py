"""A reference REF-01 reports as most likely meaning another document (a plan naming function
``last-mile`` for ``last-mile-delivery``) makes the rules counting referrers wait for it to be
mended. Silenced, it is accepted as it is, whatever silences it: an inline comment, the
baseline or ``per_file_ignores`` hide nothing, as a Waiver of REF-01 hides nothing, so BCM-07
says that ``last-mile-delivery`` has no plan. A baseline records that gap with the reference's
REF-01, and a cached run follows the comment as it comes and goes (through the CLI)."""

from __future__ import annotations

import json
import time
from pathlib import Path

from one_file import check, doc, repo

PROGRAMME = repo(
    doc("BusinessFunction", "last-mile-delivery", "criticality: critical\n"),
    doc("ContinuityPlan", "bcp-last-mile", "function: last-mile\nowner: head-of-logistics\n"),
)
INLINE = PROGRAMME.replace(
    "function: last-mile\n",
    'function: last-mile  # resilint: ignore[REF-01] reason="the subsidiary\'s own function"\n',
)


def found(cli, write, text: str, extra: dict[str, object] | None = None) -> list[tuple[str, bool]]:
    return sorted((f["code"], f["suppressed"]) for f in check(cli, write, text, ["BCM-07"], extra))


def test_an_inline_comment_silencing_the_reference_hides_nothing(cli, write) -> None:
    assert found(cli, write, PROGRAMME) == []
    assert found(cli, write, INLINE) == [("BCM-07", False)]


def test_per_file_ignores_of_the_reference_hide_nothing(cli, write) -> None:
    ignored = {"per_file_ignores": {"repo.yaml": ["REF-01"]}}
    assert found(cli, write, PROGRAMME, ignored) == [("BCM-07", False)]


def _codes(cli, repo_dir: Path, *more: str) -> list[tuple[str, bool]]:
    run = cli("check", ".", "-f", "json", "--as-of", "2026-12-01", *more, cwd=repo_dir)
    return sorted((f["code"], f["suppressed"]) for f in json.loads(run.stdout)["findings"])


def test_a_baselined_reference_hides_nothing_and_the_baseline_holds_the_gap(
    cli, tmp_path: Path
) -> None:
    (tmp_path / "resilint.yaml").write_text(json.dumps({"profiles": [], "select": ["BCM-07"]}))
    (tmp_path / "repo.yaml").write_text(PROGRAMME, encoding="utf-8")
    cli("baseline", ".", "--as-of", "2026-12-01", cwd=tmp_path)
    recorded = json.loads((tmp_path / ".resilint-baseline.json").read_text(encoding="utf-8"))
    entries = recorded["findings"] if isinstance(recorded, dict) else recorded
    assert sorted(e["code"] for e in entries) == ["BCM-07", "REF-01"]
    baseline = ("--baseline", ".resilint-baseline.json")
    assert _codes(cli, tmp_path, "--no-cache", *baseline) == [("BCM-07", True), ("REF-01", True)]
    # a baseline holding the reference alone (recorded before) lets the gap through, said
    entries[:] = [e for e in entries if e["code"] == "REF-01"]
    (tmp_path / ".resilint-baseline.json").write_text(json.dumps(recorded), encoding="utf-8")
    assert _codes(cli, tmp_path, "--no-cache", *baseline) == [("BCM-07", False), ("REF-01", True)]


def test_a_cached_run_follows_the_comment(cli, tmp_path: Path) -> None:
    (tmp_path / "resilint.yaml").write_text(json.dumps({"profiles": [], "select": ["BCM-07"]}))
    plan = tmp_path / "repo.yaml"
    for text, expected in (
        (PROGRAMME, [("REF-01", False)]),
        (INLINE, [("BCM-07", False), ("REF-01", True)]),
        (PROGRAMME, [("REF-01", False)]),
    ):
        plan.write_text(text, encoding="utf-8")
        time.sleep(0.05)  # the file settles before the run keeps anything of it
        assert _codes(cli, tmp_path) == expected
