"""The rules whose legal basis under DORA is one of Articles 5 to 15 (BCM-01's recovery
objectives and BCM-06's backups, Art. 12; the identity rules' access control, Art. 9 and
Delegated Regulation (EU) 2024/1774 Title II, which specifies Art. 15) said the basis bound
"DORA entities": DORA Art. 16(1) disapplies those articles for an entity on the simplified ICT
risk-management framework (a small and non-interconnected investment firm). What `resilint
explain` shows, and the report's "Why, in full", now say so."""

from __future__ import annotations

import pytest

SAID = "DORA Art. 16(1) disapplies"


@pytest.mark.parametrize("code", ["BCM-01", "BCM-06", "IAM-01", "IAM-02", "IAM-03", "IAM-04"])
def test_the_basis_is_said_of_the_full_framework(cli, code: str) -> None:
    run = cli("explain", code)
    assert run.exit_code == 0, run.stderr
    shown = " ".join(run.stdout.split())
    assert "for DORA entities on the full framework" in shown
    assert SAID in shown or "which Art. 16(1) disapplies" in shown
    assert "for DORA entities)" not in shown
