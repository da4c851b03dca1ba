"""SUP-02: an ultimate parent named as another company but carrying the supplier's own
identifier (a copy-paste) would be filed in the DORA register as the supplier itself."""

from __future__ import annotations

import pytest

SUPPLIER = """\
apiVersion: resilint/v1
kind: Supplier
id: tickbridge
name: Tickbridge Data B.V.
status: active
provides_ict_services: true
provider_id: 5299000J2N45DDNE4Y28
provider_id_type: LEI
hq_country: NL
ultimate_parent: {PARENT}
"""
OWN_LEI = "5299000J2N45DDNE4Y28"


def _sup02(cli, write, parent: str) -> list[dict]:
    write("resilint.yaml", "profiles: [dora]\nas_of: 2026-11-26\n")
    write("suppliers/tickbridge.yaml", SUPPLIER.replace("{PARENT}", parent))
    result = cli("check", "--no-cache", "--format", "json", "--select", "SUP-02")
    assert result.exit_code in (0, 1), result.stderr
    return [f for f in result.json()["findings"] if f["code"] == "SUP-02"]


def test_a_parent_with_the_suppliers_own_identifier_is_reported_at_it(cli, write) -> None:
    parent = f"{{name: Tickbridge Group Inc., provider_id: {OWN_LEI}, provider_id_type: LEI}}"
    (finding,) = _sup02(cli, write, parent)
    assert (finding["line"], finding["column"]) == (10, 61)  # the parent's provider_id
    assert finding["message"].startswith(
        "the ultimate parent of supplier tickbridge, Tickbridge Group Inc., carries the "
        f"supplier's own identifier ({OWN_LEI}, that of Tickbridge Data B.V.): the DORA register"
    )
    assert "would file Tickbridge Data B.V. as its own parent" in finding["message"]
    assert "Record Tickbridge Group Inc.'s own LEI" in finding["message"]


@pytest.mark.parametrize(
    "parent",
    [
        # its own parent, repeating its own name and code (the register's column 0110 then
        # holds its own code), in another spelling, or by name alone
        f"{{name: Tickbridge Data B.V., provider_id: {OWN_LEI}, provider_id_type: LEI}}",
        f"{{name: TICKBRIDGE DATA BV, provider_id: {OWN_LEI}, provider_id_type: LEI}}",
        f"{{name: Tickbridge Data B.V. (Amsterdam), provider_id: {OWN_LEI}}}",
        "{name: Tickbridge Data B.V.}",
        # a parent with a code of its own
        "{name: Tickbridge Group Inc., provider_id: 529900T8BM49AURSDO55, provider_id_type: LEI}",
    ],
)
def test_a_provider_that_is_its_own_parent_or_has_another_is_not(cli, write, parent: str) -> None:
    assert _sup02(cli, write, parent) == []
