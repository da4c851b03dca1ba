"""A US B2B SaaS company under neither DORA nor NIS2 (no EU entity) nor NYDFS, written as its
risk, procurement and legal team would keep it (tests/data/programmes/saas-us), through the
CLI: AWS as host (tier 1, its standard terms accepted by waiver), a managed database, an email
API, the workforce identity provider, a payment processor, an outsourced 24/7 SOC, a payroll
bureau, the office landlord, outside counsel, a recruiting agency, a prospective observability
vendor and an exited CDN; a primary and excess cyber tower with MFA, EDR and backup conditions
and a 72-hour notice clause; a state breach-notice deadline recorded as the entity's own. Every
planted gap (a ``# gap`` comment, twelve) is found, no DORA, NIS2 or GDPR article is cited, and
the landlord, the law firm, the recruiter and the payroll bureau are asked no ICT terms."""

from __future__ import annotations

import re
from pathlib import Path

from programmes import copy_programme, located, planted_gaps, unsuppressed

FOUND = [
    ("EXR-02", "exercises/2026-04-ransomware-tabletop.yaml", 8),  # no supplier compromise played
    ("EXR-02", "exercises/2026-04-ransomware-tabletop.yaml", 13),  # no procurement at the table
    ("EXR-03", "exercises/2026-04-ransomware-tabletop.yaml", 27),  # gap G6
    ("BCM-03", "functions/customer-platform.yaml", 20),  # gap G12: 24 h RPO against 1 h
    ("CON-02", "functions/customer-platform.yaml", 23),  # SOC analysts sign in through our IdP
    ("BCM-04", "functions/customer-platform.yaml", 43),  # no supplier-compromise trigger
    ("EXR-01", "functions/customer-platform.yaml", 65),  # gap G5
    ("BCM-04", "functions/customer-platform.yaml", 90),  # no staff message
    ("BCM-04", "functions/payroll.yaml", 19),  # no templates, no stand-down criteria
    ("BCM-04", "functions/subscription-billing.yaml", 21),  # the same
    ("INS-04", "insurance/cyber-tower-2026.yaml", 29),  # gap G4
    ("INS-01", "insurance/cyber-tower-2026.yaml", 50),  # gap G3
    ("INS-05", "insurance/cyber-tower-2026.yaml", 103),  # gap G11
    ("EVD-01", "insurance/cyber-tower-2026.yaml", 120),  # gap G7
    ("SUP-11", "suppliers/aws.yaml", 56),  # no exit assistance against a 12-month migration
    ("CTR-04", "suppliers/aws.yaml", 77),  # "without undue delay": not waived
    ("SUP-03", "suppliers/cardinal.yaml", 24),  # gap G9
    ("CTR-05", "suppliers/cardinal.yaml", 70),  # notice content (policy)
    ("IAM-03", "suppliers/edgewarp.yaml", 58),  # gap G10
    ("CTR-08", "suppliers/keyline.yaml", 93),  # no tested exit plan, escrow or step-in (policy)
    ("CTR-06", "suppliers/lumenscope.yaml", 43),  # the draft settles no log retention
    ("CTR-07", "suppliers/lumenscope.yaml", 43),  # nor cooperation
    ("IAM-02", "suppliers/nightjar.yaml", 112),  # gap G2
    ("SUP-03", "suppliers/postwise.yaml", 23),  # a security mailbox, not a 24x7 line (policy)
    ("SUP-04", "suppliers/postwise.yaml", 30),  # gap G8
    ("CTR-06", "suppliers/postwise.yaml", 47),  # policy
    ("CTR-07", "suppliers/postwise.yaml", 47),  # policy
    ("CTR-14", "suppliers/postwise.yaml", 63),  # renewal decision due 2026-12-15, no review
    ("CTR-03", "suppliers/tessellate.yaml", 74),  # gap G1
    ("EXC-02", "waivers.yaml", 6),  # the AWS waiver names CTR-06, which finds nothing there
]

EU_LAW = re.compile(r"DORA|NIS2|GDPR|Regulation \(EU\)|Directive|EDPB|NYCRR")


def test_the_saas_companys_findings_are_its_planted_gaps(cli, tmp_path: Path) -> None:
    root = copy_programme("saas-us", tmp_path)
    findings = unsuppressed(cli, root)
    found = located(findings)
    assert found == FOUND
    assert planted_gaps(root) == 12
    # no EU (or New York) law is cited to a US company under none of it
    assert not [f["message"] for f in findings if EU_LAW.search(f["message"])]
    # the landlord, the law firm, the recruiter and the payroll bureau are asked nothing
    quiet = ("larimer", "hollis", "talentbridge", "ridgeway")
    assert not [f for f in found if any(name in f[1] for name in quiet)]


def test_impact_names_no_eu_law_and_the_bureau_starts_the_state_breach_notice(
    cli, tmp_path: Path
) -> None:
    root = copy_programme("saas-us", tmp_path)
    for supplier in ("tessellate", "ridgeway-payroll", "hollis-crane", "nightjar"):
        run = cli("impact", "--supplier", supplier, cwd=root)
        assert run.exit_code == 0, run.stderr
        assert not EU_LAW.search(run.stdout), (supplier, run.stdout)
    bureau = cli("impact", "--supplier", "ridgeway-payroll", cwd=root).stdout
    assert "Colorado breach notice to residents and the Attorney General" in bureau
    landlord = cli("impact", "--supplier", "larimer-properties", cwd=root).stdout
    assert "Colorado breach notice" not in landlord
    board = cli("impact", "--all-critical", cwd=root)
    assert board.exit_code == 0 and not EU_LAW.search(board.stdout), board.stdout
    calendar = cli("calendar", cwd=root)
    assert calendar.exit_code in (0, 1) and not EU_LAW.search(calendar.stdout)
    register = cli("register", "export", ".", "-o", str(tmp_path / "reg"), cwd=root)
    assert register.exit_code != 0
    assert "no Entity here keeps a DORA register" in register.stdout + register.stderr


def _articles(text: str) -> dict[str, str]:
    """Each rule's explanation in the report, by code, as a reader reads it (tags dropped)."""
    import html

    return {
        code.upper(): " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())
        for code, body in re.findall(r'<article id="rule-([^"]+)">(.*?)</article>', text, re.S)
    }


def _here(article: str) -> str:
    found = re.search(
        r"(\S+ (?:binds|bind) no entity of this programme.*?)(?: How to fix|$)", article
    )
    return found.group(1) if found else ""


def test_the_report_tells_a_us_company_the_eu_law_its_rules_cite_binds_none_of_it(
    cli, tmp_path: Path
) -> None:
    """The rules' explanations are written for every programme and cite DORA, NIS2, NYDFS and
    the GDPR: under each one that does, the report of a US company under none of them says that
    no entity of it is under those laws, that what the rule asks on that ground is its policy,
    and that the GDPR reaches a company outside the EU only by whom it serves (Art. 3(2)); the
    note below the coverage matrix says which law the terms it leaves out belong to."""
    root = copy_programme("saas-us", tmp_path)
    out = tmp_path / "report.html"
    run = cli("report", ".", "--no-cache", "-o", str(out), cwd=root)
    assert run.exit_code == 0, run.stderr
    text = out.read_text(encoding="utf-8")
    articles = _articles(text)
    ctr04 = articles["CTR-04"]
    assert "DORA, NIS2 or NYDFS Part 500 bind no entity of this programme" in ctr04
    assert "what the rule asks on that ground is this programme's policy" in ctr04
    assert "(GDPR Art. 3(2))" in ctr04
    assert "NYDFS Part 500 binds no entity of this programme" in articles["IAM-02"]
    assert "DORA binds no entity" in articles["SUP-11"] and "GDPR" not in _here(articles["SUP-11"])
    # an explanation that cites no law is given no note
    assert "no entity of this programme" not in articles["EXR-02"]
    cited = [code for code, body in articles.items() if EU_LAW.search(body.split("How to fix")[0])]
    assert cited and all("no entity of this programme" in articles[c] for c in cited), cited
    note = re.search(r'<p class="note">Not shown: ([^<]*)', text)
    assert note is not None
    assert note.group(1) == (
        "nis2 supply chain, nydfs third party: terms only NIS2 (Directive (EU) 2022/2555) or "
        "NYDFS Part 500 (23 NYCRR Part 500) asks, of the entities it binds; no entity of this "
        "programme is under either, so they are not asked here."
    )
    assert "profiles are off" not in text


def test_the_report_of_a_new_york_entity_leaves_nydfs_out_of_the_note(cli, tmp_path: Path) -> None:
    """The same company licensed by the New York DFS: NYDFS binds it, so no explanation says it
    does not, and its third-party term is no longer left out of the matrix; DORA and NIS2 still
    bind none of it."""
    root = copy_programme("saas-us", tmp_path)
    entities = root / "entities.yaml"
    entities.write_text(
        entities.read_text(encoding="utf-8").replace("regimes: []", "regimes: [nydfs]"),
        encoding="utf-8",
    )
    out = tmp_path / "report.html"
    run = cli("report", ".", "--no-cache", "-o", str(out), cwd=root)
    assert run.exit_code == 0, run.stderr
    text = out.read_text(encoding="utf-8")
    articles = _articles(text)
    assert "DORA or NIS2 bind no entity of this programme" in articles["CTR-04"]
    assert "NYDFS Part 500 binds" not in text and "NYDFS Part 500 bind" not in _here(
        articles["CTR-04"]
    )
    note = re.search(r'<p class="note">Not shown: ([^<]*)', text)
    assert note is not None and note.group(1).startswith("nis2 supply chain: a term only NIS2")
    assert "nydfs third party" not in note.group(1) and "either" not in note.group(1)
