"""A clause id misspelt in a contract (``nis2.staff_trainng`` for ``nis2.staff_training``, a
letter left out) used to pass unseen: no rule and no clause library reads a clause under an id
it does not know, and the rule asking for the clause said only that the contract lacks it (or
does not record it), without a word of the slip a few lines below. CTR-18 now names the id
meant at the misspelt id's own line and column, and the finding of the rule that asks for the
clause says that the contract holds the near miss, pointing at it. A valid id of another clause
or regime, an id near none and an id as near to two are left as they were. Through the CLI on
real files: a copy of examples/northwind, and one-file programmes of a firm under DORA."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from one_file import AS_OF, doc, repo

NORTHWIND = Path(__file__).resolve().parent.parent / "examples" / "northwind"
NIMBARA = "contracts/nimbara-cloud.yaml"
LIBRARY = "clauses/standard-clauses.yaml"


def _northwind(tmp_path: Path, *, misspelt: bool, nis2_kind: str | None = None) -> Path:
    """A copy of examples/northwind, with nis2.staff_training written nis2.staff_trainng in the
    Nimbara cloud contract where ``misspelt``, and its NIS2 entity of another kind (one that
    Implementing Regulation (EU) 2024/2690 binds, so that CTR-12 asks for the clause)."""
    root = tmp_path / "northwind"
    shutil.copytree(NORTHWIND, root)
    if misspelt:
        contract = root / NIMBARA
        text = contract.read_text(encoding="utf-8")
        assert text.count("  nis2.staff_training:\n") == 1
        contract.write_text(text.replace("  nis2.staff_training:\n", "  nis2.staff_trainng:\n"))
    if nis2_kind is not None:
        entities = root / "entities" / "entities.yaml"
        text = entities.read_text(encoding="utf-8")
        old = "nis2_entity_type: other"
        assert text.count(old) == 1
        entities.write_text(text.replace(old, f"nis2_entity_type: {nis2_kind}"))
    return root


def _place(path: Path, needle: str) -> tuple[int, int]:
    """The line and column (1-based) where ``needle`` starts in the file."""
    for number, row in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in row:
            return number, row.index(needle) + 1
    raise AssertionError(f"{needle} not in {path}")


def test_a_misspelt_clause_id_is_named_at_its_line_with_the_id_meant(cli, tmp_path: Path) -> None:
    """Northwind's NIS2 entity is of no kind CTR-12 checks, so no rule asks for the clause: the
    misspelling went unseen (exit 0, no findings). CTR-18 now says it at the id."""
    root = _northwind(tmp_path, misspelt=True)
    line, column = _place(root / NIMBARA, "nis2.staff_trainng:")
    library_line, library_column = _place(root / LIBRARY, "nis2.staff_training")
    result = cli("check", ".", "--no-cache", cwd=root)
    assert result.exit_code == 1, result.stdout
    assert result.lines[:2] == [
        f"{NIMBARA}:{line}:{column}: CTR-18 error contract ctr-nimbara-cloud-2024 records "
        "clause 'nis2.staff_trainng', which is not a clause of clause library "
        "nw-standard-clauses, nor an id any rule looks for; did you mean "
        "'nis2.staff_training'? Under this id no rule reads what the contract records of the "
        "clause: if that clause is meant, rename the key to nis2.staff_training; if it is a "
        "clause of its own, add it to the clause library",
        f"    {LIBRARY}:{library_line}:{library_column}: clause nis2.staff_training in "
        "clause library nw-standard-clauses",
    ]
    assert "1 finding (1 error)" in result.stdout
    clean = cli("check", ".", "--no-cache", cwd=_northwind(tmp_path / "clean", misspelt=False))
    assert clean.exit_code == 0 and "no findings" in clean.stdout


def test_the_finding_of_the_rule_asking_for_the_clause_points_at_the_near_miss(
    cli, tmp_path: Path
) -> None:
    """Of a managed service provider, CTR-12 asks the point 5.1.4(b) clause, which it reads under
    nis2.5.1.4.b or nis2.staff_training: the finding says the contract holds the near miss and
    shows its line; the did-you-mean is CTR-18's, at the id, said once."""
    root = _northwind(tmp_path, misspelt=True, nis2_kind="managed_service_provider")
    line, column = _place(root / NIMBARA, "nis2.staff_trainng:")
    result = cli("check", ".", "--no-cache", "--format", "json", cwd=root)
    assert result.exit_code == 1, result.stdout
    found = [f for f in result.json()["findings"] if not f["suppressed"]]  # a waived CON-04
    assert sorted(f["code"] for f in found) == ["CTR-12", "CTR-18"]
    [ctr12] = [f for f in found if f["code"] == "CTR-12"]
    assert "lacks the clause of point 5.1.4(b)" in ctr12["message"]
    assert ctr12["message"].endswith(
        "; the record holds 'nis2.staff_trainng' instead, a near miss of nis2.staff_training: "
        "if that is meant, write it as nis2.staff_training"
    )
    assert ctr12["related"] == [
        {
            "path": NIMBARA,
            "line": line,
            "column": column,
            "message": "'nis2.staff_trainng' is recorded here, a near miss of nis2.staff_training",
        }
    ]
    assert "did you mean" not in ctr12["message"]
    [ctr18] = [f for f in found if f["code"] == "CTR-18"]
    assert (ctr18["path"], ctr18["line"], ctr18["column"]) == (NIMBARA, line, column)
    assert "did you mean 'nis2.staff_training'?" in ctr18["message"]
    # spelt right, the entity of that kind gives no finding at all
    clean = _northwind(tmp_path / "clean", misspelt=False, nis2_kind="managed_service_provider")
    assert cli("check", ".", "--no-cache", cwd=clean).exit_code == 0


FIRM = doc("Entity", "firm", "country: FR\nentity_type: investment_firm\nregimes: [dora]\n")
CRM = doc("Supplier", "crm", "provides_ict_services: true\n")
DORA_2 = [f"dora.30.2.{c}" for c in "abcdefghi"]


def _contract(written: dict[str, str | None], extra: str = "") -> str:
    """An ICT contract holding every DORA Art. 30(2) clause, those in ``written`` recorded under
    the key given (None: left out), then the ``extra`` clause lines."""
    lines = "".join(
        f'  {written.get(i, i)}: {{present: true, location: "Avenant DORA, {i}"}}\n'
        for i in DORA_2
        if written.get(i, i) is not None
    )
    body = (
        "supplier: crm\nentities: [firm]\nstatus: active\ncovers_ict_services: true\n"
        f"supports_critical_function: false\nclauses:\n{lines}{extra}"
    )
    return doc("Contract", "ctr-crm", body)


def _check(cli, write, *documents: str, output: str = "json") -> Any:
    """The run of CTR-01 and CTR-18 on a one-file repository of ``documents``."""
    write("resilint.yaml", json.dumps({"profiles": []}))
    write("repo.yaml", repo(*documents))
    return cli(
        "check", "repo.yaml", "--format", output, "--no-cache", "--as-of", AS_OF,
        "--select", "CTR-01,CTR-18",
    )  # fmt: skip


def _by_code(result: Any) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for finding in result.json()["findings"]:
        found.setdefault(finding["code"], []).append(finding)
    return found


def test_a_misspelt_dora_clause_id_is_linked_from_the_not_recorded_finding(
    cli, write, tmp_path: Path
) -> None:
    result = _check(cli, write, FIRM, CRM, _contract({"dora.30.2.c": "dora.30.2.cc"}))
    assert result.exit_code == 1, result.stdout
    line, column = _place(tmp_path / "repo.yaml", "dora.30.2.cc:")
    found = _by_code(result)
    [ctr01] = found["CTR-01"]
    assert "does not say whether it has the DORA Art. 30(2)(c) clause" in ctr01["message"]
    assert ctr01["message"].endswith(
        "; the record holds 'dora.30.2.cc' instead, a near miss of dora.30.2.c: if that is "
        "meant, write it as dora.30.2.c"
    )
    assert [(r["line"], r["column"]) for r in ctr01["related"]] == [(line, column)]
    [ctr18] = found["CTR-18"]
    assert (ctr18["line"], ctr18["column"], ctr18["json_path"]) == (
        line,
        column,
        "clauses.dora.30.2.cc",
    )
    assert ctr18["message"].startswith(
        "contract ctr-crm records clause 'dora.30.2.cc', which is not an id any rule looks "
        "for, and no clause library defines it; did you mean 'dora.30.2.c', the id CTR-01 "
        "looks for? "
    )


@pytest.mark.parametrize(
    "extra",
    [
        # other DORA points, the NIS2 and NYDFS clauses, the library's own: each a clause's id
        "  dora.30.3.c: {present: true}\n",
        "  nis2.5.1.4.b: {present: true}\n  nis2.staff_training: {present: true}\n",
        "  nydfs.500.11.b.1: {present: true}\n",
        "  acme.escrow: {present: true}\n",
    ],
)
def test_a_valid_clause_id_of_another_clause_gets_nothing_new(cli, write, extra: str) -> None:
    library = doc("ClauseLibrary", "library", "clauses:\n  - {id: acme.escrow}\n")
    result = _check(cli, write, FIRM, CRM, library, _contract({}, extra))
    assert result.exit_code == 0, result.stdout
    assert result.json()["findings"] == []


def test_a_valid_id_of_another_point_is_no_near_miss_of_the_missing_one(cli, write) -> None:
    """dora.30.3.c (Art. 30(3)(c)) where dora.30.2.c is missing: a clause of its own, one
    letter off, never taken for the missing one."""
    result = _check(cli, write, FIRM, CRM, _contract({"dora.30.2.c": "dora.30.3.c"}))
    assert result.exit_code == 1
    [ctr01] = _by_code(result)["CTR-01"]
    assert ctr01["message"] == _not_recorded(cli, write)
    assert ctr01["related"] == [] and "CTR-18" not in _by_code(result)


def _not_recorded(cli, write) -> str:
    """CTR-01's message where the contract leaves dora.30.2.c out: what it says today of a
    clause not recorded."""
    result = _check(cli, write, FIRM, CRM, _contract({"dora.30.2.c": None}))
    [finding] = result.json()["findings"]
    return str(finding["message"])


@pytest.mark.parametrize(
    "written",
    [
        "acme.force_majeure",  # near no id at all
        "dora.30.2.z",  # a letter off each of the nine points of Art. 30(2): neither
        "dora.30.4.c",  # a letter off in its numbers: another article, never a slip
    ],
)
def test_an_id_near_none_or_as_near_to_two_keeps_todays_output(cli, write, written: str) -> None:
    expected = _not_recorded(cli, write)
    result = _check(cli, write, FIRM, CRM, _contract({"dora.30.2.c": written}))
    assert result.exit_code == 1
    [finding] = result.json()["findings"]
    assert finding["code"] == "CTR-01"
    assert finding["message"] == expected and finding["related"] == []


def test_an_id_written_with_other_separators_is_named_at_its_line_too(
    cli, write, tmp_path: Path
) -> None:
    """The separators case keeps the words it had in CTR-01's finding (the id to write), which
    now shows the key's line; CTR-18 says it at the key as of a misspelling."""
    result = _check(cli, write, FIRM, CRM, _contract({"dora.30.2.c": "dora.30.2c"}))
    line, column = _place(tmp_path / "repo.yaml", "dora.30.2c:")
    found = _by_code(result)
    [ctr01] = found["CTR-01"]
    assert ctr01["message"].endswith(
        "; the record holds 'dora.30.2c' instead: if that is meant, write it as dora.30.2.c"
    )
    assert [(r["line"], r["column"]) for r in ctr01["related"]] == [(line, column)]
    [ctr18] = found["CTR-18"]
    assert (ctr18["line"], ctr18["column"]) == (line, column)
    assert "did you mean 'dora.30.2.c'" in ctr18["message"]


def test_a_key_the_schema_refuses_is_said_by_the_schema_error_alone(cli, write) -> None:
    """DORA-30-2-C is no id at all (ids are lower case): SCH-01 says so at the key, and CTR-18
    does not say it again there."""
    result = _check(cli, write, FIRM, CRM, _contract({"dora.30.2.c": "DORA-30-2-C"}))
    found = _by_code(result)
    assert sorted(found) == ["CTR-01", "SCH-01"]
    assert found["SCH-01"][0]["json_path"].startswith("clauses.DORA-30-2-C")


def test_a_library_id_misspelt_is_named_at_the_library(cli, write, tmp_path: Path) -> None:
    """A library defining nis2.staff_trainng, where CTR-12 looks for nis2.staff_training:
    contracts written after the library hold a clause no rule of the law reads."""
    library = doc(
        "ClauseLibrary", "library", "clauses:\n  - {id: nis2.staff_trainng, title: Training}\n"
    )
    result = _check(cli, write, FIRM, CRM, library, _contract({}))
    assert result.exit_code == 1
    line, column = _place(tmp_path / "repo.yaml", "nis2.staff_trainng")
    [ctr18] = result.json()["findings"]
    assert (ctr18["code"], ctr18["line"], ctr18["column"]) == ("CTR-18", line, column)
    assert ctr18["message"].startswith(
        "clause library library defines clause 'nis2.staff_trainng', which is not an id any "
        "rule looks for; did you mean 'nis2.staff_training', the id CTR-12 looks for?"
    )
