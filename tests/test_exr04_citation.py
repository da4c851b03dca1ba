"""EXR-04's finding names the article it rests on (DORA Art. 11(6)(a)), as every regulatory
statement resilint makes must: 'DORA asks' alone sent the reader to the rule's documentation."""

from __future__ import annotations

from one_file import check, doc, repo


def test_an_untested_function_of_a_dora_entity_is_told_the_article(cli, write) -> None:
    entity = doc("Entity", "pay", "country: DE\nregimes: [dora]\n")
    function = doc("BusinessFunction", "support", "criticality: standard\nentities: [pay]\n")
    (finding,) = check(cli, write, repo(entity, function), ["EXR-04"])
    assert "DORA Art. 11(6)(a) asks that the plans" in finding["message"]
