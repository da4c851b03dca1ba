"""A broken file holds documents resilint cannot see: rule findings about documents it names
are held back and counted once (REF-03) beside its error, never reported as missing documents;
the run still fails, and once the file reads they are judged again."""

from __future__ import annotations

from pathlib import Path

FUNCTIONS = """\
apiVersion: resilint/v1
kind: BusinessFunction
id: grid-operation
criticality: critical
---
apiVersion: resilint/v1
kind: BusinessFunction
id: billing
criticality: critical
"""

PLAN = """\
apiVersion: resilint/v1
kind: ContinuityPlan
id: grid-operation-manual
function: grid-operation
manual_procedure: {description: SCADA down, or we suspect a compromise}
"""


def _repo(write, plan: str) -> None:
    write("resilint.yaml", "profiles: []\nselect: [BCM-07]\n")
    write("functions.yaml", FUNCTIONS)
    write("plans.yaml", plan)


def test_findings_a_broken_file_may_explain_are_held_back(cli, write, tmp_path: Path) -> None:
    _repo(write, PLAN.replace("{description: SCADA down, or", "{description: SCADA down, and, or"))
    run = cli("check", str(tmp_path), "--format", "json", "--no-cache")
    assert run.exit_code == 2  # the file that cannot be read still fails the run
    found = run.json()["findings"]
    codes = sorted(f["code"] for f in found)
    # billing has no plan and the broken file does not name it: still reported
    assert [f["id"] for f in found if f["code"] == "BCM-07"] == ["billing"]
    (held,) = [f for f in found if f["code"] == "REF-03"]
    syntax = next(f for f in found if f["code"].startswith("YML"))
    assert (held["path"], held["line"]) == (syntax["path"], syntax["line"])
    assert "1 finding of the rules (BCM-07) about documents that" in held["message"]
    assert "BusinessFunction grid-operation" in held["message"]
    assert [r["message"].split(":")[0] for r in held["related"]] == ["BCM-07"]
    assert held["level"] == "warning" and "YML" in " ".join(codes)


def test_once_the_file_reads_the_findings_are_judged_again(cli, write, tmp_path: Path) -> None:
    _repo(
        write, PLAN.replace("SCADA down, or we suspect a compromise", '"SCADA down, or we suspect"')
    )
    run = cli("check", str(tmp_path), "--format", "json", "--no-cache")
    found = run.json()["findings"]
    assert [(f["code"], f["id"]) for f in found] == [("BCM-07", "billing")]
    # and a finding about a document only the broken file could hold is not hidden when the
    # file that breaks names nothing of it
    _repo(write, "apiVersion: resilint/v1\nkind: ContinuityPlan\nid: x\nfunction: [\n")
    found = cli("check", str(tmp_path), "--format", "json", "--no-cache").json()["findings"]
    assert sorted(f["id"] for f in found if f["code"] == "BCM-07") == ["billing", "grid-operation"]
    assert not [f for f in found if f["code"] == "REF-03"]


def test_a_document_without_an_id_is_reported_once_until_it_has_one(cli, write) -> None:
    """Its rule findings could only call it "supplier None": SCH-01 says what to fix, and its
    gaps follow once it is named. A named document in the same file keeps its findings."""
    unnamed = "apiVersion: resilint/v1\nkind: Supplier\nname: Acme\ntier: 1\n"
    named = "apiVersion: resilint/v1\nkind: Supplier\nid: beta\nname: Beta\ntier: 1\n"
    write("s.yaml", unnamed + "---\n" + named)
    result = cli("check", "--format", "json", "--no-cache", "--as-of", "2026-11-26")
    found = result.json()["findings"]
    assert result.exit_code == 1
    assert [f["code"] for f in found if f["line"] < 5] == ["SCH-01"]
    assert not any("None" in f["message"] or "(not set)" in f["message"] for f in found)
    assert {f["id"] for f in found if f["code"] != "SCH-01"} == {"beta"}
    write("s.yaml", unnamed.replace("name: Acme", "id: acme\nname: Acme") + "---\n" + named)
    again = cli("check", "--format", "json", "--no-cache", "--as-of", "2026-11-26").json()
    assert {f["id"] for f in again["findings"]} == {"acme", "beta"}


def test_a_suppressed_missing_id_leaves_the_documents_findings_reported(cli, write) -> None:
    """With its SCH-01 suppressed (per_file_ignores), nothing would fail the run: the rules'
    findings on the document without an id are reported, not dropped silently."""
    write("s.yaml", "apiVersion: resilint/v1\nkind: Supplier\nname: Acme\ntier: 1\n")
    write("resilint.yaml", 'per_file_ignores: {"s.yaml": [SCH-01]}\n')
    result = cli("check", "--format", "json", "--no-cache", "--as-of", "2026-11-26")
    found = [f for f in result.json()["findings"] if not f["suppressed"]]
    assert result.exit_code == 1
    assert found and all(f["code"] != "SCH-01" for f in found)


def test_the_broken_file_is_named_from_the_repository_root(cli, write, tmp_path: Path) -> None:
    """Run from a subdirectory, REF-03 named the broken file relative to it (``../plans.yaml``);
    it is named from the repository's root, as its other messages are."""
    _repo(write, PLAN.replace("{description: SCADA down, or", "{description: SCADA down, and, or"))
    write("sub/note.txt", "not a document\n")
    run = cli("check", str(tmp_path), "--format", "json", "--no-cache", cwd=tmp_path / "sub")
    (held,) = [f for f in run.json()["findings"] if f["code"] == "REF-03"]
    assert "about documents that plans.yaml names" in held["message"], held["message"]
