"""What requires each term of the requirements matrix (its ``basis``): every packaged term says
it, a law's with the article; ``resilint explain`` says it beside the term, through the CLI as a
user runs it; a configuration may set its own, checked like every other setting. The posture
report's column markers are read in a real browser in test_report_browser.py."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest
from conftest import REPO

from resilint.domain.requirements import BASIS_KINDS, basis_kind, load_matrix
from resilint.errors import ConfigError
from resilint.resources import data_dir

MATRIX = load_matrix()
ARTICLE = re.compile(r"Art\. \d+\(\d+\)|point \d+(\.\d+)+|NYCRR 500\.\d+\(\w\)")
"""An exact citation: a paragraph of an article, a point of an annex, a NYCRR subsection."""


def _resilint(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "resilint", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize("name", list(MATRIX.terms))
def test_every_packaged_term_says_what_requires_it(name: str) -> None:
    """A kind first (law, policy, market practice); a law cites the article and says for whom;
    a policy or market practice that names a law says what of the term that law does not ask."""
    basis = MATRIX.terms[name].basis
    kind = basis_kind(basis)
    assert kind in BASIS_KINDS, (name, basis)
    if kind == "law":
        assert basis.startswith("law: ") and ARTICLE.search(basis), (name, basis)
        assert " for " in basis or "(NYDFS)" in basis, (name, basis)  # of whom the law asks it
    elif ARTICLE.search(basis):
        assert " not " in basis, (name, basis)


def test_the_remedies_no_law_requires_are_not_called_law() -> None:
    """The committee's case: a gap in step-in rights or a security indemnity is not a breach
    of law; the notice periods (DORA Art. 30(2)(h)) and the NIS2 and NYDFS clauses are law."""
    kinds = {name: term.basis_kind for name, term in MATRIX.terms.items()}
    assert kinds["step_in_rights"] == "policy"
    # the programme's ask: a shared platform's standard terms seldom give one (insurer audit)
    assert kinds["security_indemnity"] == "policy"
    assert kinds["accelerated_termination"] == "policy"
    assert "DORA Art. 28(7)" in MATRIX.terms["accelerated_termination"].basis
    assert kinds["notice_periods"] == "law"
    assert "DORA Art. 30(2)(h)" in MATRIX.terms["notice_periods"].basis
    assert "500.11(b)" in MATRIX.terms["nydfs_third_party"].basis
    assert "point 5.1.4" in MATRIX.terms["nis2_supply_chain"].basis
    assert kinds["incident_notice"] == "policy"  # the law asks a notice, not the hours


def test_a_matrix_term_without_a_basis_is_refused(tmp_path: Path) -> None:
    text = (data_dir("rules") / "requirements.yaml").read_text(encoding="utf-8")
    term = r"(  step_in_rights:\n(?:    #.*\n)*    title: .*\n)    basis: .*\n"
    without = re.sub(term, r"\1", text)
    assert without != text
    path = tmp_path / "requirements.yaml"
    path.write_text(without, encoding="utf-8")
    with pytest.raises(ConfigError, match="term 'step_in_rights' needs a basis"):
        load_matrix(path)
    unknown = text.replace("basis: \"policy (this programme's choice; no", 'basis: "be')
    path.write_text(unknown, encoding="utf-8")
    with pytest.raises(ConfigError, match="step_in_rights"):
        load_matrix(path)


def test_explain_says_what_requires_each_term_of_the_rule() -> None:
    shown = " ".join(_resilint("explain", "CTR-08").stdout.split())
    for name in ("step_in_rights", "security_indemnity", "accelerated_termination"):
        assert f"What requires {name}: {MATRIX.terms[name].basis}." in shown
    periods = " ".join(_resilint("explain", "CTR-13").stdout.split())
    assert "What requires notice_periods: law: DORA Art. 30(2)(h)" in periods


def test_a_configuration_sets_its_own_basis_and_a_wrong_one_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("apiVersion: resilint/v1\nkind: Supplier\nid: a\ntier: 1\n")
    own = "policy (the board's risk appetite, 2026)"
    config = {"requirements": {"step_in_rights": {"basis": own}, "assessment": {"tier_3": "never"}}}
    (tmp_path / "resilint.yaml").write_text(json.dumps(config))
    shown = " ".join(_resilint("explain", "CTR-08", cwd=tmp_path).stdout.split())
    assert f"What requires step_in_rights: {own}." in shown
    assert _resilint("check", "--no-cache", cwd=tmp_path).returncode == 1  # read; SUP findings
    (tmp_path / "resilint.yaml").write_text(
        'requirements:\n  step_in_rights: {basis: "because we say so"}\n'
    )
    refused = _resilint("check", "--no-cache", cwd=tmp_path)
    assert refused.returncode == 2
    assert "resilint.yaml:2:27:" in refused.stderr
    assert "requirements.step_in_rights.basis: 'because we say so' does not start" in refused.stderr


def test_the_configuration_schema_names_every_term_of_the_matrix() -> None:
    """An override of any term is accepted (assessment, renewal_review, claim_cooperation
    too), and a basis may be set for each."""
    config = json.loads((REPO / "schemas" / "config.json").read_text(encoding="utf-8"))
    requirements = config["properties"]["requirements"]
    assert set(requirements["propertyNames"]["enum"]) == set(MATRIX.terms)
    assert "basis" in requirements["additionalProperties"]["properties"]


def test_a_law_of_regimes_no_entity_is_under_is_policy_there(tmp_path: Path) -> None:
    """The terms whose basis cites a regime's law name the regime (law_for): in a repository
    with no entity under it, the report shows them as policy; a configuration's own basis may
    name its regimes, an unknown one is an error at its place."""
    assert MATRIX.terms["notice_periods"].law_for == ("dora",)
    assert MATRIX.terms["nydfs_third_party"].law_for == ("nydfs",)
    assert all(t.law_for or t.basis_kind != "law" for t in MATRIX.terms.values())
    assert MATRIX.terms["notice_periods"].kind_for(frozenset({"nis2"})) == "policy"
    assert MATRIX.terms["notice_periods"].kind_for(frozenset({"dora", "nis2"})) == "law"
    text = (data_dir("rules") / "requirements.yaml").read_text(encoding="utf-8")
    path = tmp_path / "requirements.yaml"
    path.write_text(text.replace("law_for: [nydfs]", "law_for: [sox]"), encoding="utf-8")
    with pytest.raises(ConfigError, match="nydfs_third_party' law_for must list regimes"):
        load_matrix(path)
    (tmp_path / "a.yaml").write_text("apiVersion: resilint/v1\nkind: Supplier\nid: a\ntier: 1\n")
    (tmp_path / "resilint.yaml").write_text(
        'requirements:\n  step_in_rights: {basis: "law: our statute", law_for: [sox]}\n'
    )
    refused = _resilint("check", "--no-cache", cwd=tmp_path)
    assert refused.returncode == 2 and "resilint.yaml:2:" in refused.stderr, refused.stderr
    assert "law_for" in refused.stderr
    (tmp_path / "resilint.yaml").write_text(
        'requirements:\n  step_in_rights: {basis: "law: our statute", law_for: [dora]}\n'
    )
    assert _resilint("check", "--no-cache", cwd=tmp_path).returncode == 1


TELECOM = """
apiVersion: resilint/v1
kind: Entity
id: telco
regimes: [nis2]
nis2_category: essential
nis2_entity_type: other
---
apiVersion: resilint/v1
kind: Supplier
id: vendor
provides_ict_services: true
service_model: managed_service
tier: 1
highest_access_level: privileged
---
apiVersion: resilint/v1
kind: Contract
id: ctr-vendor
supplier: vendor
entities: [telco]
status: active
remedies: {step_in_rights: true, security_indemnity: true, accelerated_termination: true}
"""


def _bases_shown(cli, tmp_path: Path, regimes: str) -> dict[str, str]:
    """What the posture report says requires each term, for a repository of one entity: the
    kind its group says once, then what the term's basis adds ("policy" alone where it adds
    nothing: this programme's choice)."""
    (tmp_path / "programme.yaml").write_text(TELECOM.replace("[nis2]", regimes))
    assert cli("report", "--no-cache", "--as-of", "2026-12-01", "-o", "r.html").exit_code == 0
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    bases = page[page.index('id="coverage-basis"') :].split("</dl>")[0]
    shown = {}
    for kind, items in re.findall(
        r'<dt><span class="basis[^"]*">(.*?)</span>.*?</dt><dd>(.*?)</dd>', bases
    ):
        for term, said in re.findall(
            r'<li><span class="term">(.*?)</span>(?:: )?(.*?)</li>', items
        ):
            shown[unescape(term)] = f"{unescape(kind)}: {unescape(said)}" if said else kind
    return shown


def _as_shown(basis: str) -> str:
    """A basis as the grouped note reads it: "law: ..." as written; "policy (X)" as "policy:
    X", the programme's choice said by the group."""
    kind, _, rest = basis.partition(" (")
    if not rest:
        return basis
    said = rest.removesuffix(")").removeprefix("this programme's choice").lstrip(";: ")
    return f"{kind}: {said}" if said else kind


def test_a_repository_under_nis2_alone_is_not_told_the_dora_articles(cli, tmp_path: Path) -> None:
    """A telecom under NIS2 alone reads, under the coverage table, the basis a term has where
    DORA binds none of its entities (the matrix's otherwise), not the DORA article that binds a
    bank's ICT contracts; under DORA, the article."""
    shown = _bases_shown(cli, tmp_path, "[nis2]")
    assert shown["cooperation"] == "policy"
    assert shown["notice periods"] == "policy"
    assert shown["accelerated termination"] == "policy"
    assert "NYCRR" not in shown["assessment"] and "DORA" not in shown["assessment"]
    assert not [b for t, b in shown.items() if "DORA Art. 2" in b or "DORA Art. 3" in b], shown
    unregulated = _bases_shown(cli, tmp_path, "[]")
    assert unregulated["incident notice"] == _as_shown(MATRIX.terms["incident_notice"].otherwise)
    assert unregulated["security contact"] == "policy"
    assert not [b for b in unregulated.values() if "NYCRR" in b or "2024/2690" in b], unregulated
    under_dora = _bases_shown(cli, tmp_path, "[dora]")
    assert under_dora["notice periods"] == _as_shown(MATRIX.terms["notice_periods"].basis)
    assert "DORA Art. 28(7)" in under_dora["accelerated termination"]


def test_a_repository_is_told_only_the_laws_that_bind_its_entities(cli, tmp_path: Path) -> None:
    """A water utility under NIS2, of no kind Implementing Regulation (EU) 2024/2690 binds, is
    not told the NYDFS section, the DORA article or that Regulation's points: the basis where
    none of the laws cited binds it; a trading venue under DORA alone reads the DORA article
    and not the NYDFS section; a cloud provider the Regulation binds reads its point alone."""
    laws = ("NYCRR", "DORA", "2024/2690")
    utility = _bases_shown(cli, tmp_path, "[nis2]")
    for term in ("incident notice", "security contact", "assessment"):
        assert not [law for law in laws if law in utility[term]], (term, utility[term])
    assert utility["incident notice"] == _as_shown(MATRIX.terms["incident_notice"].otherwise)
    venue = _bases_shown(cli, tmp_path, "[dora]")
    assert "DORA Delegated Regulation (EU) 2024/1773 Art. 9(2)" in venue["incident notice"]
    assert "NYCRR" not in venue["incident notice"] and "2024/2690" not in venue["incident notice"]
    assert venue["assessment"].startswith("law: DORA Art. 28(4)"), venue["assessment"]
    assert "NYCRR" not in venue["assessment"], venue["assessment"]
    (tmp_path / "programme.yaml").write_text(
        TELECOM.replace(
            "nis2_entity_type: other", "nis2_entity_type: cloud_computing_service_provider"
        )
    )
    assert cli("report", "--no-cache", "--as-of", "2026-12-01", "-o", "r.html").exit_code == 0
    page = unescape((tmp_path / "r.html").read_text(encoding="utf-8"))
    listed = page[page.index('id="coverage-basis"') :].split("</dl>")[0]
    assert "2024/2690 point 5.1.4(d)" in listed and "NYCRR" not in listed, listed
    assert "2024/2690 point 5.2.1(a)" in listed, listed


def test_a_configuration_sets_the_basis_otherwise_and_its_own_basis_drops_resilints() -> None:
    term = MATRIX.with_overrides({"notice_periods": {"otherwise": "policy (our board)"}})
    assert term.terms["notice_periods"].basis_for(frozenset({"nis2"})) == "policy (our board)"
    cells = {"basis": "law: X Art. 1(1) for us", "law_for": ["dora"]}
    own = MATRIX.with_overrides({"cooperation": cells})
    assert own.terms["cooperation"].basis_for(frozenset()) == "law: X Art. 1(1) for us"
    assert own.terms["cooperation"].kind_for(frozenset()) == "policy"
