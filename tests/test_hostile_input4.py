"""Hostile and broken input, fourth part, through the CLI on real files: a file composed once
however many of its findings need positions or fixes, the default limits of values a file and
a document may hold, and values shown in messages as YAML writes them."""

from __future__ import annotations

import resilint.load.compose

SUPPLIER = "apiVersion: resilint/v1\nkind: Supplier\nid: zq-acme\nname: Zq\n"


# --- a file is parsed once -------------------------------------------------------------------


def test_a_file_read_the_slow_way_is_composed_once(cli, write, monkeypatch) -> None:
    """A file libyaml reads (an anchor in it) with a schema error that has a fix and a rule's
    finding: loading it, placing and fixing the schema error, and placing the rule's finding
    each composed it again (a 2.7 MB list on one line: three times, 13 s and 500 MB)."""
    write("suppliers/x.yaml", SUPPLIER + "owner: &o team\ntags: [" + ", ".join("a" * 50) + "]\n")
    composed: list[str] = []
    compose = resilint.load.compose.compose

    def counted(text: str, limits):  # type: ignore[no-untyped-def]
        if "id: zq-acme" in text:
            composed.append(text)
        return compose(text, limits)

    monkeypatch.setattr(resilint.load.compose, "compose", counted)
    run = cli("check", "suppliers/x.yaml", "--no-cache")
    assert run.exit_code == 1, run.stdout
    assert (
        "suppliers/x.yaml:6:1: SCH-01 [unsafe fix] error supplier zq-acme: unknown field"
        in run.stdout
    )
    assert "suppliers/x.yaml:3:5: SUP-01 error supplier zq-acme has no risk tier" in run.stdout
    assert len(composed) == 1
