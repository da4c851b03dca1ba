"""A business function that lists one supplier many times over (aliases of one entry, each
document under the alias limit) is reported once by SCH-01 and walked once by the dependency
graph: every repeat used to be a step of the walk, so five such documents of 49,000 entries in
one file took seconds. The walk's budget (``WALK_LINKS``), lowered here, shows the steps."""

from __future__ import annotations

import pytest

from resilint.domain import graph

SUPPLIER = """
    apiVersion: resilint/v1
    kind: Supplier
    id: acme
    name: Acme
    tier: 2
"""


def _function(n: int, repeats: int) -> str:
    return (
        f"apiVersion: resilint/v1\nkind: BusinessFunction\nid: g{n}\nname: F\nowner: me\n"
        "criticality: important\nrto_hours: 4\nrpo_hours: 4\nmtpd_hours: 8\n"
        "depends_on:\n  suppliers: [&a acme" + ", *a" * repeats + "]\n"
    )


def test_a_repeated_supplier_is_walked_once(cli, write, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(graph, "WALK_LINKS", 1_000)
    write("sup.yaml", SUPPLIER)
    write("fn.yaml", "---\n".join(_function(n, 2_000) for n in range(5)))
    result = cli("check", "--no-cache", "--format", "json", ".")
    assert result.exit_code == 1, result.stdout
    assert "could not all be followed" not in result.stdout
    assert result.stdout.count("lists the same item more than once") == 5
    assert "critical or important business functions rest on it (g0, g1, g2, g3, g4)" in (
        result.stdout
    )


def test_references_with_no_id_alike_are_compared_with_nothing(
    cli, write, monkeypatch: pytest.MonkeyPatch
) -> None:
    """49,000 unknown references (under every limit), none sharing a first letter with a
    supplier's id, each went through the whole suggestion machinery with no choice to make:
    a quarter of the check's time. The findings stay as they were."""
    from resilint import suggest

    compared: list[str] = []
    spelling = suggest.close_match

    def counted(word: str, options: list[str], *args: object, **kwargs: object) -> str | None:
        compared.append(word)
        return spelling(word, options, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(suggest, "close_match", counted)
    write("sup.yaml", SUPPLIER)
    names = ", ".join(f"s{i}" for i in range(200))
    write("fn.yaml", _function(0, 0).replace("[&a acme]", f"[acme, {names}, acmee]"))
    result = cli("check", "--no-cache", "-j", "1", ".")
    assert result.exit_code == 1, result.stdout
    assert result.stdout.count("REF-01") == 201
    assert "names supplier 's7', which does not exist\n" in result.stdout
    assert "names supplier 'acmee', which does not exist; did you mean 'acme'?" in result.stdout
    assert compared == ["acmee"]


def test_a_repeated_value_is_judged_once_by_the_schema(
    cli, write, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Explaining why a document fails its schema judged each item of a list: a list of one
    supplier repeated 49,000 times cost seconds a document. A value that passed is not judged
    again where the list repeats it; one that fails is reported at each place, as before."""
    from resilint import schemas

    judged: list[object] = []
    explaining = schemas._explaining_class

    def counting():  # type: ignore[no-untyped-def]
        validator = explaining()
        descend = validator.descend

        def counted(self, instance, schema, *args, **kwargs):  # type: ignore[no-untyped-def]
            judged.append(instance)
            return descend(self, instance, schema, *args, **kwargs)

        validator.descend = counted
        return validator

    monkeypatch.setattr(schemas, "_explaining_class", counting)
    write("sup.yaml", SUPPLIER)
    write("fn.yaml", _function(0, 2_000).replace("]\n", ', 7, "x", 7, true]\n'))
    result = cli("check", "--no-cache", "-j", "1", ".")
    assert result.exit_code == 1, result.stdout
    assert "depends_on.suppliers lists the same item more than once" in result.stdout
    assert "depends_on.suppliers[2001] must be text, got the number 7" in result.stdout
    assert "depends_on.suppliers[2003] must be text, got the number 7" in result.stdout
    assert "depends_on.suppliers[2004] must be text, got true" in result.stdout
    assert "depends_on.suppliers[2002] names supplier 'x', which does not exist" in result.stdout
    assert judged.count("acme") == 1, judged.count("acme")
    assert judged.count(7) == 2
