"""EXR-04's finding names the article it rests on (DORA Art. 11(6)(a)), as every regulatory
statement resilint makes must: 'DORA asks' alone sent the reader to the rule's documentation."""

from __future__ import annotations

from one_file import check, doc, repo


def test_an_untested_function_of_a_dora_entity_is_told_the_article(cli, write) -> None:
    entity = doc("Entity", "pay", "country: DE\nregimes: [dora]\n")
    function = doc("BusinessFunction", "support", "criticality: standard\nentities: [pay]\n")
    (finding,) = check(cli, write, repo(entity, function), ["EXR-04"])
    assert "DORA Art. 11(6)(a) asks that the plans" in finding["message"]


def test_a_function_with_an_exercise_planned_is_told_that_exercise_not_asked_for_one(
    cli, write
) -> None:
    """An untested function that an exercise still to come lists: the gap stands (a plan is no
    test), but the finding names the exercise and its date and asks to hold it, where 'include
    it in an exercise' ignored the plan; once its date has passed the advice is as before."""
    entity = doc("Entity", "pay", "country: DE\nregimes: [dora]\n")
    function = doc("BusinessFunction", "support", "criticality: standard\nentities: [pay]\n")
    body = "date: 2027-02-17\nstatus: planned\ntype: tabletop\nfunctions: [support]\n"
    exercise = doc("Exercise", "ex-2027-02-tabletop", body)
    (finding,) = check(cli, write, repo(entity, function, exercise), ["EXR-04"])
    assert "exercise ex-2027-02-tabletop, planned for 2027-02-17" in finding["message"]
    assert "has not yet been held: hold it and record it as completed" in finding["message"]
    assert "include it in an exercise" not in finding["message"]
    passed = repo(entity, function, exercise.replace("2027-02-17", "2026-10-01"))
    (finding,) = check(cli, write, passed, ["EXR-04"])
    assert "include it in an exercise" in finding["message"]
