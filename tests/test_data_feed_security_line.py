"""A tier-2 data feed (market or reference data delivered to us, holding nothing of ours) is
asked a named security contact, not a 24x7 security line, unless it holds access into our
systems: a vendor that pushes files to our SFTP server with write keys of ours is asked the
24x7 line as any tier-2 ICT supplier is (the requirements matrix's ``for_models`` cells of
``security_contact_24x7``)."""

from __future__ import annotations

import json
from pathlib import Path

ENTITY = """\
apiVersion: resilint/v1
kind: Entity
id: acme
name: ACME Bank AG
country: DE
"""

FEED = """\
---
apiVersion: resilint/v1
kind: Supplier
id: quotefeed
name: Quotefeed
status: active
tier: 2
provides_ict_services: true
data_sensitivity: public
service_model: data_feed
last_assessment: {date: 2026-06-01, type: questionnaire}
contacts:
  security: {name: Security officer, email: security@quotefeed.example}
"""

SFTP_KEY = """\
---
apiVersion: resilint/v1
kind: Identity
id: sftp-quotefeed
supplier: quotefeed
type: sftp_user
integration: end-of-day price file drop
access_level: write
status: active
owner: it-operations
rotation_days: 90
last_rotated: 2026-10-01
disable_procedure: lock the SFTP account
time_to_disable_minutes: 15
"""


def _sup03(cli, repo: Path, text: str, config: dict[str, object] | None = None) -> list[str]:
    (repo / "repo.yaml").write_text(text, encoding="utf-8")
    if config is not None:
        (repo / "resilint.yaml").write_text(json.dumps(config), encoding="utf-8")
    run = cli("check", ".", "--no-cache", "-f", "json", "--as-of", "2026-12-01", cwd=repo)
    return [f["message"] for f in json.loads(run.stdout)["findings"] if f["code"] == "SUP-03"]


def test_a_feed_we_only_read_is_asked_a_named_contact_not_a_24x7_line(cli, tmp_path: Path) -> None:
    assert _sup03(cli, tmp_path, ENTITY + FEED) == []
    # without even a named contact it is asked that one, once
    (named,) = _sup03(cli, tmp_path, ENTITY + FEED.split("contacts:")[0])
    assert "has no security contact" in named and "need not answer around the clock" in named


def test_a_feed_holding_write_keys_into_our_systems_is_asked_the_24x7_line(
    cli, tmp_path: Path
) -> None:
    (line,) = _sup03(cli, tmp_path, ENTITY + FEED + SFTP_KEY)
    # the message says why a data feed is asked the line: its tier and its access
    why = "quotefeed (tier 2; it provides ICT services and has access to our systems"
    assert f"{why}) has no 24x7 security contact" in line
    recorded = FEED.replace("data_sensitivity: public", "highest_access_level: write")
    (line,) = _sup03(cli, tmp_path, ENTITY + recorded)
    assert why in line and "has no 24x7 security contact" in line


def test_tier_1_feeds_and_feeds_of_unknown_model_are_asked_as_before(cli, tmp_path: Path) -> None:
    assert _sup03(cli, tmp_path, ENTITY + FEED.replace("tier: 2", "tier: 1")) != []
    unknown = FEED.replace("service_model: data_feed\n", "")
    assert _sup03(cli, tmp_path, ENTITY + unknown) != []


def test_the_configuration_may_drop_the_feeds_own_cells(cli, tmp_path: Path) -> None:
    config = {"requirements": {"security_contact_24x7": {"for_models": {}}}}
    assert _sup03(cli, tmp_path, ENTITY + FEED, config) != []
    wrong = {"requirements": {"security_contact_24x7": {"for_models": {"feed": {"tier_2": []}}}}}
    (tmp_path / "resilint.yaml").write_text(json.dumps(wrong), encoding="utf-8")
    assert cli("check", ".", "--no-cache", cwd=tmp_path).exit_code == 2
