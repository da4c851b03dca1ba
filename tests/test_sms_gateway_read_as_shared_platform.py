"""An SMS gateway or aggregator, sending our one-time passcodes and alerts through the mobile
networks, is a platform every customer of it shares (as CPaaS is): read from the words of its
service where no model is recorded, it is not asked what only a service run for us is asked (a
notice of a suspected compromise, CTR-03), and no finding asks to record its model. A gateway
the words say is run for us is asked as a managed service, and words naming no gateway leave
the model unknown, asked as before. Through the CLI on the e-money institution's programme
(tests/data/programmes/emoney-ie), with its SMS gateway holding confidential data."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

DATA = Path(__file__).parent / "data" / "programmes" / "emoney-ie"
WORDS = "SMS gateway delivering one-time passcodes and alerts through the mobile network operators."


def _gateway(tmp_path: Path, words: str) -> Path:
    root = tmp_path / "emoney"
    shutil.copytree(DATA, root, ignore=shutil.ignore_patterns(".resilint_cache"))
    supplier = root / "suppliers" / "relaypoint.yaml"
    text = supplier.read_text(encoding="utf-8")
    assert text.count(WORDS) == 1 and text.count("data_sensitivity: internal") == 1
    text = text.replace("data_sensitivity: internal", "data_sensitivity: confidential")
    supplier.write_text(text.replace(WORDS, words), encoding="utf-8")
    return root


def _found(cli: Any, root: Path) -> list[tuple[str, str]]:
    found = cli("check", ".", "--format", "json", "--no-cache", cwd=root).json()["findings"]
    return [(f["code"], f["message"]) for f in found if "relaypoint" in f["path"]]


@pytest.mark.parametrize(
    "words",
    [
        WORDS,
        "Bulk SMS aggregator sending one-time passcodes to customers' phones.",
        "A2P messaging of one-time passcodes and alerts by text message.",
    ],
)
def test_an_sms_gateway_is_a_shared_platform(cli: Any, tmp_path: Path, words: str) -> None:
    found = _found(cli, _gateway(tmp_path, words))
    # its notice window still has to fit the insurer's 48 hours (CTR-04), nothing more
    assert [code for code, _ in found] == ["CTR-04"]


def test_one_run_for_us_is_asked_as_before(cli: Any, tmp_path: Path) -> None:
    words = "SMS gateway hosted and operated for us on a dedicated server."
    found = _found(cli, _gateway(tmp_path, words))
    assert [code for code, _ in found] == ["CTR-04", "CTR-03"]
    assert "notify us only of a confirmed compromise" in found[1][1]
    # without the gateway's words the model is unknown, and the check asks to record it
    plain = _gateway(tmp_path / "plain", "One-time passcodes by text message.")
    assert [code for code, _ in _found(cli, plain)] == ["CTR-04", "CTR-03"]
    text = cli("check", ".", "--no-cache", cwd=plain).stdout
    assert "the service model of supplier relaypoint is neither recorded nor inferred" in text
    gateway = _gateway(tmp_path / "gateway", WORDS)
    text = cli("check", ".", "--no-cache", cwd=gateway).stdout
    assert "service model of supplier relaypoint" not in text
