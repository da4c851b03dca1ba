"""A document whose first two lines (apiVersion and kind) were lost keeps its id and its fields,
and was passed over as another tool's YAML unless those fields told of one kind strongly: an
exercise or an evidence package so cut went unchecked, with status 0. Where resilint documents
lie in its folder it is DOC-03 now, at the document, naming the kind its fields tell of; one
whose fields tell of a kind clearly (an exercise's date, scenarios and participants) also where
they lie in a folder next to it; elsewhere (a website's data, a service descriptor in deploy/
with an id, a name and a tier) such YAML is still left alone. Through the CLI on real files,
with and without the cache, and the hook on a real git repository."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from tests.test_boundary import resilint

EXAMPLES = Path(__file__).parent.parent / "examples"
CUT = {
    "exercises/2027-02-claims-walkthrough.yaml": "kind: Exercise",
    "evidence/cyber-primary-2026-evidence.yaml": "kind: EvidencePackage",
}
BESIDE = "but neither a kind nor an apiVersion, beside resilint documents"


def _cut(path: Path) -> None:
    """The document's apiVersion and kind lines taken out, as a bad merge or edit leaves it."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith(("apiVersion:", "kind:"))]
    assert len(kept) == len(lines) - 2
    path.write_text("".join(kept), encoding="utf-8")


def _northwind(tmp_path: Path) -> Path:
    repo = tmp_path / "northwind"
    shutil.copytree(EXAMPLES / "northwind", repo)
    return repo


def _doc03(run: subprocess.CompletedProcess[str]) -> dict[str, str]:
    return {
        line.split(":", 1)[0]: line
        for line in run.stdout.splitlines()
        if " DOC-03 " in line and BESIDE in line
    }


def test_documents_without_apiversion_and_kind_beside_the_programme_fail_the_check(
    tmp_path: Path,
) -> None:
    repo = _northwind(tmp_path)
    clean = resilint(repo, "check", "--no-cache")
    assert clean.returncode == 0, clean.stdout
    for name in CUT:
        _cut(repo / name)
    for args in (("--no-cache",), (), ()):  # the cache filled, then read
        run = resilint(repo, "check", *args)
        assert run.returncode == 1, run.stdout + run.stderr
        found = _doc03(run)
        assert sorted(found) == sorted(CUT), run.stdout
        for name, kind in CUT.items():
            assert found[name].startswith(f"{name}:2:1: DOC-03 error"), found[name]
            assert kind in found[name], found[name]


def test_such_yaml_away_from_resilint_documents_is_left_alone(tmp_path: Path) -> None:
    """A website's data file with an id, a name and a date is another tool's YAML when no
    resilint document lies near it; beside the programme's folders it is reported."""
    repo = tmp_path / "repo"
    (repo / "programme" / "suppliers").mkdir(parents=True)
    (repo / "resilint.yaml").write_text("profiles: [baseline]\n", encoding="utf-8")
    supplier = (EXAMPLES / "northwind" / "suppliers").glob("*.yaml")
    shutil.copy(min(supplier), repo / "programme" / "suppliers")
    data = "id: launch-event\nname: Launch event\ndate: 2026-05-01\nstatus: planned\n"
    (repo / "site" / "data" / "events").mkdir(parents=True)
    (repo / "site" / "data" / "events" / "launch.yaml").write_text(data, encoding="utf-8")
    assert not _doc03(resilint(repo, "check", "--no-cache"))
    named = resilint(repo, "check", "--no-cache", "site/data/events/launch.yaml")
    assert named.returncode == 2 and "DOC-04" in named.stdout, named.stdout + named.stderr
    assert not _doc03(named)
    # nor does an id beside the programme with no field of any resilint kind make a finding
    (repo / "programme" / "notes.yaml").write_text("id: x\ncolour: blue\n", encoding="utf-8")
    assert not _doc03(resilint(repo, "check", "--no-cache"))
    # a service descriptor next to the programme's folders: an id, a name and a tier
    (repo / "programme" / "deploy").mkdir()
    service = "id: billing\nname: Billing\nowner: team-a\ntier: 1\nservices: [api]\n"
    (repo / "programme" / "deploy" / "service.yaml").write_text(service, encoding="utf-8")
    assert not _doc03(resilint(repo, "check", "--no-cache"))
    # the same in the suppliers' own folder is a supplier that lost its first lines
    (repo / "programme" / "suppliers" / "billing.yaml").write_text(service, encoding="utf-8")
    run = resilint(repo, "check", "--no-cache")
    assert list(_doc03(run)) == ["programme/suppliers/billing.yaml"], run.stdout
    (repo / "programme" / "suppliers" / "billing.yaml").unlink()
    # an exercise alone in a folder next to the suppliers' tells of its kind clearly
    (repo / "programme" / "exercises").mkdir()
    (repo / "programme" / "exercises" / "launch.yaml").write_text(
        data + "scenarios: [ransomware]\nparticipants: [cfo]\n", encoding="utf-8"
    )
    run = resilint(repo, "check", "--no-cache")
    assert list(_doc03(run)) == ["programme/exercises/launch.yaml"], run.stdout
    assert "kind: Exercise" in run.stdout and run.returncode == 1


def test_the_hook_stops_the_commit_that_cuts_the_lines(tmp_path: Path) -> None:
    repo = _northwind(tmp_path)
    for args in (
        ("init", "-q", "-b", "main"),
        ("config", "user.email", "risk@example.com"),
        ("config", "user.name", "Risk Team"),
        ("add", "-A"),
        ("commit", "-qm", "programme"),
    ):
        subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)
    name = "exercises/2027-02-claims-walkthrough.yaml"
    _cut(repo / name)
    subprocess.run(["git", "add", name], cwd=repo, check=True)
    run = resilint(repo, "pre-commit", name)
    assert run.returncode == 1, run.stdout + run.stderr
    assert list(_doc03(run)) == [name], run.stdout
