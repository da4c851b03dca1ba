"""INS-01 told every policy but a French one that an unmet attested condition can void cover
"under insurer market practice", citing a US case (Travelers v. International Control Services,
2022): a German bank's policy was told about an Illinois court. It now says what the law
governing the policy provides: the Versicherungsvertragsgesetz for Germany, the Insurance Act
2015 for the United Kingdom, the Burgerlijk Wetboek for the Netherlands, the Code des assurances
for France as before. The governing law is the policy's governing_law_country, else the country
every insured entity is recorded in; where neither tells, or resilint knows no provisions of
that law, the finding says the consequences depend on the governing law and gives the US case
as an example only. Through the CLI on real YAML."""

from __future__ import annotations

from one_file import check, doc, repo

CONTROL = doc(
    "Control",
    "mfa-privileged",
    "category: mfa_privileged\nstatus: implemented\nscope: [privileged_access]\n"
    "coverage_percent: 85\n",
)
GAP = "control mfa-privileged covers 85%, under the 100% required"
VVG = (
    "we attested this condition to the insurer, and under German insurance contract law an "
    "inaccurate answer to a question on the risk the insurer asked in text form "
    "(Versicherungsvertragsgesetz § 19(1)) lets it rescind the policy (§ 19(2)) and, "
    "rescinding after a loss, refuse the claim unless the misstated circumstance played no part "
    "in it (§ 21(2)); where we were neither intentional nor grossly negligent it may only "
    "terminate the policy on a month's notice (§ 19(3)), and where it would have written the "
    "policy on other terms it may, rather than rescind for gross negligence or terminate, only "
    "make those terms part of it (§ 19(4)); an answer given to deceive lets it avoid the policy "
    "for fraud (§ 22 VVG with § 123 BGB): implement the control, or correct the declaration "
    "with the broker"
)
INSURANCE_ACT = (
    "we attested this condition to the insurer, and under the UK Insurance Act 2015 we owed the "
    "insurer a fair presentation of the risk, its representations of fact substantially "
    "correct (s. 3); where the insurer would not have written the policy, or not on the same "
    "terms, had the presentation been fair (s. 8), it may avoid the policy, refuse all claims "
    "and keep the premium if the breach was deliberate or reckless (Sch. 1 para. 2), and "
    "otherwise avoid it and return the premium if it would not have written it at all "
    "(para. 4), treat it as written on the terms it would have required (para. 5), or pay a "
    "claim only in the proportion the premium charged bears to the premium it would have "
    "charged (para. 6): implement the control, or correct the presentation of the risk with "
    "the broker"
)
EXAMPLE = (
    "for example, a US court rescinded by consent judgment a cyber policy whose application "
    "attested MFA that protected only the firewall (Travelers v. International Control "
    "Services, C.D. Ill. 2022)"
)


def entity(name: str, country: str | None) -> str:
    return doc("Entity", name, f"country: {country}\n" if country else "")


def policy(
    insured: str, attested: bool = True, extra: str = "", insurer: str = "Example Versicherung AG"
) -> str:
    """A cyber policy of ``insurer`` on ``insured``, whose MFA condition on privileged access
    (100 %) was ``attested`` to it."""
    return doc(
        "InsurancePolicy",
        "cyber-2026",
        f"insurer: {insurer}\ninsured_entities: [{insured}]\n{extra}"
        "period: {start: 2026-04-01, end: 2027-03-31}\nconditions:\n"
        "  - {id: mfa-privileged, control_categories: [mfa_privileged], "
        "scope: [privileged_access], minimum_coverage_percent: 100, "
        f"attested: {'true' if attested else 'false'}}}\n",
    )


def message(cli, write, *documents: str) -> str:
    [finding] = check(cli, write, repo(*documents, CONTROL), ["INS-01"])
    said: str = finding["message"]
    assert GAP in said
    return said


def test_a_policy_insuring_only_german_entities_cites_the_vvg(cli, write) -> None:
    bank = entity("bank", "DE")
    said = message(cli, write, bank, entity("leasing", "DE"), policy("bank, leasing"))
    assert VVG in said
    assert "Travelers" not in said and "depends on the law" not in said


def test_a_german_condition_not_attested_says_what_a_declaration_would_risk(cli, write) -> None:
    said = message(cli, write, entity("bank", "DE"), policy("bank", attested=False))
    assert (
        "under insurer market practice a claim can be refused when a condition is not met, and "
        "had we declared it met, under German insurance contract law an inaccurate answer"
    ) in said
    assert said.endswith("or agree a change to the condition with the broker")
    assert "Travelers" not in said


def test_a_policy_insuring_only_uk_entities_cites_the_insurance_act_2015(cli, write) -> None:
    said = message(cli, write, entity("london-branch", "GB"), policy("london-branch"))
    assert INSURANCE_ACT in said
    assert "Travelers" not in said and "Versicherungsvertragsgesetz" not in said


def test_a_policy_insuring_only_dutch_entities_cites_the_burgerlijk_wetboek(cli, write) -> None:
    said = message(cli, write, entity("pension-fund", "NL"), policy("pension-fund"))
    assert (
        "we attested this condition to the insurer, and under Dutch insurance law we had to "
        "tell the insurer the facts we knew or ought to have known on which its decision "
        "whether, and on what terms, to insure us depends (Burgerlijk Wetboek art. 7:928(1))"
    ) in said
    assert "(art. 7:929(2))" in said and "(art. 7:930(5))" in said
    assert "Travelers" not in said


def test_the_policys_governing_law_comes_before_its_entities_countries(cli, write) -> None:
    """A German bank's policy placed in London under English law is read under the Insurance
    Act 2015, and a French firm's policy that chose German law under the VVG."""
    english = policy("bank", extra="governing_law_country: GB\n")
    said = message(cli, write, entity("bank", "DE"), english)
    assert INSURANCE_ACT in said and "Versicherungsvertragsgesetz" not in said
    german = policy("firm", extra="governing_law_country: DE\n")
    said = message(cli, write, entity("firm", "FR"), german)
    assert VVG in said and "Code des assurances" not in said


def test_a_policy_insuring_entities_in_two_countries_gives_the_us_case_as_an_example(
    cli, write
) -> None:
    said = message(
        cli, write, entity("bank", "DE"), entity("bank-uk", "GB"), policy("bank, bank-uk")
    )
    assert (
        "we attested this condition to the insurer, and what an inaccurate attestation costs "
        "depends on the law governing the policy, which neither its governing_law_country nor "
        f"its insured entities' countries tell, and can reach the whole cover: {EXAMPLE}: "
        "implement the control, or correct the attestation with the broker"
    ) in said
    assert "market practice" not in said  # the US case is not presented as the rule
    assert "Versicherungsvertragsgesetz" not in said and "Insurance Act" not in said


def test_an_insured_entity_recording_no_country_leaves_the_law_untold(cli, write) -> None:
    said = message(cli, write, entity("bank", "DE"), entity("spv", None), policy("bank, spv"))
    assert "which neither its governing_law_country nor its insured entities' countries" in said
    assert EXAMPLE in said


def test_a_law_resilint_cites_no_provisions_of_is_said_to_decide(cli, write) -> None:
    """An Italian insurer's policy on Italian entities: resilint knows no provisions of that law
    to cite, so it says the law decides, and the US case illustrates the stake."""
    said = message(cli, write, entity("banca", "IT"), policy("banca"))
    assert (
        "and what an inaccurate attestation costs depends on the law governing the policy, and "
        f"can reach the whole cover: {EXAMPLE}: implement the control"
    ) in said
    assert "neither its governing_law_country" not in said


def test_a_policy_insuring_only_french_entities_is_told_as_before(cli, write) -> None:
    said = message(cli, write, entity("firm", "FR"), policy("firm"))
    assert said.endswith(
        "; we attested this condition to the insurer, and under French insurance law an "
        "inexact declaration of the risk voids the policy where it was intentional (Code des "
        "assurances Art. L113-8) and otherwise reduces any indemnity in the ratio of the premium "
        "paid to the premium that would have been due (Art. L113-9): implement the control, or "
        "correct the declaration with the broker"
    )


def test_governing_law_country_is_a_country_code(cli, write) -> None:
    """The field is checked like every country code: a name is a schema error, said at it."""
    text = repo(entity("bank", "DE"), policy("bank", extra="governing_law_country: GB\n"))
    assert check(cli, write, text, ["SCH-01"]) == []
    wrong = text.replace("governing_law_country: GB", "governing_law_country: England")
    (error,) = check(cli, write, wrong, ["SCH-01"])
    assert "governing_law_country" in error["message"]
