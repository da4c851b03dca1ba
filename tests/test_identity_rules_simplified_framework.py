"""The identity rules' legal basis for an entity on DORA's simplified ICT risk-management
framework (DORA Art. 16(1): a small and non-interconnected investment firm, recorded with
``dora_simplified_framework: true``). Their references cited only Delegated Regulation (EU)
2024/1774 Title II (Art. 7 and 21), which specifies DORA Art. 15 and so binds the full framework
alone; they now name the article of Title III that asks the same of the simplified one (its
access control, Art. 33, and the management body's roles, Art. 28(2)(b)), and say that Title III
has no counterpart of Art. 7, so that IAM-02's rotation and renewal are policy and market
practice for such an entity. The findings' messages cite no article of either title, for either
framework: they are unchanged. Run through the real CLI on the test programmes of a French
investment firm on the simplified framework (invfirm-fr) and a Lithuanian payment institution
on the full one (pi-lt)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from programmes import copy_programme

SIMPLIFIED = "for an entity under DORA's simplified ICT risk-management framework, DORA Art. 16(1)"
FULL = "for DORA entities on the full framework"

# each identity rule and the point of Title III that applies to the simplified framework
TITLE_III = {
    "IAM-01": "Art. 33, first paragraph, point (c), and Art. 28(2)(b)",
    "IAM-02": "Art. 33, second and third paragraphs",
    "IAM-03": "Art. 33, first paragraph, point (e)",
    "IAM-04": "Art. 33, first paragraph, point (b)",
}
TITLE_II = {
    "IAM-01": "Art. 21(e)(i)",
    "IAM-02": "Art. 21(e)(ii)",
    "IAM-03": "Art. 21(e)(iii)",
    "IAM-04": "Art. 21(c)",
}

# the firm's other identity gaps, one for each rule its programme does not already break
MORE_IDENTITIES = """\
apiVersion: resilint/v1
kind: Identity
id: crm-export
supplier: clientia
type: api_key
access_level: read-only
status: active
---
apiVersion: resilint/v1
kind: Identity
id: voxtel-recording-upload
supplier: voxtel
type: sftp_user
access_level: read-only
owner: responsable-informatique
status: disabled
---
apiVersion: resilint/v1
kind: Identity
id: crm-sso
supplier: clientia
type: oauth_client
access_level: read-only
owner: responsable-informatique
status: active
secret_fingerprint: "vault:kv/pms/sso#v2"
"""

# what the payment institution on the full framework is told, as before
PI_LT_MESSAGES = [
    (
        "IAM-03",
        "identity devworks-release-engineers gives privileged access to supplier "
        "dnipro-devworks, which is recorded as tier 2; privileged access is for tier-1 "
        "suppliers: reduce the access to what the work needs, or record the supplier as tier 1 "
        "and give it tier-1 oversight (its assessment and contract terms are then judged as "
        "tier 1's)",
    ),
    (
        "IAM-02",
        "identity devworks-release-engineers is a person's account of supplier dnipro-devworks "
        "with privileged access but without MFA; require MFA (a break-glass account without MFA "
        "is kept disabled, status: disabled, and enabled only for the emergency) "
        "(as of 2026-12-07)",
    ),
    (
        "IAM-02",
        "identity group-platform-admins of supplier baltvera-group would take 30 minutes to "
        "disable, longer than the 15 minutes allowed for privileged access (programme policy); "
        "make it quicker to cut off (for example a scripted revocation) and lower "
        "time_to_disable_minutes (as of 2026-12-07)",
    ),
]


def _sarif(cli: Any, root: Path) -> dict[str, Any]:
    result = cli("check", ".", "--format", "sarif", "--no-cache", cwd=root)
    assert result.exit_code == 1, result.stdout + result.stderr
    run: dict[str, Any] = result.json()["runs"][0]
    return run


def _based_on(run: dict[str, Any], code: str) -> list[str]:
    """The references a SARIF rule descriptor gives, one a line, as written."""
    (rule,) = [r for r in run["tool"]["driver"]["rules"] if r["id"] == code]
    markdown: str = rule["help"]["markdown"]
    return [line[2:] for line in markdown.split("**Based on:**\n")[1].splitlines()]


def _cited(references: list[str], article: str, framework: str) -> bool:
    return any(
        ref.startswith(f"Delegated Regulation (EU) 2024/1774 {article} (") and framework in ref
        for ref in references
    )


def test_the_simplified_firms_identity_findings_are_based_on_title_iii(cli, tmp_path: Path) -> None:
    root = copy_programme("invfirm-fr", tmp_path, "firm")
    (root / "identities-more.yaml").write_text(MORE_IDENTITIES, encoding="utf-8")
    run = _sarif(cli, root)
    found = {r["ruleId"]: r["message"]["text"] for r in run["results"]}
    assert sorted(c for c in found if c.startswith("IAM-")) == sorted(TITLE_III)
    for code, article in TITLE_III.items():
        assert _cited(_based_on(run, code), article, SIMPLIFIED), code
        # the messages cite neither title: the reader finds the article in the references
        assert "2024/1774" not in found[code] and "Art. 33" not in found[code]


def test_the_full_framework_is_told_as_before_and_its_articles_are_title_iis(
    cli, tmp_path: Path
) -> None:
    root = copy_programme("pi-lt", tmp_path, "pi")
    run = _sarif(cli, root)
    told = [(r["ruleId"], r["message"]["text"]) for r in run["results"]]
    assert [m for m in told if m[0].startswith("IAM-")] == PI_LT_MESSAGES
    for code in ("IAM-02", "IAM-03"):
        references = _based_on(run, code)
        assert _cited(references, TITLE_II[code], FULL), code
        # the simplified framework's article is said to be its own, not the full one's
        assert _cited(references, TITLE_III[code], SIMPLIFIED), code
        assert not _cited(references, TITLE_III[code], FULL), code


@pytest.mark.parametrize("code", sorted(TITLE_III))
def test_explain_names_the_article_of_each_framework(cli, code: str) -> None:
    run = cli("explain", code)
    assert run.exit_code == 0, run.stderr
    shown = " ".join(run.stdout.split())
    assert f"Delegated Regulation (EU) 2024/1774 {TITLE_II[code]} (" in shown
    assert f"Delegated Regulation (EU) 2024/1774 {TITLE_III[code]} ({SIMPLIFIED}" in shown


def test_explain_says_rotation_and_renewal_are_not_law_on_the_simplified_framework(cli) -> None:
    run = cli("explain", "IAM-02")
    assert run.exit_code == 0, run.stderr
    shown = " ".join(run.stdout.split())
    said = f"Delegated Regulation (EU) 2024/1774 Title III ({SIMPLIFIED}): no counterpart of Art. 7"
    assert said in shown
    assert "rotating a machine credential within the maximum is policy" in shown
    assert "renewing a certificate before it expires market practice, not law" in shown
