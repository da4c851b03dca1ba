"""REF-04: a chain of single references to the same kind that must end (an entity's parent, the
contract a contract falls under, the policy an excess layer sits over) but loops. Every case
runs the CLI on real files."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import EXAMPLES


def entity(doc_id: str, parent: str | None = None) -> str:
    text = f"apiVersion: resilint/v1\nkind: Entity\nid: {doc_id}\nname: {doc_id}\n"
    return text + (f"parent: {parent}\n" if parent else "")


def contract(doc_id: str, over: str) -> str:
    return (
        f"apiVersion: resilint/v1\nkind: Contract\nid: {doc_id}\nsupplier: acme\n"
        f"overarching_contract: {over}\n"
    )


def loops(cli, *paths: str) -> list[dict[str, object]]:
    result = cli("check", *(paths or (".",)), "--no-cache", "--format", "json")
    return [f for f in result.json()["findings"] if f["code"] == "REF-04"]


def test_two_entities_each_the_others_parent_are_one_finding_at_the_first(cli, write) -> None:
    write("b.yaml", entity("group-it", "group-bank"))
    write("a.yaml", entity("group-bank", "group-it"))
    [loop] = loops(cli)
    assert (loop["path"], loop["line"], loop["column"]) == ("a.yaml", 5, 9)
    message = str(loop["message"])
    assert "entity group-bank comes back to itself through parent: " in message
    assert "group-bank -> group-it -> group-bank" in message
    assert "ultimate parent, which records no parent" in message
    assert [(r["path"], r["line"]) for r in loop["related"]] == [("b.yaml", 5)]  # type: ignore[index]


def test_an_entity_that_is_its_own_parent(cli, write) -> None:
    write("a.yaml", entity("solo", "solo"))
    [loop] = loops(cli)
    assert "entity solo names itself in parent" in str(loop["message"])


def test_a_chain_into_a_loop_is_reported_once_and_a_chain_that_ends_not_at_all(cli, write) -> None:
    write(
        "a.yaml",
        "---\n".join(
            [
                entity("top"),
                entity("mid", "top"),
                entity("leaf", "mid"),  # ends: no finding
                entity("x", "y"),
                entity("y", "z"),
                entity("z", "x"),
                entity("feeder", "x"),  # leads into the loop: the loop is reported, once
            ]
        ),
    )
    [loop] = loops(cli)
    assert "x -> y -> z -> x" in str(loop["message"])


def test_contracts_and_insurance_layers_that_loop(cli, write) -> None:
    write("s.yaml", "apiVersion: resilint/v1\nkind: Supplier\nid: acme\nname: Acme\ntier: 3\n")
    write(
        "c.yaml",
        "---\n".join([contract("c1", "c3"), contract("c2", "c1"), contract("c3", "c2")]),
    )
    policy = (
        "apiVersion: resilint/v1\nkind: InsurancePolicy\nid: {id}\ninsurer: Insurer\n"
        "layer: {{position: excess, sits_over: {over}, follows_form: true}}\n"
    )
    write(
        "p.yaml",
        policy.format(id="xs1", over="xs2") + "---\n" + policy.format(id="xs2", over="xs1"),
    )
    found = {str(f["path"]): str(f["message"]) for f in loops(cli)}
    assert "c1 -> c3 -> c2 -> c1" in found["c.yaml"] and "framework agreement" in found["c.yaml"]
    assert "xs1 -> xs2 -> xs1" in found["p.yaml"] and "primary policy" in found["p.yaml"]


def test_a_loop_in_the_group_fails_the_check_and_is_what_the_register_would_file(
    cli, tmp_path: Path
) -> None:
    repo = tmp_path / "bank"
    shutil.copytree(EXAMPLES / "havelbank", repo, ignore=shutil.ignore_patterns(".resilint_cache"))
    clean = cli("check", str(repo), "--no-cache")
    assert clean.exit_code == 0, clean.stdout
    entities = repo / "entities.yaml"
    text = entities.read_text(encoding="utf-8")
    assert "\nid: hb-bank\n" in text
    entities.write_text(text.replace("\nid: hb-bank\n", "\nid: hb-bank\nparent: hb-it\n", 1))
    result = cli("check", str(repo), "--no-cache")
    assert result.exit_code == 1
    assert "REF-04 error entity hb-bank comes back to itself through parent" in result.stdout
