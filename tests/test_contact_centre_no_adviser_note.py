"""A customer support outsourcer (a contact centre answering our customers, with read access to
their data in our support console) is asked a 24x7 security contact as any tier-2 supplier with
access and our confidential data is, but not whether it is a professional adviser, a bank or a
scheme: its service's words name a trade none of them has, as a caterer's or a laboratory's do,
so the note asking to record such a model is not said. A supplier whose words name no trade
still hears it. Through the CLI on the e-money institution's programme
(tests/data/programmes/emoney-ie)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data" / "programmes" / "emoney-ie"
WORDS = "service_type: customer support outsourcing"
NOTE = "nothing recorded says it is a professional adviser"


def _sup03(cli: Any, root: Path) -> str:
    args = ("check", ".", "--no-cache", "--select", "SUP-03")
    return str(cli(*args, cwd=root).stdout)


def test_a_contact_centre_is_not_asked_whether_it_is_an_adviser(cli: Any, tmp_path: Path) -> None:
    root = tmp_path / "emoney"
    shutil.copytree(DATA, root, ignore=shutil.ignore_patterns(".resilint_cache"))
    text = _sup03(cli, root)
    assert (
        "suppliers/harbourline.yaml:20:1: SUP-03 error supplier harbourline-contact (tier 2; it "
        "has access to our systems and handles our confidential data) has no 24x7 security "
        "contact; record the supplier's security contact that answers around the clock under "
        "contacts.security_24x7 (below tier 1, round-the-clock security response is this "
        "programme's policy, not a legal requirement)\n"
    ) in text
    assert NOTE not in text
    for words in ("service_type: contact centre", "service_type: call center for cardholders"):
        supplier = root / "suppliers" / "harbourline.yaml"
        original = (DATA / "suppliers" / "harbourline.yaml").read_text(encoding="utf-8")
        supplier.write_text(original.replace(WORDS, words), encoding="utf-8")
        assert NOTE not in _sup03(cli, root), words
    # words naming no trade could be an adviser's brief: the note is said
    supplier.write_text(original.replace(WORDS, "service_type: first-line work"), "utf-8")
    assert NOTE in _sup03(cli, root)
